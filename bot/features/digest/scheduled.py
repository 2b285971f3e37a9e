"""The weekly digest on the scheduler: found cheaply, claimed once per member and week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.core.cards import Card, Message, Text, Visibility, rich
from bot.core.clock import Clock
from bot.features.digest.sections import Facts, digest_lines
from bot.features.digest.store import (
    KIND,
    DigestStore,
    candidates,
    digest_zones,
    dm_channel,
    practice_times,
)
from bot.features.digest.timing import (
    DEFAULT_AT,
    any_due,
    due_week,
    mondays_around,
    waking_digest_day,
    zone_or_utc,
)
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.uow import Session

FOOTER = "Your weekly digest · `/profile set digest:off` stops it"


def find_digests(session: Session, look: Look, found: list[Due]) -> None:
    """Add the digest of each member whose Monday time has come and who has not had it yet."""
    if not any_due(look.now):
        return
    zones = [
        z
        for z in digest_zones(session, look.platforms)
        if waking_digest_day(look.now, zone_or_utc(z))
    ]
    if not zones:
        return
    members = candidates(session, look.platforms, zones, mondays_around(look.now))
    if not members:
        return
    times = practice_times(session, {member.community_id for member in members})
    weeks: dict[tuple[str, str], date | None] = {}  # most members share a few zones and times
    for member in members:
        at = times.get(member.member_id, DEFAULT_AT)
        key = (member.timezone, at)
        if key not in weeks:
            zone = zone_or_utc(member.timezone)
            weeks[key] = due_week(look.now, zone, at, catch_up=look.catch_up)
        monday = weeks[key]
        if monday is not None:
            found.append(
                Due(
                    member.community_id,
                    member.platform,
                    member.community_ref,
                    dm_channel(member.member_id),
                    KIND,
                    monday.isoformat(),
                    member_id=member.member_id,
                )
            )


def build_digests(session: Session, clock: Clock, dues: Sequence[Due]) -> dict[Due, list[Message]]:
    """Write each member's digest; nothing for a member with no news (or who turned it off)."""
    stores: dict[int, DigestStore] = {}
    built: dict[Due, list[Message]] = {}
    for due in dues:
        store = stores.get(due.community_id)
        if store is None:
            store = stores[due.community_id] = DigestStore(session, due.community_id)
        built[due] = _digest(store, due, clock.now())
    return built


def _digest(store: DigestStore, due: Due, now: datetime) -> list[Message]:
    member = store.member(due.member_id) if due.member_id is not None else None
    community = store.community()
    if member is None or member.id is None or community is None or not member.weekly_digest:
        return []
    community_zone = zone_or_utc(community.timezone)
    facts = Facts(
        store=store,
        member_id=member.id,
        reviewer=member.reviewer,
        zone=zone_or_utc(member.timezone or community_zone),
        community_zone=community_zone,
        monday=date.fromisoformat(due.key),
        now=now,
    )
    lines = digest_lines(facts)
    if not lines:
        return []
    return [Message(digest_card(lines), Visibility.DIRECT, to_member=member.external_id)]


def digest_card(lines: list[Text]) -> Card:
    """One card: a line a section, no buttons, nothing that pings."""
    parts: list[str] = []
    for index, line in enumerate(lines):
        parts += ["\n" if index else "", *(line.parts if not isinstance(line, str) else (line,))]
    return Card(title="Your week in PrepLoop", text=rich(*parts), footer=FOOTER)


KINDS = (Kind(KIND, build_many=build_digests),)
