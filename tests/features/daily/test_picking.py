"""The daily picker follows a sprint day's filter: focus, difficulty, round, topic and level."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.bank.live import Candidate, forget_question_pool
from bot.content import DayFilter
from bot.core.cards import Visibility, plain
from bot.features import schedule_of
from bot.features.daily.picking import pick_next
from bot.features.daily.tables import DailyPost
from bot.features.sprints.tables import Sprint
from bot.scheduling import claims
from bot.scheduling.delivery import JobRunner
from bot.storage.tables import Question
from bot.storage.uow import UnitOfWork
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.replies import reply_text

ADMIN = actor("boss", admin=True)
MONDAY = date(2027, 3, 15)

# id, category, difficulty, rounds, topic, levels
EXTRA = [
    ("zz-graph-onsite-a", "coding", "medium", ["onsite_coding"], "graphs", ["mle2"]),
    ("zz-graph-onsite-b", "coding", "hard", ["onsite_coding"], "graphs", ["senior"]),
    ("zz-graph-phone", "coding", "medium", ["phone_screen"], "graphs", ["mle1"]),
    ("zz-tree-onsite", "coding", "medium", ["onsite_coding"], "trees", ["mle2"]),
    ("zz-tree-phone", "coding", "easy", ["phone_screen"], "trees", ["mle1"]),
    ("zz-lp-phone", "leadership", "easy", ["phone_screen"], "ownership", ["mle1"]),
    ("zz-lp-bar-raiser", "leadership", "hard", ["bar_raiser"], "vision", ["senior"]),
]


def _add_questions(hub: Hub) -> None:
    with Session(hub.engine) as session:
        for qid, category, difficulty, rounds, topic, levels in EXTRA:
            data = {
                "id": qid,
                "category": category,
                "rounds": rounds,
                "difficulty": difficulty,
                "levels": levels,
                "topic": topic,
                "title": qid,
                "prompt": f"A made-up {topic} question for the picker tests ({qid}).",
                "hints": ["Think about the shape of the input first."],
                "follow_ups": ["What changes at ten times the size?"],
                "strong_answer": ["point one here", "point two here", "point three here"],
            }
            session.add(
                Question(id=qid, category=category, difficulty=difficulty, title=qid, data=data)
            )
        session.commit()
    forget_question_pool()


def _start_sprint(hub: Hub, clock: FakeClock, monday: dict[str, str]) -> None:
    """A one-week sprint from MONDAY whose Monday plan is replaced by the given day plan."""
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    reply = hub.command_text(
        ADMIN, "sprint", "start Picker start:2027-03-15 weeks:1 time:08:00 timezone:UTC"
    )
    assert reply.messages[0].visibility is Visibility.CHANNEL, plain(reply.messages[0].card.text)
    with Session(hub.engine) as session:
        sprint = session.exec(select(Sprint)).one()
        plan = [dict(week) for week in sprint.plan]
        plan[0] = {**plan[0], "days": {**plan[0]["days"], "mon": monday}}
        sprint.plan = plan
        session.add(sprint)
        session.commit()


def _posted_question(hub: Hub, day: date = MONDAY) -> str:
    with Session(hub.engine) as session:
        post = session.exec(select(DailyPost).where(DailyPost.local_date == day)).one()
        return post.question_id


async def test_the_scheduled_post_of_a_round_and_topic_day_is_of_that_round_and_topic(
    hub: Hub, clock: FakeClock
) -> None:
    _add_questions(hub)
    _start_sprint(hub, clock, {"focus": "coding", "round": "onsite_coding", "topic": "graphs"})
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    with UnitOfWork(hub.engine) as uow:
        (due,) = claims.find_due(
            uow.session, clock.now(), schedule=schedule_of(), platforms={"console"}
        )
    assert due.focus == DayFilter("coding", None, "onsite_coding", "graphs", None)
    messenger = FakeMessenger()
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    assert len(messenger.sent) == 1
    assert _posted_question(hub) in {"zz-graph-onsite-a", "zz-graph-onsite-b"}


def test_post_now_honours_round_difficulty_and_level(hub: Hub, clock: FakeClock) -> None:
    _add_questions(hub)
    day = {"focus": "coding", "difficulty": "hard", "round": "onsite_coding", "level": "senior"}
    _start_sprint(hub, clock, day)
    clock.set(datetime(2027, 3, 15, 7, 0, tzinfo=UTC))
    posted = hub.command_text(ADMIN, "question", "post-now")
    assert posted.messages[0].visibility is Visibility.CHANNEL
    assert _posted_question(hub) == "zz-graph-onsite-b"


def test_a_leadership_day_in_the_phone_screen_round_gets_that_lp_question(
    hub: Hub, clock: FakeClock
) -> None:
    _add_questions(hub)
    _start_sprint(hub, clock, {"focus": "leadership", "round": "phone_screen"})
    clock.set(datetime(2027, 3, 15, 7, 0, tzinfo=UTC))
    hub.command_text(actor("u1"), "question", "")
    assert _posted_question(hub) == "zz-lp-phone"


def test_skip_keeps_to_the_day_and_widens_only_within_its_category(
    hub: Hub, clock: FakeClock
) -> None:
    _add_questions(hub)
    _start_sprint(hub, clock, {"focus": "coding", "round": "phone_screen", "topic": "trees"})
    clock.set(datetime(2027, 3, 15, 7, 0, tzinfo=UTC))
    hub.command_text(actor("u1"), "question", "")
    assert _posted_question(hub) == "zz-tree-phone"
    hub.command_text(ADMIN, "question", "skip")  # no other phone-screen trees: drop the topic
    with Session(hub.engine) as session:
        question = session.get(Question, _posted_question(hub))
        assert question is not None
    assert question.category == "coding"
    assert "phone_screen" in question.data["rounds"]
    assert question.id != "zz-tree-phone"


# The widening order, on the pure picker.

BANK = [
    Candidate("a-graph-onsite-senior", "coding", "hard", ("onsite_coding",), "graphs", ("senior",)),
    Candidate("b-tree-onsite-senior", "coding", "hard", ("onsite_coding",), "trees", ("senior",)),
    Candidate("c-tree-onsite-mle1", "coding", "hard", ("onsite_coding",), "trees", ("mle1",)),
    Candidate("d-tree-phone-mle1", "coding", "hard", ("phone_screen",), "trees", ("mle1",)),
    Candidate("e-tree-phone-easy", "coding", "easy", ("phone_screen",), "trees", ("mle1",)),
    Candidate("f-lp", "leadership", "hard", ("onsite_coding",), "graphs", ("senior",)),
]
STRICT = DayFilter("coding", "hard", "onsite_coding", "graphs", "senior")


def _pick(used: list[str], focus: DayFilter = STRICT) -> str:
    return pick_next(BANK, used, 1, MONDAY, focus)


def test_the_full_filter_wins_while_it_has_an_unasked_question() -> None:
    assert _pick([]) == "a-graph-onsite-senior"


def test_the_filter_drops_topic_then_level_then_round_then_difficulty() -> None:
    order = []
    used: list[str] = []
    for _ in range(5):
        chosen = _pick(used)
        order.append(chosen)
        used.append(chosen)
    assert order == [
        "a-graph-onsite-senior",  # everything matches
        "b-tree-onsite-senior",  # topic dropped
        "c-tree-onsite-mle1",  # level dropped
        "d-tree-phone-mle1",  # round dropped
        "e-tree-phone-easy",  # difficulty dropped
    ]


def test_the_category_is_never_crossed_even_when_it_is_all_asked() -> None:
    used = [c.id for c in BANK if c.category == "coding"]
    assert _pick(used) == "a-graph-onsite-senior"  # the narrowest pool's oldest, not f-lp


def test_a_category_with_no_question_at_all_falls_back_to_the_bank() -> None:
    chosen = _pick([], DayFilter("ml_system_design"))
    assert chosen in {c.id for c in BANK}


def test_no_filter_picks_from_the_whole_bank() -> None:
    assert _pick([c.id for c in BANK[:-1]], DayFilter()) == "f-lp"


def test_the_sprint_plan_shows_a_days_topic_round_and_level(hub: Hub, clock: FakeClock) -> None:
    day = {"focus": "coding", "round": "onsite_coding", "topic": "graphs", "level": "senior"}
    _start_sprint(hub, clock, day)
    shown = reply_text(hub.command_text(ADMIN, "sprint", "plan"))
    assert "Coding & algorithms · graphs · Onsite coding round · for Senior MLE" in shown
