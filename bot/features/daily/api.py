"""What other features may use of the question of the day."""

from __future__ import annotations

from bot.features.daily.store import answered_question_ids, answers_between

__all__ = ["answered_question_ids", "answers_between"]
