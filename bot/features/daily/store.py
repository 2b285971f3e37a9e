"""The question of the day's queries: each channel's post per day, and members' answers."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    String,
    Table,
    and_,
    bindparam,
    column,
    exists,
    or_,
    tuple_,
    update,
    values,
)
from sqlalchemy import select as select_columns
from sqlmodel import col, func, select

from bot.bank.live import Candidate, is_visible_to, live_candidates
from bot.features.daily.tables import Answer, DailyPost, QuestionSchedule
from bot.features.sprints.api import LIVE, live_sprint
from bot.features.sprints.tables import Sprint
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community, Question
from bot.storage.uow import Session
from bot.storage.upsert import upsert_insert

PostKey = tuple[int, str, date]  # community id, channel id, local day
PostRow = tuple[int, str, date, str]  # community id, channel id, local day, question id
POSTS: Table = DailyPost.__table__  # type: ignore[attr-defined]

_POST_OF_DAY = select(DailyPost).where(  # built once: most commands and buttons read it
    col(DailyPost.community_id) == bindparam("community"),
    col(DailyPost.channel_id) == bindparam("channel"),
    DailyPost.kind == "daily",
    col(DailyPost.local_date) == bindparam("day"),
)
_ANSWER_OF = (
    select(Answer)
    .where(col(Answer.post_id) == bindparam("post"), col(Answer.member_id) == bindparam("member"))
    .limit(1)
)
_ANSWERED = (
    select(DailyPost.question_id)
    .join(Answer, col(Answer.post_id) == DailyPost.id)
    .where(col(Answer.member_id) == bindparam("member"))
)


class DailyStore:
    """The daily posts and answers of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def post_of_day(self, channel_id: str, day: date) -> DailyPost | None:
        """A channel's daily post for a day, if one was claimed."""
        params = {"community": self.community_id, "channel": channel_id, "day": day}
        return self.session.exec(_POST_OF_DAY, params=params).first()

    def post(self, post_id: int) -> DailyPost | None:
        """A post of this community by its id, if it exists."""
        post = self.session.get(DailyPost, post_id)
        return post if post is not None and post.community_id == self.community_id else None

    def insert_posts(self, rows: Sequence[tuple[str, date, str]]) -> None:
        """Insert (channel, day, question) posts that no other transaction inserted meanwhile."""
        insert_posts(self.session, [(self.community_id, *row) for row in rows])

    def used_question_ids(self) -> list[str]:
        """The community's questions of the day so far, oldest first."""
        query = (
            select(DailyPost.question_id)
            .where(DailyPost.community_id == self.community_id)
            .order_by(col(DailyPost.id))
        )
        return list(self.session.exec(query))

    def live_candidates(self) -> list[Candidate]:
        """Every live question of the bank, as the picker filters them."""
        return live_candidates(self.session)

    def question(self, question_id: str) -> Question | None:
        """A question this community may see (retired ones too), if it exists."""
        found = self.session.get(Question, question_id)
        visible = found is not None and is_visible_to(found.community_id, self.community_id)
        return found if visible else None

    def is_answered(self, post_id: int) -> bool:
        """Whether any member answered a post."""
        found = self.session.exec(select(Answer.id).where(Answer.post_id == post_id)).first()
        return found is not None

    def answer_of(self, post_id: int, member_id: int) -> Answer | None:
        """A member's answer to a post, if any."""
        params = {"post": post_id, "member": member_id}
        return self.session.exec(_ANSWER_OF, params=params).first()

    def add_answer(self, answer: Answer) -> None:
        """Keep a member's first answer to a post."""
        self.session.add(answer)

    def blank_answers_of(self, member_id: int) -> int:
        """Blank the text of a member's answers here (the rows keep counts); say how many."""
        posts = select(DailyPost.id).where(DailyPost.community_id == self.community_id)
        result = self.session.execute(
            update(Answer)
            .where(col(Answer.member_id) == member_id, col(Answer.post_id).in_(posts))
            .values(text="")
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def live_sprint(self, channel_id: str) -> Sprint | None:
        """The channel's active or paused sprint, whose plan and time zone the day follows."""
        return live_sprint(self.session, self.community_id, channel_id)

    def schedule(self, channel_id: str) -> QuestionSchedule | None:
        """The channel's standing schedule, if it has one."""
        query = select(QuestionSchedule).where(
            QuestionSchedule.community_id == self.community_id,
            QuestionSchedule.channel_id == channel_id,
        )
        return self.session.exec(query).first()

    def save_schedule(self, schedule: QuestionSchedule) -> None:
        """Keep a new or changed standing schedule of this community."""
        assert schedule.community_id == self.community_id
        self.session.add(schedule)

    def drop_schedule(self, schedule: QuestionSchedule) -> None:
        """Switch a channel's standing schedule off."""
        self.session.delete(schedule)

    def unname_schedule_setter(self, user_id: str) -> None:
        """Forget that a member set this community's standing schedules."""
        self.session.execute(
            update(QuestionSchedule)
            .where(
                col(QuestionSchedule.community_id) == self.community_id,
                col(QuestionSchedule.created_by) == user_id,
            )
            .values(created_by="")
        )

    def home_channel(self, member_id: int) -> str | None:
        """The channel of the member's latest answer here, else of the community's latest post
        (one posted in its channel before one only read privately)."""
        mine = (
            select(DailyPost.channel_id)
            .join(Answer, col(Answer.post_id) == DailyPost.id)
            .where(DailyPost.community_id == self.community_id, Answer.member_id == member_id)
            .order_by(col(Answer.id).desc())
            .limit(1)
        )
        found = self.session.exec(mine).first()
        if found is not None:
            return found
        latest = (  # posted in a channel first: one only read with /question is private
            select(DailyPost.channel_id)
            .where(DailyPost.community_id == self.community_id, DailyPost.kind == "daily")
            .order_by(
                col(DailyPost.posted_at).is_(None),
                col(DailyPost.local_date).desc(),
                col(DailyPost.id).desc(),
            )
            .limit(1)
        )
        return self.session.exec(latest).first()

    def channel_history(self, channel_id: str) -> list[tuple[str, date]]:
        """The channel's questions of the day so far, with their days, oldest first."""
        return histories(self.session, [(self.community_id, channel_id)])[
            (self.community_id, channel_id)
        ]


def answered_question_ids(session: Session, member_id: int) -> set[str]:
    """The questions of the day a member has answered."""
    return set(session.exec(_ANSWERED, params={"member": member_id}))


def answers_between(session: Session, member_id: int, start: datetime, end: datetime) -> int:
    """How many questions of the day a member answered from `start` until before `end`."""
    query = select(func.count()).where(
        col(Answer.member_id) == member_id,
        col(Answer.created_at) >= start,
        col(Answer.created_at) < end,
    )
    return int(session.exec(query).one())


def insert_posts(session: Session, rows: Sequence[PostRow]) -> None:
    """Insert posts that no other transaction inserted meanwhile.

    Two members opening a new day's question at once both find no post: the second insert
    does nothing (on PostgreSQL it fails the transaction with a serialization error, which
    transact() runs again, finding the first one's post) instead of a unique violation.
    """
    values = [
        {"community_id": c, "channel_id": ch, "kind": "daily", "local_date": d, "question_id": q}
        for c, ch, d, q in rows
    ]
    session.execute(
        upsert_insert(session)(DailyPost)
        .values(values)
        .on_conflict_do_nothing(index_elements=["community_id", "channel_id", "kind", "local_date"])
    )


def posts_of_days(
    session: Session, communities: Collection[int], days: Collection[date]
) -> dict[PostKey, DailyPost]:
    """The daily posts of these communities on these days, by community, channel and day."""
    rows = session.exec(
        select(DailyPost).where(
            col(DailyPost.community_id).in_(communities),
            col(DailyPost.local_date).in_(days),
            DailyPost.kind == "daily",
        )
    )
    return {(p.community_id, p.channel_id, p.local_date): p for p in rows}


def used_question_ids(session: Session, communities: Collection[int]) -> dict[int, list[str]]:
    """Each community's questions of the day so far, oldest first."""
    used: dict[int, list[str]] = {community: [] for community in communities}
    for community, question_id in session.exec(
        select(DailyPost.community_id, DailyPost.question_id)
        .where(col(DailyPost.community_id).in_(communities))
        .order_by(col(DailyPost.id))
    ):
        used[community].append(question_id)
    return used


def questions_by_id(session: Session, ids: Collection[str]) -> dict[str, Question]:
    """The questions of the bank with these ids."""
    return {q.id: q for q in session.exec(select(Question).where(col(Question.id).in_(ids)))}


def record_posted(session: Session, now: datetime, posted: Sequence[tuple[PostKey, str]]) -> None:
    """Note each post's platform reference and when it was posted, in one statement."""
    if not posted:
        return
    params: list[dict[str, Any]] = [
        {"b_community": c, "b_channel": ch, "b_day": d, "b_ref": ref[:128]}
        for (c, ch, d), ref in posted
    ]
    posts = POSTS.c
    session.connection().execute(
        update(POSTS)
        .where(
            posts.community_id == bindparam("b_community"),
            posts.channel_id == bindparam("b_channel"),
            posts.kind == "daily",
            posts.local_date == bindparam("b_day"),
        )
        .values(message_ref=bindparam("b_ref"), posted_at=now),
        params,
    )


ChannelKey = tuple[int, str]  # community id, channel id
ScheduleRow = tuple[int, str, str, str, str, str, str, int, str, str, datetime]
"""community, channel, post time, zone, days, track, weekly board, reveal lead, platform,
community ref, created at"""

SCHEDULES: Table = QuestionSchedule.__table__  # type: ignore[attr-defined]
COMMUNITIES: Table = Community.__table__  # type: ignore[attr-defined]
SPRINTS: Table = Sprint.__table__  # type: ignore[attr-defined]
CLAIMS: Table = JobClaim.__table__  # type: ignore[attr-defined]
ZoneNow = tuple[str, str, str, str, str, datetime]
"""time zone, local day, local HH:MM, weekday (`mon`), the day a week before, local midnight
(naive UTC): what every schedule in that zone compares against."""

_COLUMNS = (
    SCHEDULES.c.community_id,
    SCHEDULES.c.channel_id,
    SCHEDULES.c.post_time,
    SCHEDULES.c.timezone,
    SCHEDULES.c.days,
    SCHEDULES.c.track,
    SCHEDULES.c.weekly_board,
    SCHEDULES.c.reveal_lead_minutes,
    COMMUNITIES.c.platform,
    COMMUNITIES.c.external_id,
    SCHEDULES.c.created_at,
)
_LIVE_CHANNELS = select_columns(
    SPRINTS.c.community_id, SPRINTS.c.channel_id, SPRINTS.c.start_date
).where(SPRINTS.c.status.in_(LIVE))
_ZONES = select_columns(SCHEDULES.c.timezone).distinct()


def schedule_zones(session: Session) -> list[str]:
    """The time zones standing schedules use."""
    return [zone for (zone,) in session.connection().execute(_ZONES)]


def standing_rows(
    session: Session, platforms: Collection[str], zones: Sequence[ZoneNow]
) -> list[ScheduleRow]:
    """The standing schedules on these platforms with work due and not yet done, as plain rows.

    The database leaves out every schedule whose question, reveal and board of the local day
    are done (their claims), so an idle minute reads almost nothing however many there are.
    """
    if not zones:
        return []
    now = (
        values(
            column("tz", String),
            column("day", String),
            column("clock", String),
            column("weekday", String),
            column("week_ago", String),
            column("midnight", DateTime),
            name="zone_now",
        )
        .data(list(zones))
        .cte("zone_now")
    )  # a WITH clause: SQLite has no aliased VALUES
    s, z = SCHEDULES.c, now.c
    posts_today = s.days.contains(z.weekday)
    query = (
        select_columns(*_COLUMNS)
        .join_from(SCHEDULES, COMMUNITIES, COMMUNITIES.c.id == s.community_id)
        .join(now, z.tz == s.timezone)
        .where(
            COMMUNITIES.c.platform.in_(list(platforms)),
            or_(
                and_(posts_today, s.post_time <= z.clock, ~_done("daily", CLAIMS.c.key == z.day)),
                and_(
                    posts_today,
                    s.reveal_time <= z.clock,
                    ~_done(
                        "reveal",
                        CLAIMS.c.key < z.day,
                        CLAIMS.c.key >= z.week_ago,
                        CLAIMS.c.claimed_at >= z.midnight,
                    ),
                ),
                and_(
                    s.weekly_board == z.weekday,
                    s.post_time <= z.clock,
                    ~_done("weekly", CLAIMS.c.key == z.week_ago),
                ),
            ),
        )
    )
    return [tuple(row) for row in session.connection().execute(query)]


def _done(kind: str, *where: Any) -> Any:
    """Whether the schedule's channel has a finished claim of this kind matching `where`."""
    claims, s = CLAIMS.c, SCHEDULES.c
    return exists().where(
        claims.community_id == s.community_id,
        claims.channel_id == s.channel_id,
        claims.kind == kind,
        claims.done_at.is_not(None),
        *where,
    )


def live_sprint_channels(session: Session) -> dict[ChannelKey, date]:
    """The channels a live sprint holds, with its first day: their standing schedule waits."""
    rows = session.connection().execute(_LIVE_CHANNELS)
    return {(c, ch): start for c, ch, start in rows}


def schedules_of(
    session: Session, keys: Collection[ChannelKey]
) -> dict[ChannelKey, QuestionSchedule]:
    """The standing schedules of these channels."""
    wanted = tuple_(SCHEDULES.c.community_id, SCHEDULES.c.channel_id).in_(list(keys))
    rows = session.exec(select(QuestionSchedule).where(wanted))
    return {(s.community_id, s.channel_id): s for s in rows}


def posts_of_keys(session: Session, keys: Collection[PostKey]) -> dict[PostKey, DailyPost]:
    """The daily posts of these channels on these days."""
    posts = POSTS.c
    wanted = tuple_(posts.community_id, posts.channel_id, posts.local_date).in_(list(keys))
    rows = session.exec(select(DailyPost).where(wanted, DailyPost.kind == "daily"))
    return {(p.community_id, p.channel_id, p.local_date): p for p in rows}


def histories(
    session: Session, keys: Collection[ChannelKey]
) -> dict[ChannelKey, list[tuple[str, date]]]:
    """Each channel's questions of the day so far, with their days, oldest first."""
    found: dict[ChannelKey, list[tuple[str, date]]] = {key: [] for key in keys}
    posts = POSTS.c
    rows = session.connection().execute(
        select_columns(posts.community_id, posts.channel_id, posts.question_id, posts.local_date)
        .where(tuple_(posts.community_id, posts.channel_id).in_(list(keys)), posts.kind == "daily")
        .order_by(posts.local_date, posts.id)
    )
    for community, channel, question_id, day in rows:
        if (community, channel) in found:
            found[(community, channel)].append((question_id, day))
    return found
