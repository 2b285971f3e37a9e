"""The wait limit on the scheduler: a request that waited it out is paired with who is waiting.

A request waits for someone new with shared hours for the community's wait limit; when it
passes, the scheduler claims the request once (per community and request) and pairs it with
the best partner of its role still waiting, even a past partner or one with other hours.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from bot.core.cards import Message
from bot.core.clock import Clock
from bot.features.mock.match import DEFAULT_WAIT_HOURS, try_instant
from bot.features.mock.pairing import Scope
from bot.features.mock.tables import MockProfile, MockRequest, MockRound, MockSettings
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.tables import Community

WAIT = "mock_wait"
# Within the scheduler's claim window (3 days), so a claimed request is never found again.
LOOK_BACK = timedelta(days=2)


def find_waits(session: Session, look: Look, found: list[Due]) -> None:
    """Add each request whose wait limit passed lately and that someone of its role could pair.

    Requests held for an open round are left to its close; the claim keeps each request once.
    """
    rows = session.exec(
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
    ).all()
    peers = Counter((request.community_id, role) for request, role, _, _ in rows)
    for request, role, community, hours in rows:
        limit_at = _aware(request.waiting_since) + timedelta(hours=hours or DEFAULT_WAIT_HOURS)
        if peers[request.community_id, role] > 1 and limit_at <= look.now < limit_at + LOOK_BACK:
            found.append(_due(request, community))


def _due(request: MockRequest, community: Community) -> Due:
    return Due(
        request.community_id,
        community.platform,
        community.external_id,
        f"dm:{request.member_id}",
        WAIT,
        str(request.id),
        member_id=request.member_id,
    )


def build_wait(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Pair a request that waited out the limit, if it still waits and a partner does too."""
    request = session.get(MockRequest, int(due.key))
    community = session.get(Community, due.community_id)
    if request is None or community is None or request.community_id != due.community_id:
        return []
    if request.status != "waiting":
        return []
    return try_instant(Scope(session, clock, community), request)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


KINDS = (Kind(WAIT, build=build_wait),)
