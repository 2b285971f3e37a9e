"""Import every table module so SQLModel.metadata (and Alembic) sees every table."""

from bot.features.mock import tables as tables_mock
from bot.features.story import tables as tables_story
from bot.storage import tables, tables_sprints

__all__ = ["tables", "tables_mock", "tables_sprints", "tables_story"]
