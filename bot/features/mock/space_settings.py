"""`/mock settings space:on|off`: whether each confirmed pair gets a private space."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.features.mock.tables import MockSettings


def set_space(ctx: Ctx, settings: MockSettings, on: bool) -> None:
    """Turn private spaces on (under this channel, on Discord) or off; a new start warns anew."""
    settings.private_space = on
    if on:
        settings.space_channel = ctx.actor.channel_id
        settings.space_admin_id = ctx.member_id
        settings.space_warned = False


def space_text(settings: MockSettings) -> str:
    """Say what the private-space setting does, in plain words."""
    if not settings.private_space:
        return "off: pairs meet by direct message"
    return (
        "on: at the confirmed time each pair gets a private thread (Discord, under the channel "
        "where it was turned on) or a group DM (Slack), removed a day later"
    )
