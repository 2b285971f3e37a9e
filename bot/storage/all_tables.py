"""Import every table module so SQLModel.metadata (and Alembic) sees every table."""

from bot.storage import tables, tables_mock, tables_sprints, tables_story

__all__ = ["tables", "tables_mock", "tables_sprints", "tables_story"]
