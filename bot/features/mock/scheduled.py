"""Mock work on the scheduler: open and pair rounds, count undisputed no-shows, close stale mocks.

The mock feature lists these finders and kinds, so the scheduler claims each step once (per
community, channel, kind and key) and delivers the messages it returns.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.content import ANY_DAY
from bot.core.cards import Message
from bot.core.clock import Clock
from bot.features.mock.dispute import confirm_noshow
from bot.features.mock.expiry import close_stale
from bot.features.mock.rounds import DEFAULT_HOURS, close_mock_round, open_mock_round
from bot.features.mock.store import MockStore, due_reports, rounds_closing, stale_pairings
from bot.features.sprints.api import Sprint, calendar_of, sprints_by_id
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.tables import Community
from bot.storage.uow import Session

OPEN, CLOSE, NOSHOW, EXPIRE = "mock_open", "mock_close", "mock_noshow", "mock_expire"
PAGE = 100  # sprints read at a time (each with its plan)


def find_mock_work(session: Session, look: Look, found: list[Due]) -> None:
    """Add the mock rounds to open (a planned day whose post is due) and those past closing."""
    days = [d for d in found if d.kind == "daily" and d.sprint_id is not None]
    for start in range(0, len(days), PAGE):  # a page of sprints at a time: a big tick has many
        page = days[start : start + PAGE]
        sprints = sprints_by_id(session, {d.sprint_id for d in page if d.sprint_id is not None})
        for due in page:
            sprint = sprints.get(due.sprint_id or 0)
            if sprint is None or sprint.community_id != due.community_id:
                continue
            if _round_on(sprint, due.key) is not None:
                found.append(replace(due, kind=OPEN, focus=ANY_DAY))
    for closing, community in rounds_closing(session, look.now):
        found.append(_due(community, closing.channel_id, CLOSE, closing.id))


def find_noshow_work(session: Session, look: Look, found: list[Due]) -> None:
    """Add the no-show reports whose day to dispute them is over."""
    for report, community in due_reports(session, look.now):
        found.append(_due(community, f"dm:{report.absent_member_id}", NOSHOW, report.id))


def find_stale_work(session: Session, look: Look, found: list[Due]) -> None:
    """Add the mocks still open 48 hours after their proposed time."""
    for pairing, community in stale_pairings(session, look.now):
        found.append(_due(community, f"mock:{pairing.id}", EXPIRE, pairing.id))


def _due(community: Community, channel: str, kind: str, key: int | None) -> Due:
    """Scheduled mock work in a community, keyed by the row it acts on."""
    assert community.id is not None
    return Due(community.id, community.platform, community.external_id, channel, kind, str(key))


def _planned_round(store: MockStore, due: Due) -> str | None:
    sprint = store.sprint(due.sprint_id)
    return None if sprint is None else _round_on(sprint, due.key)


def _round_on(sprint: Sprint, day: str) -> str | None:
    """The mock round a sprint's calendar plans on a day, if any."""
    focus = calendar_of(sprint).focus_on(date.fromisoformat(day))
    return focus.mock_round if focus else None


def build_open(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Open the day's planned mock round in the sprint's channel."""
    store = MockStore(session, due.community_id)
    planned = _planned_round(store, due)
    if planned is None:
        return []
    return open_mock_round(
        store=store,
        clock=clock,
        channel_id=due.channel_id,
        round=planned,
        closes_at=clock.now() + timedelta(hours=DEFAULT_HOURS),
        claim=f"plan:{due.channel_id}:{due.key}",
    )


def build_close(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Close a round whose RSVP window has ended and pair everyone in it."""
    return close_mock_round(
        store=MockStore(session, due.community_id), clock=clock, round_id=int(due.key)
    )


def build_noshow(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Make an undisputed no-show report count."""
    return confirm_noshow(
        store=MockStore(session, due.community_id), clock=clock, report_id=int(due.key)
    )


def build_expire(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Close a mock nobody confirmed in time and ask its members whether they met."""
    return close_stale(
        store=MockStore(session, due.community_id), clock=clock, pairing_id=int(due.key)
    )


FINDERS = (find_mock_work, find_noshow_work, find_stale_work)
KINDS = (
    Kind(OPEN, build=build_open),
    Kind(CLOSE, build=build_close),
    Kind(NOSHOW, build=build_noshow),
    Kind(EXPIRE, build=build_expire),
)
