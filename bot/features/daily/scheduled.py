"""The question of the day and its answer on the scheduler, for the days a calendar plans.

The sprint feature finds which channel is due a question or a reveal; this builds them, and
notes where each question landed so its thread, reveal and buttons can find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Table, bindparam, update
from sqlmodel import Session, col, select

from bot.bank.cards import question_card, reveal_card
from bot.core.cards import Message, Visibility
from bot.core.clock import Clock
from bot.features.daily.handlers import claim_posts, find_post
from bot.features.daily.tables import DailyPost
from bot.features.sprints.scheduled import alert_admin
from bot.scheduling.claims import Due, Kind
from bot.storage.tables import Question

POSTS: Table = DailyPost.__table__  # type: ignore[attr-defined]


def build_daily(session: Session, clock: Clock, due: Due) -> list[Message]:
    return build_dailies(session, clock, [due])[due]


def build_dailies(session: Session, clock: Clock, dues: Sequence[Due]) -> dict[Due, list[Message]]:
    """Every channel's question of the day: posts claimed and questions read in a few queries."""
    wanted = {(d.community_id, d.channel_id, date.fromisoformat(d.key)): d for d in dues}
    posts = claim_posts(session, {key: due.focus for key, due in wanted.items()})
    ids = {post.question_id for post in posts.values()}
    questions = {q.id: q for q in session.exec(select(Question).where(col(Question.id).in_(ids)))}
    built: dict[Due, list[Message]] = {}
    for key, post in posts.items():
        due = wanted[key]
        if post.posted_at is not None:  # an admin already posted today's question by hand
            built[due] = []
            continue
        card = question_card(questions[post.question_id], post)
        built[due] = [Message(card, Visibility.CHANNEL, channel=due.channel_id)]
    return built


def record_dailies(session: Session, now: datetime, sent: Sequence[tuple[Due, list[str]]]) -> None:
    """Keep the platform reference of each question posted, for its thread and reveal."""
    posted = [
        {
            "b_community": due.community_id,
            "b_channel": due.channel_id,
            "b_day": date.fromisoformat(due.key),
            "b_ref": refs[0][:128],
        }
        for due, refs in sent
        if refs
    ]
    if not posted:
        return
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
        posted,
    )


def build_reveal(session: Session, clock: Clock, due: Due) -> list[Message]:
    post = find_post(session, due.community_id, due.channel_id, date.fromisoformat(due.key))
    if post is None or not post.message_ref:
        return []
    question = session.get(Question, post.question_id)
    assert question is not None
    return [
        Message(
            reveal_card(question),
            Visibility.CHANNEL,
            channel=due.channel_id,
            thread_of=post.message_ref,
        )
    ]


KINDS = (
    Kind(
        "daily",
        build=build_daily,
        build_many=build_dailies,
        record=record_dailies,
        alert=alert_admin,
    ),
    Kind("reveal", build=build_reveal, alert=alert_admin),
)
