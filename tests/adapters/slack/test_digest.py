"""The weekly digest on Slack: one DM on Monday at the member's time, escaped, never twice."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import Hub
from bot.config import Settings
from bot.core.actors import Actor
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import Workspace, texts
from tests.adapters.slack.fake_slack import CHANNEL, TEAM
from tests.fakes import FakeClock
from tests.features.leaderboard.flow import give


def _letters(slack: Workspace) -> list[str]:
    return [texts(c) for c in slack.fake.of("chat.postMessage") if "Your week" in texts(c)]


def _to(slack: Workspace) -> list[str]:
    """The DM channels the digests went to, in order."""
    return [c["channel"] for c in slack.fake.of("chat.postMessage") if "Your week" in texts(c)]


async def test_a_member_gets_one_digest_at_their_practice_time_and_digest_off_gets_none(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    clock.set(datetime(2026, 12, 2, 10, tzinfo=UTC))
    await slack.command("daily at:18:00 timezone:Europe/Paris", user="U1", command="/practice")
    await slack.command("set digest:off", user="U2", command="/profile")
    await slack.fake.wait_responses(2)
    for user, points in (("U1", 20), ("U2", 20), ("U3", 5)):
        give(hub, Actor("slack", TEAM, user, user.lower(), channel_id=CHANNEL), points)
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})
    clock.set(datetime(2026, 12, 7, 16, 59, tzinfo=UTC))  # 17:59 in Paris
    await runner.tick()
    assert _to(slack) == ["DU3"]  # U3 at 09:00 in the workspace's zone (UTC)
    clock.set(datetime(2026, 12, 7, 17, tzinfo=UTC))
    await runner.tick()
    letters = _letters(slack)
    assert len(letters) == 2
    # U2 turned the digest off but still shares the top of the board with U1, as /leaderboard says.
    assert "*Last week* (Mon 30 Nov – Sun 6 Dec): 0 answers · 20 pts · =1" in letters[1]
    assert "*Rank:* =1 all time (new on the board this week)" in letters[1]
    assert _to(slack) == ["DU3", "DU1"]  # U1 at 18:00 in Paris, their practice DM time
    clock.set(datetime(2026, 12, 7, 20, tzinfo=UTC))
    await runner.tick()
    assert len(_letters(slack)) == 2
