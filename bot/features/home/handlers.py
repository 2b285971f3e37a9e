"""`/home`: the member's home as one private card (the Slack App Home shows the same)."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry
from bot.core.cards import Reply
from bot.core.home import Home
from bot.features.home.cards import home_card
from bot.features.home.gather import gather_home

ROUTES = Registry()


@ROUTES.command("home", "show", "Your points, today's question, mocks and stories", default=True)
def show_home(ctx: Ctx, _: NoOptions) -> Reply:
    """Show the caller's home privately; today's question is this channel's if it has one."""
    return Reply.ephemeral(home_card(gather_home(ctx, ctx.actor.channel_id)))


def home_of(ctx: Ctx) -> Home:
    """The caller's home page for the Slack App Home (no channel: their own channel's question)."""
    return gather_home(ctx)
