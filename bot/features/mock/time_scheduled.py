"""The scheduler's part in agreeing a time: releases at the answer-by moment, reminders before.

Each piece is claimed once per community, channel, kind and key (a reminder's key names the
pairing, the hours ahead and the confirmation it belongs to), so a restart or a second process
never sends one twice.
"""

from __future__ import annotations

from bot.core.cards import Message
from bot.core.clock import Clock
from bot.core.mock_times import REMINDERS, answer_by
from bot.features.mock.reminders import reminder, reminder_due
from bot.features.mock.store import MockStore
from bot.features.mock.store.times import open_offers, upcoming_seats
from bot.features.mock.time_offer import aware
from bot.features.mock.time_release import release
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.uow import Session

RELEASE, REMIND = "mock_release", "mock_remind"


def find_releases(session: Session, look: Look, found: list[Due]) -> None:
    """Add the pairings whose proposed time was not accepted by everyone in time."""
    for agreed, pairing, community in open_offers(session, look.now):
        if answer_by(aware(agreed.offered_at), aware(agreed.starts_at)) > look.now:
            continue
        assert community.id is not None
        offered = int(aware(agreed.offered_at).timestamp())
        found.append(
            Due(
                community.id,
                community.platform,
                community.external_id,
                f"mock:{pairing.id}",
                RELEASE,
                f"{pairing.id}:{offered}",
            )
        )


def find_reminders(session: Session, look: Look, found: list[Due]) -> None:
    """Add each member's reminder due now before a confirmed mock."""
    for agreed, _, member, community in upcoming_seats(session, look.now, REMINDERS[0]):
        hours = reminder_due(agreed, member, community, look.now)
        if hours is None or community.id is None:
            continue
        key = f"{agreed.pairing_id}:{hours}:{agreed.sequence}"
        found.append(
            Due(
                community.id,
                community.platform,
                community.external_id,
                f"dm:{member.id}",
                REMIND,
                key,
                member_id=member.id,
            )
        )


def build_release(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Release a pairing nobody agreed a time for."""
    pairing_id = int(due.key.split(":")[0])
    return release(store=MockStore(session, due.community_id), clock=clock, pairing_id=pairing_id)


def build_reminder(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Remind one member of their confirmed mock, if the reminder is still due."""
    pairing_id, hours, sequence = (int(part) for part in due.key.split(":"))
    assert due.member_id is not None
    return reminder(
        store=MockStore(session, due.community_id),
        clock=clock,
        pairing_id=pairing_id,
        member_id=due.member_id,
        hours=hours,
        sequence=sequence,
    )


FINDERS = (find_releases, find_reminders)
KINDS = (Kind(RELEASE, build=build_release), Kind(REMIND, build=build_reminder))
