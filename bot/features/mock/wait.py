"""The wait limit on the scheduler: a request that waited it out is paired with who is waiting.

A request waits for someone new with shared hours for the community's wait limit; when it
passes, the scheduler claims the request once (per community and request) and pairs it with
the best partner of its role still waiting, even a past partner or one with other hours.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.core.cards import Message
from bot.core.clock import Clock
from bot.features.mock.match import try_instant
from bot.features.mock.pairing import Scope
from bot.features.mock.store import DEFAULT_WAIT_HOURS, MockStore, requests_outside_rounds
from bot.features.mock.tables import MockRequest
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.tables import Community
from bot.storage.uow import Session

WAIT = "mock_wait"
# Within the scheduler's claim window (3 days), so a claimed request is never found again.
LOOK_BACK = timedelta(days=2)


def find_waits(session: Session, look: Look, found: list[Due]) -> None:
    """Add each request whose wait limit passed lately and that someone of its role could pair.

    Requests held for an open round are left to its close; the claim keeps each request once.
    """
    rows = requests_outside_rounds(session)
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
    store = MockStore(session, due.community_id)
    request, community = store.request(int(due.key)), store.community()
    if request is None or community is None or request.status != "waiting":
        return []
    return try_instant(Scope(store, clock, community), request)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


KINDS = (Kind(WAIT, build=build_wait),)
