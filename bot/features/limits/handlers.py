"""`/admin limits`: show or change how fast members may go and how many stories they keep."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.context import Ctx
from bot.app.registry import Registry, option
from bot.core.cards import Card, Field, Reply
from bot.features.limits.api import STORIES_PER_MEMBER
from bot.features.limits.store import LimitsStore

ROUTES = Registry()
MAX_RATE = 600
MAX_STORIES = 500


@dataclass(frozen=True, kw_only=True)
class LimitsOptions:
    """`/admin limits [rate:<0-600>] [stories:<1-500>]`."""

    rate: int | None = option(
        "Commands and button presses a minute per member (0: no limit)",
        "int",
        min_value=0,
        max_value=MAX_RATE,
    )
    stories: int | None = option(
        "Live stories each member may keep", "int", min_value=1, max_value=MAX_STORIES
    )


def _rate_text(rate: int | None, default: int) -> str:
    """The pace as an admin reads it; the operator's 0 (RATE_LIMIT_PER_MINUTE) wins over all."""
    if default <= 0:
        return "no limit (this bot's operator turned the pace limit off)"
    if rate is None:
        return f"{default} a minute (the default)"
    return "no limit" if rate == 0 else f"{rate} a minute"


@ROUTES.command(
    "admin",
    "limits",
    "How fast members may go, how many stories they keep",
    LimitsOptions,
    admin=True,
    default=True,
)
def limits(ctx: Ctx, options: LimitsOptions) -> Reply:
    """Show the community's limits, changing the ones given first."""
    store = ctx.store(LimitsStore)
    row = store.limits()
    if options.rate is not None:
        row.rate_per_minute = options.rate
    if options.stories is not None:
        row.stories_per_member = options.stories
    changed = options.rate is not None or options.stories is not None
    if changed:
        store.save(row)
    stories = row.stories_per_member or STORIES_PER_MEMBER
    pace = _rate_text(row.rate_per_minute, ctx.rate_limit)
    fields = (
        Field("Pace", f"{pace} per member (commands and button presses); admins are not limited"),
        Field("Stories", f"{stories} live stories per member"),
    )
    title = "Limits changed" if changed else "This community's limits"
    footer = "Change them with `/admin limits rate:<0-600> stories:<1-500>`."
    return Reply.ephemeral(Card(title=title, fields=fields, footer=footer))
