"""Adding to a community's own bank, from a form, an approval or an imported file."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.bank.community import CommunityQuestion, question_id
from bot.features.suggestions.store import SuggestionStore
from bot.storage.tables import Member, Question


def add_to_bank(ctx: Ctx, question: CommunityQuestion, author: Member | None = None) -> Question:
    """Store a checked question in the caller's community, credited to its author if any."""
    row = Question(
        id=question_id(ctx.community_id, question.id),
        community_id=ctx.community_id,
        category=question.category,
        difficulty=question.difficulty,
        title=question.title,
        data=question.stored(),
        suggested_by=author.id if author is not None else None,
        credit=author.display_name or None if author is not None else None,
        updated_at=ctx.clock.now(),
    )
    ctx.store(SuggestionStore).save_question(row)
    return row
