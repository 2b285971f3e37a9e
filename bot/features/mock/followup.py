"""Two hours after a mock, one DM to each member who has not given feedback yet.

Also the closing note of a mock that closed unconfirmed during a member's quiet hours
(expiry.py sends it at once otherwise): it goes out when their morning comes.

The scheduler claims each nudge once (per member's seat), and the seat remembers it was
nudged, so a restart or a second process never sends it twice. The nudge waits out the
member's quiet hours and is skipped for members who switched reminders off.
"""

from __future__ import annotations

from bot.core.cards import Button, Card, Mention, Message, Style, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_followup import nudge_due
from bot.core.mock_rules import EXPIRE_AFTER
from bot.core.points import POINTS, Reason
from bot.core.quiet_hours import next_waking
from bot.features.mock.expiry import EXPIRED, closing_note
from bot.features.mock.store import MockStore, seats_to_nudge, seats_to_tell, timezone_of
from bot.features.mock.tables import MockPairing, MockSeat
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.tables import Community, Member
from bot.storage.uow import Session

NUDGE, CLOSING = "mock_nudge", "mock_closing"
OFF = "Reminders like this one: `/profile set reminders:off`."


def find_nudges(session: Session, look: Look, found: list[Due]) -> None:
    """Add the feedback nudges due now: 2 hours after the mock, outside quiet hours."""
    for seat, pairing, member, community in seats_to_nudge(session, look.now):
        start = pairing.proposed_at
        assert start is not None and community.id is not None
        if nudge_due(start, timezone_of(member, community), look.now):
            found.append(_due_to(seat, community, NUDGE))


def _due_to(seat: MockSeat, community: Community, kind: str) -> Due:
    """A direct message of this kind due to a seat's member, keyed by the seat."""
    assert community.id is not None
    return Due(
        community.id,
        community.platform,
        community.external_id,
        f"dm:{seat.member_id}",
        kind,
        str(seat.id),
    )


def build_nudge(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Nudge one member for feedback, once, if they still have not given it."""
    store = MockStore(session, due.community_id)
    seat = store.seat(int(due.key))
    pairing = None if seat is None else store.pairing(seat.pairing_id)
    community = store.community()
    if seat is None or pairing is None or community is None or pairing.proposed_at is None:
        return []
    if seat.status != "active" or pairing.status != "scheduled" or seat.nudged_at is not None:
        return []
    member = store.member(seat.member_id)
    if not member.mock_reminders:
        return []
    seat.nudged_at = clock.now()
    return [_nudge(store, member, community, seat, pairing)]


def _nudge(
    store: MockStore, member: Member, community: Community, seat: MockSeat, pairing: MockPairing
) -> Message:
    assert pairing.proposed_at is not None
    tz = timezone_of(member, community)
    partner = store.member(seat.interviews_member_id)
    closes = local_label(pairing.proposed_at + EXPIRE_AFTER, tz)
    text = rich(
        "How did your mock interview with ",
        Mention(partner.external_id),
        f" on {local_label(pairing.proposed_at, tz)} go? Give them your feedback while it is "
        f"fresh: **Give feedback** (or `/mock done`) takes two minutes. Detailed comments earn "
        f"{POINTS[Reason.FEEDBACK_GIVEN]} points, and the mock earns "
        f"{POINTS[Reason.MOCK_COMPLETED]} each once everyone confirms. If nobody confirms it by "
        f"{closes}, it closes and I will ask whether you met.",
    )
    card = Card(
        title="How did your mock go?",
        text=text,
        buttons=_buttons(pairing),
        footer=OFF,
    )
    return Message(card, Visibility.DIRECT, to_member=member.external_id)


def _buttons(pairing: MockPairing) -> tuple[Button, ...]:
    return (
        Button("Give feedback", "mock.done", str(pairing.id), Style.PRIMARY),
        Button("Partner didn't show", "mock.noshow", str(pairing.id)),
    )


def find_closing_notes(session: Session, look: Look, found: list[Due]) -> None:
    """Add the closing notes held through a member's quiet hours, now that they are over."""
    for seat, pairing, member, community in seats_to_tell(session, look.now):
        closed = pairing.closed_at
        assert closed is not None and community.id is not None
        if next_waking(closed, timezone_of(member, community)) <= look.now:
            found.append(_due_to(seat, community, CLOSING))


def build_closing_note(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Tell one member, once, that their mock closed (asking whether they met)."""
    store = MockStore(session, due.community_id)
    seat = store.seat(int(due.key))
    pairing = None if seat is None else store.pairing(seat.pairing_id)
    community = store.community()
    if seat is None or pairing is None or pairing.id is None or community is None:
        return []
    if pairing.status != EXPIRED or seat.asked_at is not None:
        return []
    if seat.status not in (EXPIRED, "done"):
        return []
    seat.asked_at = clock.now()
    return [closing_note(store, community, pairing, store.seats(pairing.id), seat)]


FINDERS = (find_nudges, find_closing_notes)
KINDS = (Kind(NUDGE, build=build_nudge), Kind(CLOSING, build=build_closing_note))
