"""`/question suggest` for members and `/question add` for admins: the same form and checks."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError
from bot.bank.community import slug_for
from bot.core.cards import Reply, UserText, rich
from bot.core.words import plural
from bot.features.suggestions.bank import add_to_bank
from bot.features.suggestions.form import (
    FormOptions,
    decode,
    encode,
    question_modal,
    read_question,
    taken_slugs,
)
from bot.features.suggestions.store import SuggestionStore
from bot.features.suggestions.tables import Suggestion

ROUTES = Registry()
PENDING_LIMIT = 5  # a member's suggestions waiting at once: enough to share, not to flood


@ROUTES.command("question", "suggest", "Suggest a question for this community's bank", FormOptions)
def suggest(ctx: Ctx, options: FormOptions) -> Reply:
    """Open the suggestion form, unless the member has enough waiting already."""
    _refuse_when_full(ctx)
    return Reply.open(question_modal("Suggest a question", "sg.new", encode(options), {}))


@ROUTES.submit("sg.new")
def save_suggestion(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Check a suggestion like the bank's questions and queue it for the admins."""
    _refuse_when_full(ctx)
    keys = decode(value)
    slug = slug_for(fields.get("title") or "", taken_slugs(ctx))
    question = read_question(ctx, keys, fields, slug)
    data = question.stored()
    suggestion = Suggestion(
        community_id=ctx.community_id,
        member_id=ctx.member_id,
        fields=data,
        created_at=ctx.clock.now(),
    )
    ctx.store(SuggestionStore).add(suggestion)
    return Reply.note(
        "An admin reviews it; you will hear the decision by direct message, and an approved "
        "question earns you points once.",
        rich("Thanks! Your question is waiting for review: ", UserText(question.title)),
    )


def _refuse_when_full(ctx: Ctx) -> None:
    waiting = ctx.store(SuggestionStore).pending_of(ctx.member_id)
    if waiting >= PENDING_LIMIT:
        raise UserError(
            f"You have {plural(waiting, 'suggestion')} waiting for an admin already. "
            "Send the next one once they are reviewed."
        )


@ROUTES.command(
    "question", "add", "Add a question to this community's own bank", FormOptions, admin=True
)
def add(_ctx: Ctx, options: FormOptions) -> Reply:
    """Open the question form for the community's own bank."""
    return Reply.open(question_modal("Add a question", "bank.add", encode(options), {}))


@ROUTES.submit("bank.add", admin=True)
def save_added(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Check an admin's question like the bank's and add it to the community's bank."""
    if not ctx.actor.is_admin:
        raise UserError("Only community admins can add questions to the bank.")
    keys = decode(value)
    slug = slug_for(fields.get("title") or "", taken_slugs(ctx))
    question = read_question(ctx, keys, fields, slug)
    add_to_bank(ctx, question)
    return Reply.note(
        f"Its id is `{slug}`; `preploop content export --community {ctx.community_id}` "
        "lists the community's questions.",
        rich("Added to this community's bank: ", UserText(question.title)),
    )
