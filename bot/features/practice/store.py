"""Practice's queries: self-ratings, practice DM settings, and the bank they pick from."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from sqlalchemy import Date, bindparam, delete, update
from sqlmodel import col, func, select

from bot.bank.live import is_visible_to, live_questions
from bot.features.daily.api import answered_question_ids
from bot.features.practice.tables import PracticePref, ReviewState
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community, Member, Question
from bot.storage.uow import Session

# Built once: a rating and /practice ask them every time, and SQLAlchemy takes longer to
# build a statement than SQLite takes to run one of these.
_MEMBER = col(ReviewState.member_id) == bindparam("member")
_STATE = (
    select(ReviewState)
    .where(_MEMBER, col(ReviewState.question_id) == bindparam("question"))
    .limit(1)
)
_OVERDUE = (
    select(ReviewState)
    .where(
        _MEMBER,
        col(ReviewState.community_id) == bindparam("community"),
        col(ReviewState.due) <= bindparam("today", type_=Date),
    )
    .order_by(col(ReviewState.due), col(ReviewState.id))
    .limit(1)
)
_RATED = select(ReviewState.question_id).where(_MEMBER)
_NEXT_DUE = select(ReviewState).where(_MEMBER).order_by(col(ReviewState.due)).limit(1)


class PracticeStore:
    """Practice rows of one community; a member id is always one of its members."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def review_of(self, member_id: int, question_id: str) -> ReviewState | None:
        """The member's self-rating of a question, if any."""
        params = {"member": member_id, "question": question_id}
        return self.session.exec(_STATE, params=params).first()

    def add_review(self, state: ReviewState) -> None:
        """Keep a member's first self-rating of a question."""
        self.session.add(state)

    def most_overdue(self, member_id: int, today: date) -> ReviewState | None:
        """The member's review due longest ago (by today), if any."""
        params = {"member": member_id, "community": self.community_id, "today": today}
        return self.session.exec(_OVERDUE, params=params).first()

    def due_count(self, member_id: int, today: date) -> int:
        """How many of the member's reviews are due by `today`."""
        query = select(func.count()).where(
            ReviewState.community_id == self.community_id,
            ReviewState.member_id == member_id,
            col(ReviewState.due) <= today,
        )
        return int(self.session.exec(query).one())

    def next_coming(self, member_id: int) -> ReviewState | None:
        """The member's review that comes due first."""
        return self.session.exec(_NEXT_DUE, params={"member": member_id}).first()

    def rated_ids(self, member_id: int) -> set[str]:
        """The questions the member has rated."""
        return set(self.session.exec(_RATED, params={"member": member_id}))

    def answered_ids(self, member_id: int) -> set[str]:
        """The questions of the day the member has answered."""
        return answered_question_ids(self.session, member_id)

    def live_question_ids(self) -> list[str]:
        """Every live question this community may see (the shipped bank and its own)."""
        return [qid for qid, _, _ in live_questions(self.session, self.community_id)]

    def question(self, question_id: str) -> Question | None:
        """A question this community may see (retired ones too), if it exists."""
        found = self.session.get(Question, question_id)
        visible = found is not None and is_visible_to(found.community_id, self.community_id)
        return found if visible else None

    def member(self, member_id: int) -> Member | None:
        """A member of this community, if it exists."""
        member = self.session.get(Member, member_id)
        return member if member is not None and member.community_id == self.community_id else None

    def pref_of(self, member_id: int) -> PracticePref | None:
        """The member's practice DM settings, if they ever chose any."""
        return self.session.get(PracticePref, member_id)

    def add_pref(self, pref: PracticePref) -> None:
        """Keep a member's first practice DM settings."""
        self.session.add(pref)

    def forget_member(self, member_id: int) -> None:
        """Delete the member's self-ratings and settings; blank why their DMs failed."""
        for table in (ReviewState, PracticePref):
            self.session.execute(
                delete(table).where(
                    col(table.community_id) == self.community_id,
                    col(table.member_id) == member_id,
                )
            )
        # A practice DM that failed records why, and the platform's reason may name the member.
        self.session.execute(
            update(JobClaim)
            .where(
                col(JobClaim.community_id) == self.community_id,
                col(JobClaim.channel_id) == f"dm:{member_id}",
            )
            .values(outcome="")
        )


_ENABLED_PREFS = (  # built once: the scheduler asks it every tick
    select(PracticePref, Community)
    .join(Community, col(Community.id) == PracticePref.community_id)
    .where(
        PracticePref.enabled == True,  # noqa: E712
        col(Community.platform).in_(bindparam("platforms", expanding=True)),
    )
)


def enabled_prefs(
    session: Session, platforms: Iterable[str]
) -> list[tuple[PracticePref, Community]]:
    """Every member's practice DM that is on, with its community, on these platforms."""
    return list(session.exec(_ENABLED_PREFS, params={"platforms": list(platforms)}).all())


def dm_times(session: Session, community_ids: Collection[int]) -> dict[int, str]:
    """The local time ("08:00") of every practice DM that is on in these communities, by member."""
    query = select(PracticePref.member_id, PracticePref.at_time).where(
        PracticePref.enabled == True,  # noqa: E712
        col(PracticePref.community_id).in_(sorted(community_ids)),
    )
    # Plain rows: the digest's finder asks for thousands at a time.
    return {row[0]: row[1] for row in session.connection().execute(query)}
