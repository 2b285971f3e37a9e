"""`preploop run` paces each platform at the limits its adapter declares."""

from __future__ import annotations

from bot.adapters.discord.pace import PACE as DISCORD_PACE
from bot.adapters.slack.pace import PACE as SLACK_PACE
from bot.runner import platform_paces


def test_each_connected_platform_is_paced_by_its_adapter() -> None:
    paces = platform_paces({"discord": object(), "slack": object()})
    assert paces == {"discord": DISCORD_PACE, "slack": SLACK_PACE}
    assert DISCORD_PACE.per_second == 50  # Discord's global limit per bot token
    assert SLACK_PACE.channel_gap == 1.0  # about one message a second per Slack channel


def test_a_platform_not_connected_gets_no_pace() -> None:
    assert platform_paces({"console": object()}) == {}
