"""The daily practice DM on the scheduler, at each member's own time in their own zone."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from bot.bank.cards import practice_card
from bot.core.calendar import local_moment
from bot.core.cards import Message, Visibility
from bot.core.clock import Clock
from bot.features.practice.picking import pick_practice
from bot.features.practice.store import PracticeStore, enabled_prefs
from bot.features.prep.api import todays_plan_card
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.uow import Session


def find_practice_work(session: Session, look: Look, found: list[Due]) -> None:
    """Add the practice DM of each member whose chosen time has come today."""
    for pref, community in enabled_prefs(session, look.platforms):
        today = look.now.astimezone(ZoneInfo(pref.timezone)).date()
        if look.now >= local_moment(today, time.fromisoformat(pref.at_time), pref.timezone):
            found.append(
                Due(
                    pref.community_id,
                    community.platform,
                    community.external_id,
                    f"dm:{pref.member_id}",
                    "practice",
                    today.isoformat(),
                    member_id=pref.member_id,
                )
            )


def build_practice(session: Session, clock: Clock, due: Due) -> list[Message]:
    store = PracticeStore(session, due.community_id)
    member = store.member(due.member_id) if due.member_id is not None else None
    if member is None:
        return []
    today = date.fromisoformat(due.key)
    # A member with a prep plan gets the plan's item in this same DM (one message, not two).
    planned = todays_plan_card(session, due.community_id, member.id or 0, today)
    found = pick_practice(store, member.id or 0, today) if planned is None else None
    card = planned or (practice_card(*found) if found else None)
    if card is None:
        return []
    return [Message(card, Visibility.DIRECT, to_member=member.external_id)]


KINDS = (Kind("practice", build=build_practice),)
