"""Points: every award is one ledger row, unique per member, reason and reference."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from bot.core.points import POINTS, Reason
from bot.services.context import Ctx
from bot.storage.tables import LedgerEntry


def award(
    ctx: Ctx,
    reason: Reason,
    reference: str,
    member_id: int | None = None,
    points: int | None = None,
) -> int:
    """Record an award once; return the points given now (0 when it was already given)."""
    given = POINTS[reason] if points is None else points
    values = {
        "community_id": ctx.community_id,
        "member_id": member_id if member_id is not None else ctx.member_id,
        "reason": reason.value,
        "reference": reference[:128],
        "points": given,
        "created_at": ctx.clock.now(),
    }
    dialect = ctx.session.get_bind().dialect.name
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(LedgerEntry)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["member_id", "reason", "reference"])
    )
    result: Any = ctx.session.execute(statement)
    return given if result.rowcount else 0
