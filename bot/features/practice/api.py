"""What other features may use of practice."""

from __future__ import annotations

from bot.features.practice.ratings import record_rating

__all__ = ["record_rating"]
