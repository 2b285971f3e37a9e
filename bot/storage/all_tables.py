"""Import every table module so SQLModel.metadata (and Alembic) sees every table."""

from bot.features import FEATURES
from bot.scheduling import tables as scheduling_tables
from bot.storage import tables

__all__ = ["FEATURES", "scheduling_tables", "tables"]
