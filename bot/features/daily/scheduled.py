"""The question of the day and its answer on the scheduler, for the days a calendar plans.

The sprint feature finds which channel is due a question or a reveal; this builds them, and
notes where each question landed so its thread, reveal and buttons can find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.bank.cards import question_card, reveal_card
from bot.core.cards import Card, Message, Visibility
from bot.core.clock import Clock
from bot.features.daily.picking import claim_posts, claim_standing_posts
from bot.features.daily.store import DailyStore, PostKey, questions_by_id, record_posted
from bot.features.sprints.api import alert_admin
from bot.scheduling.claims import Due, Kind
from bot.storage.uow import Session


def build_daily(session: Session, clock: Clock, due: Due) -> list[Message]:
    return build_dailies(session, clock, [due])[due]


def build_dailies(session: Session, clock: Clock, dues: Sequence[Due]) -> dict[Due, list[Message]]:
    """Every channel's question of the day: posts claimed and questions read in a few queries.

    A sprint's day follows its plan; a standing schedule's (a due without a sprint) its track.
    """
    wanted = {(d.community_id, d.channel_id, date.fromisoformat(d.key)): d for d in dues}
    planned = {key: due.focus for key, due in wanted.items() if due.sprint_id is not None}
    posts = claim_posts(session, planned) if planned else {}
    standing = [key for key, due in wanted.items() if due.sprint_id is None]
    restarts: set[PostKey] = set()
    if standing:
        found, restarts = claim_standing_posts(session, standing)
        posts.update(found)
    questions = questions_by_id(session, {post.question_id for post in posts.values()})
    built: dict[Due, list[Message]] = {}
    for key, post in posts.items():
        due = wanted[key]
        if post.posted_at is not None:  # an admin already posted today's question by hand
            built[due] = []
            continue
        card = question_card(questions[post.question_id], post)
        built[due] = [Message(card, Visibility.CHANNEL, channel=due.channel_id)]
        if key in restarts:
            built[due].append(Message(STARTING_OVER, Visibility.CHANNEL, channel=due.channel_id))
    return built


STARTING_OVER = Card(
    title="This channel has been through every question of its track",
    text=(
        "From today the questions come round again, the ones asked longest ago first, "
        "and none within 30 days while others remain. Good time to see how much easier they feel."
    ),
)


def record_dailies(session: Session, now: datetime, sent: Sequence[tuple[Due, list[str]]]) -> None:
    """Keep the platform reference of each question posted, for its thread and reveal."""
    posted = [
        ((due.community_id, due.channel_id, date.fromisoformat(due.key)), refs[0])
        for due, refs in sent
        if refs
    ]
    record_posted(session, now, posted)


def build_reveal(session: Session, clock: Clock, due: Due) -> list[Message]:
    store = DailyStore(session, due.community_id)
    post = store.post_of_day(due.channel_id, date.fromisoformat(due.key))
    if post is None or not post.message_ref:
        return []
    question = store.question(post.question_id)
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
