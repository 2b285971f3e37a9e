"""The dashboard's queries: its own settings, and the numbers its admin page reads."""

from bot.features.dashboard.store.numbers import NumbersStore
from bot.features.dashboard.store.settings import DashboardStore

__all__ = ["DashboardStore", "NumbersStore"]
