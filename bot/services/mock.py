"""The mock feature: peer mock interviews paired by target role (its parts register here)."""

from __future__ import annotations

# Imported in the order their commands should appear in `/help`.
from bot.services import (  # isort: skip
    mock_queue,
    mock_feedback,
    mock_noshow,
    mock_dispute,
    mock_expiry,
    mock_rounds,
    mock_admin,
    mock_schedule,
    mock_wait,
)
from bot.services.mock_feedback import member_left
from bot.services.mock_rounds import close_mock_round, open_mock_round

__all__ = [
    "close_mock_round",
    "member_left",
    "mock_admin",
    "mock_dispute",
    "mock_expiry",
    "mock_feedback",
    "mock_noshow",
    "mock_queue",
    "mock_rounds",
    "mock_schedule",
    "mock_wait",
    "open_mock_round",
]
