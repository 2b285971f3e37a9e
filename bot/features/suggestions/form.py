"""The question form a member suggests with and an admin adds with: its inputs and its checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.app.context import Ctx
from bot.app.registry import UserError, option
from bot.bank.community import CommunityQuestion, friendly, question_id, same_as, slug_of
from bot.core.cards import Input, Modal, UserText, rich
from bot.core.vocabulary import CATEGORIES, DIFFICULTIES, ROUND_CATEGORIES, ROUNDS
from bot.features.suggestions.store import SuggestionStore

STALE = "That form is out of date. Run the command again."
# Within the bank's own limits, and short enough that the review card shows the hints and the
# strong answer whole in a Discord embed field (1024 characters, with a bullet a line).
LIMITS = {"title": 120, "prompt": 1800, "hints": 900, "strong_answer": 960}
LABELS = {
    "title": "Title (a few words)",
    "prompt": "The question, as a candidate hears it",
    "hints": "Hints, one a line (up to three)",
    "strong_answer": "What a strong answer covers, one a line",
}
PLACEHOLDERS = {
    "title": "e.g. Deduplicate a click stream",
    "prompt": "What you would ask in the interview, with any constraints.",
    "hints": "One a line (or on one line, split by | ): a nudge, an approach, the key insight",
    "strong_answer": "At least three points an interviewer listens for, one a line (or | ).",
}


@dataclass(frozen=True, kw_only=True)
class FormOptions:
    """`/question suggest category:<c> difficulty:<d> [round:<r>]` (and `/question add`)."""

    category: str = option("What kind of question", "choice", required=True, choices=CATEGORIES)
    difficulty: str = option("How hard it is", "choice", required=True, choices=DIFFICULTIES)
    round: str | None = option("The interview round it fits (optional)", "choice", choices=ROUNDS)


def encode(options: FormOptions) -> str:
    """Carry the chosen keys in the form's value, as short indexes."""
    chosen = options.round or default_round(options.category)
    keys = (CATEGORIES.index(options.category), ROUNDS.index(chosen))
    return f"{keys[0]},{keys[1]},{DIFFICULTIES.index(options.difficulty)}"


def decode(raw: str) -> dict[str, Any]:
    """Read the keys back from a form's value, refusing anything forged."""
    parts = raw.split(",")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise UserError(STALE)
    indexes = [int(part) for part in parts]
    vocab = (CATEGORIES, ROUNDS, DIFFICULTIES)
    if not all(i < len(words) for i, words in zip(indexes, vocab, strict=True)):
        raise UserError(STALE)
    category, round_, difficulty = (words[i] for i, words in zip(indexes, vocab, strict=True))
    return {"category": category, "rounds": [round_], "difficulty": difficulty}


def default_round(category: str) -> str:
    """The first round that asks this category."""
    return next(r for r, asked in ROUND_CATEGORIES.items() if category in asked)


def question_modal(title: str, action: str, value: str, filled: dict[str, Any]) -> Modal:
    """The form: a title, the prompt, up to three hints and what a strong answer covers."""

    def box(name: str) -> Input:
        text = filled.get(name, "")
        shown = "\n".join(text) if isinstance(text, list) else str(text)
        return Input(
            name,
            LABELS[name],
            LIMITS[name],
            multiline=name != "title",
            placeholder=PLACEHOLDERS[name],
            value=shown,
        )

    return Modal(title, action, value, tuple(box(name) for name in LIMITS), "Send")


def lines(text: str) -> list[str]:
    """The entries of a one-a-line box (or, typed on one line, split by " | "), unbulleted."""
    entries = text.splitlines()
    if len(entries) == 1:
        entries = entries[0].split(" | ")
    return [entry.strip().lstrip("-•*").strip() for entry in entries if entry.strip()]


def read_question(
    ctx: Ctx, keys: dict[str, Any], fields: dict[str, str], slug: str
) -> CommunityQuestion:
    """Check a filled form like the shipped bank's questions; refuse with every reason."""
    texts = {name: (fields.get(name) or "") for name in LIMITS}
    try:
        question = CommunityQuestion(
            id=slug,
            **keys,
            topic=keys["category"].replace("_", "-"),
            title=" ".join(texts["title"].split()),
            prompt=texts["prompt"].strip(),
            hints=lines(texts["hints"]),
            strong_answer=lines(texts["strong_answer"]),
        )
    except ValidationError as error:
        reasons = "\n".join(f"• {reason}" for reason in friendly(error))
        raise UserError(
            f"The question needs a little more:\n{reasons}\nNothing was saved."
        ) from None
    bank = ctx.store(SuggestionStore).visible_bank()
    alike = same_as(question, bank, question_id(ctx.community_id, slug))
    if alike is not None:
        title, why = alike
        raise UserError(
            rich(
                "This asks what the bank already asks in “",
                UserText(title),
                f"” ({why}). Ask something different, or a harder twist on it. Nothing was saved.",
            )
        )
    return question


def taken_slugs(ctx: Ctx) -> set[str]:
    """The ids the community's own questions already use."""
    return {slug_of(q.id) for q in ctx.store(SuggestionStore).own_questions()}
