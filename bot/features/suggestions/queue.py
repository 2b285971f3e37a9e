"""`/question suggestions`: the admins' queue, oldest first, with Approve, Edit and Deny."""

from __future__ import annotations

from typing import Any

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, row_id
from bot.bank.community import CommunityQuestion, slug_for
from bot.core.cards import Card, Input, Message, Modal, Reply, UserText, Visibility, rich
from bot.features.suggestions.bank import add_to_bank
from bot.features.suggestions.cards import decision_card, denial_card, review_card
from bot.features.suggestions.form import question_modal, read_question, taken_slugs
from bot.features.suggestions.store import PENDING, SuggestionStore
from bot.features.suggestions.tables import Suggestion

ROUTES = Registry()
ADMINS_ONLY = "Only community admins can review suggested questions."
REASON_LIMIT = 500
EMPTY = "No suggested questions are waiting. Members send them with `/question suggest`."


@ROUTES.command("question", "suggestions", "Review the questions members suggested", admin=True)
def show_queue(ctx: Ctx, _: NoOptions) -> Reply:
    """Show the oldest suggestion waiting, with how many follow it."""
    return _next_in_queue(ctx)


def _next_in_queue(ctx: Ctx, done: Message | None = None) -> Reply:
    """The admin's answer: what was just done, if anything, then the oldest suggestion left."""
    store = ctx.store(SuggestionStore)
    waiting = store.pending()
    messages = [done] if done is not None else []
    if not waiting:
        messages.append(Message(Card(text=EMPTY)))
        return Reply(messages)
    oldest = waiting[0]
    author = store.member(oldest.member_id)
    name = author.display_name if author is not None else "a member"
    messages.append(Message(review_card(oldest, name or "a member", len(waiting))))
    return Reply(messages)


def _pending(ctx: Ctx, raw: str) -> Suggestion:
    """A suggestion of this community still waiting, for an admin; refuse anything else."""
    if not ctx.actor.is_admin:
        raise UserError(ADMINS_ONLY)
    found = row_id(raw)
    suggestion = None if found is None else ctx.store(SuggestionStore).suggestion(found)
    if suggestion is None:
        raise UserError("That suggestion is gone (its author may have erased their data).")
    if suggestion.status != PENDING:
        raise UserError(f"That suggestion was already {suggestion.status}. Nothing changed.")
    return suggestion


def _checked(
    ctx: Ctx, suggestion: Suggestion, slug: str, texts: dict[str, Any]
) -> CommunityQuestion:
    """The suggestion as a bank question, checked again (the bank may have grown meanwhile)."""
    keys = {name: suggestion.fields[name] for name in ("category", "rounds", "difficulty")}
    boxes = {
        name: "\n".join(value) if isinstance(value, list) else str(value)
        for name, value in texts.items()
        if name in ("title", "prompt", "hints", "strong_answer")
    }
    return read_question(ctx, keys, boxes, slug)


@ROUTES.action("sg.approve", admin=True)
def approve(ctx: Ctx, value: str) -> Reply:
    """Add the suggestion to the community's bank, credit and reward its author, tell them."""
    suggestion = _pending(ctx, value)
    store = ctx.store(SuggestionStore)
    slug = slug_for(suggestion.fields.get("title", ""), taken_slugs(ctx))
    question = _checked(ctx, suggestion, slug, suggestion.fields)
    author = store.member(suggestion.member_id)
    row = add_to_bank(ctx, question, author)
    suggestion.status, suggestion.question_id = "approved", row.id
    suggestion.decided_at = ctx.clock.now()
    assert suggestion.id is not None
    points = store.award(ctx, suggestion.member_id, suggestion.id)
    done = Message(
        Card(text=rich("Approved: ", UserText(question.title), ". It joins this community's bank."))
    )
    reply = _next_in_queue(ctx, done)
    if author is not None:
        card = decision_card(suggestion, points)
        reply.messages.append(Message(card, Visibility.DIRECT, to_member=author.external_id))
    return reply


@ROUTES.action("sg.edit", admin=True)
def edit(ctx: Ctx, value: str) -> Reply:
    """Open the suggestion in its form, for an admin to improve before approving."""
    suggestion = _pending(ctx, value)
    return Reply.open(
        question_modal("Edit the suggestion", "sg.edit", str(suggestion.id), suggestion.fields)
    )


@ROUTES.submit("sg.edit", admin=True)
def save_edit(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Keep an admin's edit of a suggestion (checked like the bank) and show it again."""
    suggestion = _pending(ctx, value)
    slug = slug_for(fields.get("title") or "", taken_slugs(ctx))
    question = _checked(ctx, suggestion, slug, fields)
    suggestion.fields = question.stored()
    store = ctx.store(SuggestionStore)
    author = store.member(suggestion.member_id)
    name = (author.display_name if author is not None else "") or "a member"
    return Reply.ephemeral(review_card(suggestion, name, len(store.pending())))


@ROUTES.action("sg.deny", admin=True)
def ask_reason(ctx: Ctx, value: str) -> Reply:
    """Ask the admin why, for the member's direct message."""
    suggestion = _pending(ctx, value)
    reason = Input(
        "reason",
        "Why not? The member reads this",
        REASON_LIMIT,
        placeholder="e.g. The bank already covers this; try a twist on it.",
    )
    return Reply.open(
        Modal("Deny the suggestion", "sg.deny", str(suggestion.id), (reason,), "Deny")
    )


@ROUTES.submit("sg.deny", admin=True)
def deny(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Deny a suggestion with the admin's reason and tell its author by direct message."""
    suggestion = _pending(ctx, value)
    reason = " ".join((fields.get("reason") or "").split())
    if not reason:
        raise UserError("Give the member a reason; they read it in a direct message.")
    if len(reason) > REASON_LIMIT:
        raise UserError(f"Keep the reason to {REASON_LIMIT} characters.")
    suggestion.status, suggestion.reason = "denied", reason
    suggestion.decided_at = ctx.clock.now()
    title = UserText(suggestion.fields.get("title", ""))
    reply = _next_in_queue(
        ctx, Message(Card(text=rich("Denied: ", title, ". The member is told why.")))
    )
    author = ctx.store(SuggestionStore).member(suggestion.member_id)
    if author is not None:
        card = denial_card(suggestion)
        reply.messages.append(Message(card, Visibility.DIRECT, to_member=author.external_id))
    return reply
