"""What admins see of the members' plans: how many, and when the interviews are (no names)."""

from __future__ import annotations

from datetime import date

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry
from bot.core.cards import Card, Field, Reply
from bot.features.prep.store import PrepStore

ROUTES = Registry()

BUCKETS = ((7, "this week"), (14, "next week"), (28, "in 3-4 weeks"), (56, "in 5-8 weeks"))


def buckets(dates: list[date], today: date) -> list[tuple[str, int]]:
    """Count interview dates by how far away they are."""
    counts = dict.fromkeys([label for _, label in BUCKETS] + ["later"], 0)
    for day in dates:
        away = (day - today).days
        label = next((name for limit, name in BUCKETS if away <= limit), "later")
        counts[label] += 1
    return list(counts.items())


def dates_line(dates: list[date], today: date) -> str:
    """ "3 members have a prep plan; interviews: this week 1 · next week 2"."""
    if not dates:
        return "No member has a prep plan yet (`/prep start date:…`)."
    spread = " · ".join(f"{label} {n}" for label, n in buckets(dates, today) if n)
    who = "1 member has" if len(dates) == 1 else f"{len(dates)} members have"
    return f"{who} a prep plan; interviews: {spread}"


@ROUTES.command("prep", "overview", "How many members have a prep plan, and when", admin=True)
def prep_overview(ctx: Ctx, _: NoOptions) -> Reply:
    today = ctx.today()
    dates = ctx.store(PrepStore).interview_dates(today)
    bars = "\n".join(f"`{label:<13}` {'▇' * min(n, 30)} {n}" for label, n in buckets(dates, today))
    return Reply.ephemeral(
        Card(
            title="Prep plans",
            text=dates_line(dates, today),
            fields=(Field("Interviews", bars),) if dates else (),
            footer="Counts only: no member is named.",
        )
    )
