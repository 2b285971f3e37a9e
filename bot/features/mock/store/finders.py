"""Queries across communities, for the scheduler's finders."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import col, select

from bot.core.mock_rules import stale_since
from bot.features.mock.tables import (
    MockNoShow,
    MockPairing,
    MockProfile,
    MockRequest,
    MockRound,
    MockSettings,
)
from bot.storage.tables import Community
from bot.storage.uow import Session

# The finders' queries are built once, with the moment as a parameter: the scheduler asks
# them every tick, and building a statement costs more than running it on an idle database.
_ROUNDS_CLOSING = (
    select(MockRound, Community)
    .join(Community, col(Community.id) == MockRound.community_id)
    .where(MockRound.status == "open", col(MockRound.closes_at) <= bindparam("now"))
)


def rounds_closing(session: Session, now: datetime) -> list[tuple[MockRound, Community]]:
    """Open rounds whose RSVP window has ended, with their community."""
    rows = session.exec(_ROUNDS_CLOSING, params={"now": now})
    return [(found, community) for found, community in rows]


_DUE_REPORTS = (
    select(MockNoShow, Community)
    .join(Community, col(Community.id) == MockNoShow.community_id)
    .where(MockNoShow.status == "pending", col(MockNoShow.dispute_by) <= bindparam("now"))
)


def due_reports(session: Session, now: datetime) -> list[tuple[MockNoShow, Community]]:
    """Reports nobody disputed in their day, with their community: they count now."""
    rows = session.exec(_DUE_REPORTS, params={"now": now})
    return [(report, community) for report, community in rows]


_STALE_PAIRINGS = (
    select(MockPairing, Community)
    .join(Community, col(Community.id) == MockPairing.community_id)
    .where(MockPairing.status == "scheduled", col(MockPairing.proposed_at) <= bindparam("since"))
)


def stale_pairings(session: Session, now: datetime) -> list[tuple[MockPairing, Community]]:
    """Mocks still open 48 hours after their proposed time, with their community."""
    rows = session.exec(_STALE_PAIRINGS, params={"since": stale_since(now)})
    return [(pairing, community) for pairing, community in rows]


_REQUESTS_OUTSIDE_ROUNDS = (
    select(MockRequest, MockProfile.role, Community, MockSettings.wait_hours)
    .join(
        MockProfile,
        (col(MockProfile.community_id) == MockRequest.community_id)
        & (col(MockProfile.member_id) == MockRequest.member_id),
    )
    .join(Community, col(Community.id) == MockRequest.community_id)
    .outerjoin(MockSettings, col(MockSettings.community_id) == MockRequest.community_id)
    .where(
        MockRequest.status == "waiting",
        MockProfile.paused == False,  # noqa: E712
        col(MockRequest.mock_round_id).is_(None)
        | col(MockRequest.mock_round_id).not_in(
            select(MockRound.id).where(MockRound.status == "open")
        ),
    )
)


def requests_outside_rounds(
    session: Session,
) -> list[tuple[MockRequest, str, Community, int | None]]:
    """Waiting requests of members not paused and not held for an open round.

    Each with the member's target role, the community and its wait limit (None: the default).
    """
    rows: Any = session.exec(_REQUESTS_OUTSIDE_ROUNDS).all()
    return [(request, role, community, hours) for request, role, community, hours in rows]
