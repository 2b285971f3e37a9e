"""The role rewards' queries: a community's rules and the roles the bot gave (its only SQL)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, delete, func, update
from sqlalchemy import select as select_columns
from sqlmodel import col, select

from bot.core.role_rewards import RoleRef, Rule
from bot.features.roles.tables import RoleGrant, RoleRule
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community, Member
from bot.storage.uow import Session

GIVE, HELD, TAKE = "give", "held", "take"
CHUNK = 500  # claim keys asked about in one query


class RolesStore:
    """The rules and grants of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    def rules(self, *, enabled: bool | None = None) -> list[RoleRule]:
        """The community's rules, streaks by threshold first, then the top 3."""
        query = select(RoleRule).where(RoleRule.community_id == self.community_id)
        if enabled is not None:
            query = query.where(col(RoleRule.enabled).is_(enabled))
        found = self._session.exec(query).all()
        return sorted(found, key=lambda r: (r.kind != "streak", r.threshold))

    def rule(self, rule: Rule) -> RoleRule | None:
        return self._session.exec(
            select(RoleRule).where(
                RoleRule.community_id == self.community_id,
                RoleRule.kind == rule.kind,
                RoleRule.threshold == rule.threshold,
            )
        ).first()

    def rule_by_id(self, rule_id: int) -> RoleRule | None:
        row = self._session.get(RoleRule, rule_id)
        return row if row is not None and row.community_id == self.community_id else None

    def set_rule(self, rule: Rule, role: RoleRef, set_by: int, now: datetime) -> RoleRule:
        """Create or change a rule; the roles it gave before under another role are taken back."""
        row = self.rule(rule)
        if row is None:
            row = RoleRule(
                community_id=self.community_id,
                kind=rule.kind,
                threshold=rule.threshold,
                role_ref=role.ref,
                role_name=role.name,
            )
            self._session.add(row)
        elif row.role_ref != role.ref:
            self._session.flush()
            self.take_all(row)
        row.role_ref, row.role_name = role.ref, role.name
        row.set_by, row.enabled, row.updated_at = set_by, True, now
        row.problem, row.warned = role.problem, bool(role.problem)
        self._session.flush()
        return row

    def take_all(self, rule: RoleRule) -> None:
        """Take back every role a rule gave; forget the ones not given yet."""
        self._session.execute(
            delete(RoleGrant).where(col(RoleGrant.rule_id) == rule.id, col(RoleGrant.state) == GIVE)
        )
        self._session.execute(
            update(RoleGrant)
            .where(col(RoleGrant.rule_id) == rule.id)
            .values(state=TAKE)
            .execution_options(synchronize_session=False)
        )

    def drop_grants(self, rule: RoleRule) -> None:
        """Forget every grant of a rule (its role is gone, so there is nothing to take back)."""
        self._session.execute(delete(RoleGrant).where(col(RoleGrant.rule_id) == rule.id))

    def grants(self, rule_id: int) -> list[RoleGrant]:
        return list(self._session.exec(select(RoleGrant).where(RoleGrant.rule_id == rule_id)))

    def grant(self, grant_id: int) -> RoleGrant | None:
        row = self._session.get(RoleGrant, grant_id)
        return row if row is not None and row.community_id == self.community_id else None

    def add_grant(self, rule: RoleRule, member_id: int, now: datetime) -> None:
        assert rule.id is not None
        self._session.add(
            RoleGrant(
                community_id=self.community_id,
                rule_id=rule.id,
                member_id=member_id,
                role_ref=rule.role_ref,
                role_name=rule.role_name,
                state=GIVE,
                since=now,
            )
        )

    def delete_grant(self, grant: RoleGrant) -> None:
        self._session.delete(grant)

    def held_counts(self) -> dict[int, int]:
        """How many members hold each rule's role now."""
        found = self._session.exec(
            select(RoleGrant.rule_id, func.count())
            .where(RoleGrant.community_id == self.community_id, RoleGrant.state == HELD)
            .group_by(col(RoleGrant.rule_id))
        ).all()
        return {rule_id: int(count) for rule_id, count in found}

    def member(self, member_id: int | None) -> Member | None:
        if member_id is None:
            return None
        row = self._session.get(Member, member_id)
        return row if row is not None and row.community_id == self.community_id else None

    def community(self) -> Community | None:
        return self._session.get(Community, self.community_id)

    def forget(self, member_id: int) -> int:
        """Forget the member's grants and that they set rules up; return how many grants went."""
        found = self._session.execute(
            delete(RoleGrant).where(
                col(RoleGrant.community_id) == self.community_id,
                col(RoleGrant.member_id) == member_id,
            )
        )
        self._session.execute(
            update(RoleRule)
            .where(
                col(RoleRule.community_id) == self.community_id,
                col(RoleRule.set_by) == member_id,
            )
            .values(set_by=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(found, "rowcount", 0) or 0)


class Place(NamedTuple):
    """A community with role rewards on: where its daily check is claimed."""

    community_id: int
    platform: str
    community_ref: str
    timezone: str


def places_with_rules(session: Session, platforms: Iterable[str]) -> list[Place]:
    """The communities on these platforms with at least one reward on."""
    found = session.execute(_PLACES, {"platforms": sorted(platforms)}).all()
    return [Place(int(c or 0), p, ref, tz) for c, p, ref, tz in found]


# The finders' queries, built once with their lists as parameters (asked every minute).
_PLACES = select(Community.id, Community.platform, Community.external_id, Community.timezone).where(
    col(Community.id).in_(select(RoleRule.community_id).where(col(RoleRule.enabled).is_(True))),
    col(Community.platform).in_(bindparam("platforms", expanding=True)),
)


class Pending(NamedTuple):
    """A role to give or take back, with where it happens."""

    grant_id: int
    member_id: int
    state: str
    place: Place


def pending_changes(session: Session, platforms: Iterable[str]) -> list[Pending]:
    """Every role waiting to be given or taken back, on these platforms."""
    found = session.connection().execute(_PENDING, {"platforms": sorted(platforms)}).all()
    return [
        Pending(int(g or 0), m, state, Place(int(c or 0), p, ref, tz))
        for g, m, state, c, p, ref, tz in found
    ]


_PENDING = (
    select_columns(
        col(RoleGrant.id),
        col(RoleGrant.member_id),
        col(RoleGrant.state),
        col(Community.id),
        col(Community.platform),
        col(Community.external_id),
        col(Community.timezone),
    )
    .join(Community, col(Community.id) == RoleGrant.community_id)
    .where(
        col(RoleGrant.state).in_([GIVE, TAKE]),
        col(Community.platform).in_(bindparam("platforms", expanding=True)),
    )
)


def done_claims(
    session: Session, kind: str, channel: str, wanted: Iterable[tuple[int, str]]
) -> set[tuple[int, str]]:
    """Which of these (community, key) claims of a kind are done already (read in chunks)."""
    asked = list(dict.fromkeys(wanted))
    found: set[tuple[int, str]] = set()
    for start in range(0, len(asked), CHUNK):
        part = asked[start : start + CHUNK]
        rows = session.exec(
            select(JobClaim.community_id, JobClaim.key).where(
                col(JobClaim.community_id).in_({c for c, _ in part}),
                JobClaim.channel_id == channel,
                JobClaim.kind == kind,
                col(JobClaim.key).in_([k for _, k in part]),
                col(JobClaim.done_at).is_not(None),
            )
        ).all()
        found |= {(community, key) for community, key in rows}
    return found
