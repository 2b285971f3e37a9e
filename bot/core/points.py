"""Points for every kind of award, in one table."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    DAILY_ANSWER = "daily_answer"
    STREAK_BONUS = "streak_bonus"
    MOCK_COMPLETED = "mock_completed"
    FEEDBACK_GIVEN = "feedback_given"
    STORY_SUBMITTED = "story_submitted"
    STORY_REVIEW = "story_review"
    REVIEW_HELPFUL = "review_helpful"
    NO_SHOW = "no_show"
    SUGGESTION_APPROVED = "suggestion_approved"


POINTS: dict[Reason, int] = {
    Reason.DAILY_ANSWER: 10,
    Reason.STREAK_BONUS: 2,
    Reason.MOCK_COMPLETED: 30,
    Reason.FEEDBACK_GIVEN: 10,
    Reason.STORY_SUBMITTED: 15,
    Reason.STORY_REVIEW: 10,
    Reason.REVIEW_HELPFUL: 5,
    Reason.NO_SHOW: -20,
    Reason.SUGGESTION_APPROVED: 20,
}
STREAK_BONUS_CAP = 10
