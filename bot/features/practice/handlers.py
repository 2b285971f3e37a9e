"""Practice: questions due for review come back after growing intervals; a daily DM if wanted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option, row_id
from bot.bank.cards import practice_card, reveal_card, shown
from bot.core.cards import Button, Card, Reply, rich
from bot.core.clock import local_date
from bot.core.repetition import RATINGS
from bot.core.timezones import ZoneError, canonical_zone
from bot.features.practice.picking import pick_practice
from bot.features.practice.ratings import record_rating
from bot.features.practice.store import PracticeStore
from bot.features.practice.tables import PracticePref
from bot.storage.tables import Question

ROUTES = Registry()


def _question(ctx: Ctx, question_id: str) -> Question:
    question = ctx.store(PracticeStore).question(question_id)
    if question is None:
        raise UserError("That question is no longer in the bank. Try /practice for another.")
    return question


@ROUTES.command(
    "practice", "next", "A question due for your review (only you see it)", default=True
)
def practice(ctx: Ctx, _: NoOptions) -> Reply:
    today = local_date(ctx.clock, ctx.member.timezone or ctx.community.timezone)
    found = pick_practice(ctx.store(PracticeStore), ctx.member_id, today)
    if found is None:
        return Reply.note("The question bank is empty, so there is nothing to practise yet.")
    return Reply.ephemeral(practice_card(*found))


@dataclass(frozen=True, kw_only=True)
class DailyPracticeOptions:
    """`/practice daily at:… timezone:…`."""

    at: time = option("Local time, like 08:00", kind="time", required=True)
    timezone: str | None = option("Your time zone, like Europe/Berlin", kind="timezone")


@ROUTES.command(
    "practice",
    "daily",
    "Get a practice question by direct message every day",
    DailyPracticeOptions,
)
def practice_daily(ctx: Ctx, options: DailyPracticeOptions) -> Reply:
    tz = options.timezone or _stored_zone(ctx.member.timezone or ctx.community.timezone)
    at = options.at.strftime("%H:%M")
    store = ctx.store(PracticeStore)
    pref = store.pref_of(ctx.member_id)
    if pref is None:
        pref = PracticePref(
            member_id=ctx.member_id, community_id=ctx.community_id, at_time=at, timezone=tz
        )
        store.add_pref(pref)
    pref.enabled, pref.at_time, pref.timezone = True, at, tz
    ctx.member.timezone = tz
    return Reply.note(
        f"Done: a practice question reaches you by DM every day at {pref.at_time} ({tz})."
    )


def _stored_zone(stored: str) -> str:
    """Check a zone saved before every command used one rule (it may read "CET")."""
    try:
        return canonical_zone(stored)
    except ZoneError as error:
        raise UserError(rich(*error.text.parts, " Add `timezone:` to the command.")) from None


@ROUTES.command("practice", "stop", "Stop the daily practice message")
def practice_stop(ctx: Ctx, _: NoOptions) -> Reply:
    pref = ctx.store(PracticeStore).pref_of(ctx.member_id)
    if pref is None or not pref.enabled:
        return Reply.note("You don't get daily practice messages, so there is nothing to stop.")
    pref.enabled = False
    return Reply.note("Stopped. `/practice daily at:08:00` turns it back on.")


@ROUTES.action("p.hint")
def practice_hint(ctx: Ctx, value: str) -> Reply:
    question_id, _, raw = value.rpartition(":")
    question = _question(ctx, question_id)
    hints = [str(h) for h in question.data.get("hints", [])]
    index = min(max(row_id(raw) or 0, 0), max(len(hints) - 1, 0))
    if not hints:
        return Reply.note("This question has no hints.")
    more = (
        (Button("Next hint", "p.hint", f"{question.id}:{index + 1}"),)
        if index + 1 < len(hints)
        else ()
    )
    return Reply.ephemeral(
        Card(
            title=f"Hint {index + 1} of {len(hints)}",
            text=shown(question, hints[index]),
            buttons=more,
        )
    )


@ROUTES.action("p.reveal")
def practice_reveal(ctx: Ctx, value: str) -> Reply:
    return Reply.ephemeral(reveal_card(_question(ctx, value)))


@ROUTES.action("p.rate")
def practice_rate(ctx: Ctx, value: str) -> Reply:
    question_id, _, rating = value.rpartition(":")
    if rating not in RATINGS:
        raise UserError("That button no longer works. Run /practice again.")
    return record_rating(ctx, _question(ctx, question_id), rating)
