"""`/profile forget` leaves nothing of a member's text or identity in any table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, String, select
from sqlmodel import Session, SQLModel

import bot.storage.all_tables  # noqa: F401  (every table, so the scan sees them all)
from bot.app.hub import Hub
from bot.core.cards import Reply, Visibility
from bot.features.mock.tables import MockFeedback
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Member
from tests.conftest import actor
from tests.features.mock import flow as mock_flow
from tests.features.story.flow import GOOD, review, text_of, write
from tests.features.suggestions import flow as suggestion_flow

WHO = "zedmarker"  # the member's platform id; their name shows as "Zedmarker"
ZONE = "Pacific/Chatham"
MARKS = (WHO, ZONE.lower())

# Every text column of every table, and what `/profile forget` does with it. A new table or
# column holding text fails test_every_text_column_is_accounted_for until it is added here
# (and, if it holds a member's words or identity, until forget erases it).
TEXT_COLUMNS = {
    "answer.text": "erased: blanked",
    "answer.rating": "kept on the unnamed row: daily participation counts",
    "community.platform": "not a member's",
    "community.external_id": "not a member's",
    "community.name": "not a member's",
    "community.timezone": "not a member's",
    "dailypost.channel_id": "not a member's",
    "dailypost.kind": "not a member's",
    "dailypost.question_id": "not a member's",
    "dailypost.message_ref": "not a member's",
    "jobclaim.channel_id": "not a member's (a DM claim names the member's row id only)",
    "jobclaim.kind": "not a member's",
    "jobclaim.key": "not a member's",
    "jobclaim.outcome": "erased: blanked for the member's practice DMs (a failure may name them)",
    "ledgerentry.reason": "erased: the member's awards are deleted",
    "ledgerentry.reference": "erased: the member's awards are deleted",
    "member.external_id": "erased: replaced by forgotten:<row id>",
    "member.display_name": "erased: blanked",
    "member.timezone": "erased: cleared",
    "mock_feedback.round": "not a member's",
    "mock_noshow.status": "not a member's",
    "mock_feedback.scores": "kept on unnamed rows: the partner's received scores",
    "mock_feedback.comment": "erased: blanked, given and received",
    "mock_pairing.status": "not a member's",
    "mock_profile.role": "erased: the profile is deleted",
    "mock_profile.level": "erased: the profile is deleted",
    "mock_profile.availability": "erased: the profile is deleted",
    "mock_request.round": "not a member's",
    "mock_request.window": "erased: cleared",
    "mock_request.status": "not a member's",
    "mock_round.channel_id": "not a member's",
    "mock_round.round": "not a member's",
    "mock_round.claim": "not a member's",
    "mock_round.status": "not a member's",
    "mock_seat.round": "not a member's",
    "mock_seat.question_id": "not a member's",
    "mock_seat.status": "not a member's",
    "mock_seat.unmet_reason": "kept: one of three fixed answers, nothing the member wrote",
    "mock_settings.roles": "not a member's",
    "mock_settings.odd_policy": "not a member's",
    "mock_settings.space_channel": "not a member's",
    "mock_time.status": "not a member's",
    "mock_time.accepted": "member row ids only, no name or words (as seats hold)",
    "mock_time.space_ref": "not a member's: the pair's thread or group DM id",
    "practicepref.at_time": "erased: settings deleted",
    "role_grant.role_ref": "erased: the member's grants are deleted",
    "role_grant.role_name": "erased: the member's grants are deleted",
    "role_grant.state": "erased: the member's grants are deleted",
    "role_rule.kind": "not a member's",
    "role_rule.role_ref": "not a member's",
    "role_rule.role_name": "not a member's (an admin's setting; set_by is cleared)",
    "role_rule.problem": "not a member's",
    "prep_item.area": "erased: the plan is deleted",
    "prep_item.kind": "erased: the plan is deleted",
    "prep_item.mock_round": "erased: the plan is deleted",
    "prep_item.question_id": "erased: the plan is deleted",
    "prep_item.rating": "erased: the plan is deleted",
    "prep_plan.role": "erased: the plan is deleted",
    "prep_plan.level": "erased: the plan is deleted",
    "prep_plan.rounds": "erased: the plan is deleted",
    "practicepref.timezone": "erased: settings deleted",
    "question.id": "the bank",
    "question.category": "the bank",
    "question.difficulty": "the bank",
    "question.title": "the bank",
    "question.data": "the bank",
    "question.credit": "erased: cleared on the member's approved questions, which stay",
    "question_schedule.channel_id": "not a member's",
    "question_schedule.post_time": "not a member's",
    "question_schedule.timezone": "not a member's",
    "question_schedule.days": "not a member's",
    "question_schedule.track": "not a member's",
    "question_schedule.weekly_board": "not a member's",
    "question_schedule.reveal_time": "not a member's",
    "question_schedule.created_by": "erased: blanked",
    "reviewstate.question_id": "erased: self-ratings deleted",
    "reviewstate.rating": "erased: self-ratings deleted",
    "score.period": "erased: the member's totals are deleted",
    "dashboard_settings.public_token": "not a member's",
    "dashboard_settings.secret": "not a member's",
    "sprint.channel_id": "not a member's",
    "sprint.name": "the community's: an admin names a sprint for everyone",
    "sprint.template_id": "not a member's",
    "sprint.post_time": "not a member's",
    "sprint.timezone": "not a member's",
    "sprint.status": "not a member's",
    "sprint.plan": "not a member's",
    "sprint.pauses": "not a member's",
    "sprint.created_by": "erased: blanked",
    "story.points_reference": "erased: the member's stories are deleted",
    "story.principles": "erased: the member's stories are deleted",
    "story.title": "erased: the member's stories are deleted",
    "story.situation": "erased: the member's stories are deleted",
    "story.task": "erased: the member's stories are deleted",
    "story.action": "erased: the member's stories are deleted",
    "story.result": "erased: the member's stories are deleted",
    "storyreview.status": "not a member's",
    "storyreview.comments": "erased: blanked, and reviews of the member's stories deleted",
    "streakstate.freeze_week": "erased: the streak is deleted",
    "suggestion.status": "not a member's",
    "suggestion.fields": "erased: the member's suggestions are deleted",
    "suggestion.reason": "erased: the member's suggestions are deleted",
    "suggestion.question_id": "not a member's",
}


def _holds_text(column: Column[Any]) -> bool:
    kind = getattr(column.type, "impl_instance", column.type)
    return isinstance(kind, String | JSON)


def _text_columns() -> list[Column[Any]]:
    tables = SQLModel.metadata.sorted_tables
    return [column for table in tables for column in table.columns if _holds_text(column)]


def _forget(hub: Hub, who: str) -> Reply:
    asked = hub.command_text(actor(who), "profile", "forget")
    button = asked.messages[0].card.buttons[0]
    return hub.press(actor(who), button.action, button.value)


def _answer_and_rate(hub: Hub, who: str) -> None:
    shown = hub.command_text(actor(who), "question", "")
    button = next(b for b in shown.messages[0].card.buttons if b.action == "q.answer")
    opened = hub.press(actor(who), button.action, button.value)
    assert opened.modal is not None
    answer = {"answer": f"{WHO} would use a hash map here."}
    hub.submit(actor(who), opened.modal.action, opened.modal.value, answer)
    hub.press(actor(who), "q.rate", f"{button.value}:partial")


def _a_practice_dm_failed(hub: Hub) -> None:
    """Record a practice DM to WHO that the platform refused, naming them, as a claim does."""
    with Session(hub.engine) as session:
        member = session.exec(select(Member).where(Member.external_id == WHO)).scalars().one()
        session.add(
            JobClaim(
                community_id=member.community_id,
                channel_id=f"dm:{member.id}",
                kind="practice",
                key="2026-12-01",
                lease_until=hub.clock.now(),
                outcome=f"failed: Slack refused a message to {WHO}",
            )
        )
        session.commit()


PENDING_PROMPT = (
    "A recommender's click-through rate rose after launch but revenue fell. Which metrics "
    "would you add to the experiment, and how would you decide whether to roll back?"
)


PENDING_LISTS = {
    "hints": "Think of guardrail metrics",
    "strong_answer": "Revenue per user as a guardrail\nA holdout kept for weeks\nNovelty effects",
}


def _everything_a_member_does(hub: Hub) -> None:
    """Use every feature as WHO: answers, ratings, practice, mocks, stories, reviews, a sprint."""
    hub.command_text(actor(WHO, admin=True), "sprint", "start Winter")
    hub.command_text(actor(WHO, admin=True, channel="lp"), "question", "schedule time:08:00")
    _answer_and_rate(hub, WHO)
    mock_flow.pair(hub, WHO, "u2")
    hub.clock.set(mock_flow.STARTS)  # /mock done opens at the proposed time
    mock_flow.done(hub, WHO, comment=f"{mock_flow.FEEDBACK} Signed, {WHO}.")
    mock_flow.done(hub, "u2", comment=f"{mock_flow.FEEDBACK} Well done, {WHO}.")
    hub.command_text(actor(WHO), "practice", f"daily at:08:00 timezone:{ZONE}")
    _a_practice_dm_failed(hub)
    hub.command_text(actor(WHO), "prep", f'start date:2099-01-01 role:"{WHO} at Example"')
    mock_flow.request(hub, WHO, 'round:onsite_coding window:"sat 10:00-14:00"')
    write(hub, WHO, title=f"{WHO} fixed it")
    write(hub, "u2", title="Theirs")
    review(hub, WHO, comments=f"{GOOD['action']} Reviewed by {WHO}.")
    review(hub, "u2", comments=f"{GOOD['action']} Dear {WHO}.")
    suggestion_flow.suggest(hub, WHO)  # approved: stays in the bank, credited by name
    suggestion_flow.approve_oldest(hub)
    waiting = {"title": f"Asked by {WHO}", "prompt": PENDING_PROMPT, **PENDING_LISTS}
    assert "waiting for review" in text_of(suggestion_flow.suggest(hub, WHO, waiting))


def test_every_text_column_is_accounted_for() -> None:
    found = {f"{column.table.name}.{column.name}" for column in _text_columns()}
    assert found == set(TEXT_COLUMNS)


def _where_marks_are(hub: Hub) -> set[str]:
    found = set()
    with Session(hub.engine) as session:
        for column in _text_columns():
            for value in session.execute(select(column)).scalars():
                if any(mark in str(value).lower() for mark in MARKS):
                    found.add(f"{column.table.name}.{column.name}: {value!r}")
    return found


def test_nothing_of_a_forgotten_member_is_left_in_any_table(hub: Hub) -> None:
    _everything_a_member_does(hub)
    before = {found.partition(":")[0] for found in _where_marks_are(hub)}
    assert before >= {name for name, fate in TEXT_COLUMNS.items() if "blanked" in fate}
    _forget(hub, WHO)
    assert _where_marks_are(hub) == set()


def test_the_member_is_told_what_was_erased_and_what_stays(hub: Hub) -> None:
    _everything_a_member_does(hub)
    done = text_of(_forget(hub, WHO))
    assert (
        "Erased in this community: the text of 1 daily answer, 2 question suggestions, your prep "
        "plan, the comments of 2 mock feedback forms, your mock profile, 1 story, the comments of "
        "1 story review you wrote, your self-ratings, practice settings, points and streak, name "
        "and time zone." in done
    )
    assert (
        "What stays: messages already posted in channels and direct messages (PrepLoop cannot "
        "unsend them), and the rubric scores of reviews and mock feedback, with no name, so "
        "other members' averages stay true." in done
    )
    assert (
        "1 question you suggested stays in this community's bank, no longer credited to you."
        in done
    )


def test_a_partner_keeps_the_scores_of_feedback_from_a_forgotten_member(hub: Hub) -> None:
    mock_flow.pair(hub, WHO, "u2")
    hub.clock.set(mock_flow.STARTS)
    mock_flow.done(hub, WHO, scores=("4", "4", "3", "4"))
    _forget(hub, WHO)
    with Session(hub.engine) as session:
        given = session.exec(select(MockFeedback)).scalars().one()
    assert (list(given.scores.values()), given.comment) == ([4, 4, 3, 4], "")


def test_forgetting_calls_off_an_upcoming_mock_and_tells_the_partner(hub: Hub) -> None:
    mock_flow.pair(hub, WHO, "u2")
    forgotten = _forget(hub, WHO)
    assert "Your upcoming mock is called off; your partner was told." in text_of(forgotten)
    (note,) = [m for m in forgotten.messages if m.visibility is Visibility.DIRECT]
    assert note.to_member == "u2"
    assert "Your partner left PrepLoop here, so your mock interview is off." in text_of(
        Reply([note])
    )


def test_forgetting_drops_the_members_points_from_the_leaderboard(hub: Hub) -> None:
    _answer_and_rate(hub, WHO)
    _answer_and_rate(hub, "u2")
    assert "Zedmarker" in text_of(hub.command_text(actor("u2"), "leaderboard", ""))
    _forget(hub, WHO)
    board = text_of(hub.command_text(actor("u2"), "leaderboard", ""))
    assert "Zedmarker" not in board
    assert "U2" in board


def test_pressing_forget_again_says_it_is_already_done(hub: Hub) -> None:
    asked = hub.command_text(actor(WHO), "profile", "forget")
    button = asked.messages[0].card.buttons[0]
    hub.press(actor(WHO), button.action, button.value)
    again = hub.press(actor(WHO), button.action, button.value)
    assert "Your data here is already forgotten." in text_of(again)


def test_the_recorded_reason_a_practice_dm_failed_is_erased(hub: Hub) -> None:
    hub.command_text(actor(WHO), "practice", "daily at:08:00")
    _a_practice_dm_failed(hub)
    _forget(hub, WHO)
    with Session(hub.engine) as session:
        assert session.exec(select(JobClaim.outcome)).scalars().all() == [""]
