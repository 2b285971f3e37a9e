"""`/mock history`: the feedback a member received and gave, with rubric averages per round.

Each round shows its criterion averages and the mean score of every mock in order, so a
member sees the trend; the timeline below lists each feedback, newest first, a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, option, row_id
from bot.core.cards import Button, Card, Field, Mention, Reply, Rich, rich
from bot.core.mock_followup import averages, mean
from bot.core.words import plural
from bot.features.mock.cards import round_name
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockFeedback

ROUTES = Registry()

PAGE_SIZE = 6
TREND_POINTS = 8
EMPTY = (
    "No mock feedback yet. After a mock, `/mock done` sends yours to your partner; the "
    "feedback you receive and give shows here, with your averages per round."
)


@dataclass(frozen=True)
class HistoryOptions:
    page: int | None = option("Which page of the timeline (1 is the newest)", "int", min_value=1)


@ROUTES.command(
    "mock",
    "history",
    "Feedback you received and gave, with averages per round",
    HistoryOptions,
)
def mock_history(ctx: Ctx, options: HistoryOptions) -> Reply:
    return Reply.ephemeral(history_card(ctx, options.page or 1))


@ROUTES.action("mock.history")
def history_page(ctx: Ctx, value: str) -> Reply:
    page = row_id(value)
    if page is None:
        raise UserError("That page is gone. `/mock history` shows the newest.")
    return Reply.ephemeral(history_card(ctx, page))


def history_card(ctx: Ctx, page: int) -> Card:
    """The caller's feedback history: averages per round received, then one page of timeline."""
    rows = ctx.store(MockStore).feedback_history(ctx.member_id)
    if not rows:
        return Card(title="Your mock feedback", text=EMPTY)
    received = [(f, when) for f, when in rows if f.to_member_id == ctx.member_id]
    given = [f for f, _ in rows if f.from_member_id == ctx.member_id]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    newest = list(reversed(rows))[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    tz = timezone_of(ctx.member, ctx.community)
    fields = (*_rounds(received), _timeline(ctx, newest, tz))
    buttons = []
    if page > 1:
        buttons.append(Button("Newer", "mock.history", str(page - 1)))
    if page < pages:
        buttons.append(Button("Older", "mock.history", str(page + 1)))
    return Card(
        title="Your mock feedback",
        text=_summary(len(received), given),
        fields=fields,
        buttons=tuple(buttons),
        footer=f"Page {page} of {pages} · scores out of 4" if pages > 1 else "Scores out of 4",
    )


def _summary(received: int, given: list[MockFeedback]) -> str:
    helpful = sum(1 for f in given if f.helpful_at is not None)
    text = f"You received {plural(received, 'feedback form')} and gave {len(given)}"
    return text + (f" ({helpful} marked helpful)." if given else ".")


def _rounds(received: list[tuple[MockFeedback, datetime]]) -> list[Field]:
    """One field per round received: criterion averages and each mock's mean score in order."""
    by_round: dict[str, list[MockFeedback]] = {}
    for feedback, _ in received:
        by_round.setdefault(feedback.round, []).append(feedback)
    fields = []
    for round_id, forms in by_round.items():
        found = averages(f.scores for f in forms)
        line = " · ".join(f"{name} {value:.1f}" for name, value in found.items())
        trend = " → ".join(f"{mean(f.scores):.1f}" for f in forms[-TREND_POINTS:])
        name = f"{round_name(round_id)}: {plural(len(forms), 'mock')}"
        fields.append(Field(name, f"Average: {line}\nOver time: {trend}"))
    return fields


def _timeline(ctx: Ctx, rows: list[tuple[MockFeedback, datetime]], tz: str) -> Field:
    lines: list[str] = []
    for feedback, when in rows:
        lines += ["\n" if lines else "", *_line(ctx, feedback, when, tz).parts]
    return Field("Timeline, newest first", rich(*lines))


def _line(ctx: Ctx, feedback: MockFeedback, when: datetime, tz: str) -> Rich:
    local = when.astimezone(ZoneInfo(tz))
    day = f"{local:%a} {local.day} {local:%b} · {round_name(feedback.round)} · "
    score = f" · mean {mean(feedback.scores):.1f}"
    helpful = " · marked helpful" if feedback.helpful_at is not None else ""
    store = ctx.store(MockStore)
    if feedback.to_member_id == ctx.member_id:
        giver = store.member_or_none(feedback.from_member_id)
        who = rich("from ", Mention(giver.external_id)) if giver else rich("from a past member")
    else:
        taker = store.member_or_none(feedback.to_member_id)
        who = rich("you scored ", Mention(taker.external_id)) if taker else rich("you scored")
    return rich(day, *who.parts, score, helpful)
