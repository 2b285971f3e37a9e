"""The role rewards on the scheduler: a daily check per community, then each change, claimed once.

`roles` (one a community and local day) works out who should hold each reward's role and
writes the changes as grants to give or take; `role-change` (one a grant, state and day) asks
the platform for one change and records it, so the bot only ever takes back what it gave.
A change the platform refuses waits for the next day; the admin who set the reward up is told
once what to fix, and a reward whose role was deleted is turned off.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.core.calendar import local_moment
from bot.core.cards import Card, Message, RoleChange, Visibility
from bot.core.clock import Clock, local_date
from bot.core.ports import MEMBER_GONE, ROLE_GONE, ROLE_REFUSED, role_error_kind
from bot.core.role_rewards import TOP3, Rule, holders, last_month, plan
from bot.features.leaderboard.api import live_streaks, points_between
from bot.features.roles.notices import DELETED, deleted_note, refused_note
from bot.features.roles.store import (
    GIVE,
    HELD,
    TAKE,
    RolesStore,
    done_claims,
    pending_changes,
    places_with_rules,
)
from bot.features.roles.tables import RoleGrant, RoleRule
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.uow import Session

CHECK, CHANGE = "roles", "role-change"
CHANNEL = "roles"


def find_checks(session: Session, look: Look, found: list[Due]) -> None:
    """Add each community's daily check, keyed by its local day, until it is done."""
    dues = [
        Due(
            place.community_id,
            place.platform,
            place.community_ref,
            CHANNEL,
            CHECK,
            look.now.astimezone(ZoneInfo(place.timezone)).date().isoformat(),
        )
        for place in places_with_rules(session, look.platforms)
    ]
    found += _not_done(session, CHECK, dues)


def find_changes(session: Session, look: Look, found: list[Due]) -> None:
    """Add each role waiting to be given or taken back (a refused one is tried again next day)."""
    day = look.now.astimezone(UTC).date().isoformat()
    dues = [
        Due(
            change.place.community_id,
            change.place.platform,
            change.place.community_ref,
            CHANNEL,
            CHANGE,
            f"{change.grant_id}:{change.state}:{day}",
            member_id=change.member_id,
        )
        for change in pending_changes(session, look.platforms)
    ]
    found += _not_done(session, CHANGE, dues)


def _not_done(session: Session, kind: str, dues: list[Due]) -> list[Due]:
    """Leave out the work already done, so an idle minute reads no other claims."""
    if not dues:
        return []
    done = done_claims(session, kind, CHANNEL, [(d.community_id, d.key) for d in dues])
    return [d for d in dues if (d.community_id, d.key) not in done]


def build_check(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Write the grants to give and take so each reward's role goes to who earned it now."""
    store = RolesStore(session, due.community_id)
    community = store.community()
    rules = store.rules(enabled=True)
    if community is None or not rules:
        return []
    streaks = live_streaks(session, due.community_id, clock, community.timezone)
    month: dict[int, int] = {}
    if any(rule.kind == TOP3 for rule in rules):
        month = _last_month_points(session, due.community_id, clock, community.timezone)
    now = clock.now()
    for rule in rules:
        _reconcile(store, rule, holders(Rule(rule.kind, rule.threshold), streaks, month), now)
    return []


def _last_month_points(
    session: Session, community_id: int, clock: Clock, zone: str
) -> dict[int, int]:
    """Each member's points in the last full month of the community's calendar."""
    first, this = last_month(local_date(clock, zone))
    start, end = local_moment(first, time(), zone), local_moment(this, time(), zone)
    return points_between(session, community_id, start, end)


def _reconcile(store: RolesStore, rule: RoleRule, due: set[int], now: datetime) -> None:
    grants = store.grants(rule.id or 0)
    current = [g for g in grants if g.role_ref == rule.role_ref]
    held = {g.member_id for g in current if g.state in (GIVE, HELD)}
    changes = plan(held, due)
    by_member = {g.member_id: g for g in current}
    for member_id in changes.give:
        back = by_member.get(member_id)
        if back is not None and back.state == TAKE:  # not taken back yet: keep it
            back.state = HELD
        else:
            store.add_grant(rule, member_id, now)
    for member_id in changes.take:
        grant = by_member[member_id]
        if grant.state == GIVE:
            store.delete_grant(grant)
        else:
            grant.state = TAKE


def build_change(session: Session, clock: Clock, due: Due) -> list[Message]:
    """The one role change a grant waits for, unless it no longer does."""
    store = RolesStore(session, due.community_id)
    grant_id, state = _grant_of(due)
    grant = store.grant(grant_id)
    if grant is None or grant.state != state:
        return []
    rule = store.rule_by_id(grant.rule_id)
    member = store.member(grant.member_id)
    if member is None or (state == GIVE and (rule is None or not rule.enabled)):
        store.delete_grant(grant)
        return []
    change = RoleChange(
        member=member.external_id,
        role=grant.role_ref,
        give=state == GIVE,
        member_name=member.display_name,
        role_name=grant.role_name,
    )
    # Addressed to the member, so that changes for many members are paced apart.
    return [Message(Card(), Visibility.DIRECT, to_member=member.external_id, role=change)]


def record_changes(
    session: Session, now: datetime, delivered: Sequence[tuple[Due, list[str]]]
) -> None:
    """Note each change made: a given role is held, a taken one forgotten; its rule works."""
    for due, refs in delivered:
        if not refs:  # nothing was asked of the platform
            continue
        store = RolesStore(session, due.community_id)
        grant = store.grant(_grant_of(due)[0])
        if grant is None:
            continue
        rule = store.rule_by_id(grant.rule_id)
        if rule is not None and rule.role_ref == grant.role_ref and rule.problem:
            rule.problem, rule.warned = "", False
        if grant.state == GIVE:
            grant.state, grant.since = HELD, now
        elif grant.state == TAKE:
            store.delete_grant(grant)


def alert_change(session: Session, due: Due, error: str) -> list[Message]:
    """A refused change: note why, and tell the admin who set the reward up, once."""
    store = RolesStore(session, due.community_id)
    grant = store.grant(_grant_of(due)[0])
    if grant is None:
        return []
    kind, detail = role_error_kind(error)
    rule = store.rule_by_id(grant.rule_id)
    if kind == MEMBER_GONE or (kind == ROLE_GONE and _other_role(rule, grant)):
        store.delete_grant(grant)
        return []
    if rule is None or kind not in (ROLE_GONE, ROLE_REFUSED):
        return []  # a passing failure: the grant waits for tomorrow
    if kind == ROLE_GONE:
        if not rule.enabled:  # another change of the same role told it first
            return []
        rule.enabled, rule.problem = False, DELETED
        store.drop_grants(rule)
        card = deleted_note(rule)
    else:
        rule.problem = detail[:300]
        if rule.warned:
            return []
        card = refused_note(rule, detail)
    rule.warned = True
    admin = store.member(rule.set_by)
    if admin is None:
        return []  # nobody to tell: `/roles` shows the problem to any admin
    return [Message(card, Visibility.DIRECT, to_member=admin.external_id)]


def _other_role(rule: RoleRule | None, grant: RoleGrant) -> bool:
    """Whether the grant is of a role its rule no longer gives (a deleted old role)."""
    return rule is None or rule.role_ref != grant.role_ref


def _grant_of(due: Due) -> tuple[int, str]:
    grant, state, _ = due.key.split(":")
    return int(grant), state


KINDS = (
    Kind(CHECK, build=build_check),
    Kind(CHANGE, build=build_change, record=record_changes, alert=alert_change),
)
