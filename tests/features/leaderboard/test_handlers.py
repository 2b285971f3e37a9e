"""Points, streaks, leaderboards, profiles and practice, as members see them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlmodel import Session, func, select

from bot.app.hub import Hub
from bot.core.cards import Reply, Visibility, plain
from bot.features.leaderboard.tables import LedgerEntry
from bot.storage.tables import Community
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.replies import reply_text
from tests.storage.db_rows import dump


def _answer(hub: Hub, who: str, text: str = "An answer with some substance.") -> Reply:
    shown = hub.command_text(actor(who), "question", "")
    button = shown.messages[0].card.buttons[0]
    opened = hub.press(actor(who), button.action, button.value)
    assert opened.modal is not None
    return hub.submit(actor(who), opened.modal.action, opened.modal.value, {"answer": text})


def test_the_leaderboard_ranks_members_and_shows_the_callers_own_rank(hub: Hub) -> None:
    for who in ("ann", "bob", "cat"):
        _answer(hub, who)
    hub.command_text(actor("boss", admin=True), "sprint", "start Prep start:2026-12-01")
    board = reply_text(hub.command_text(actor("bob"), "leaderboard", "period:all"))
    assert "Leaderboard — all time" in board
    assert "🥇 =1 Ann — 10 pts" in board
    assert "You: =1 with 10 pts" in board  # ties share the top rank
    late = reply_text(hub.command_text(actor("dan"), "leaderboard", "week"))
    assert "You: no points yet in this period" in late


def test_a_member_who_renames_themselves_shows_up_under_the_new_name(hub: Hub) -> None:
    _answer(hub, "ann")
    renamed = replace(actor("ann"), display_name="Annie B", community_name="Prep Club")
    board = reply_text(hub.command_text(renamed, "leaderboard", "period:all"))
    assert "🥇 #1 Annie B — 10 pts" in board and "Ann —" not in board
    with Session(hub.engine) as session:
        assert [c.name for c in session.exec(select(Community))] == ["Prep Club"]


def test_the_leaderboard_is_private_unless_shared(hub: Hub) -> None:
    _answer(hub, "ann")
    private = hub.command_text(actor("ann"), "leaderboard", "period:week")
    assert private.messages[0].visibility is Visibility.EPHEMERAL
    shared = hub.command_text(actor("ann"), "leaderboard", "period:week share:yes")
    assert shared.messages[0].visibility is Visibility.CHANNEL


def test_the_sprint_leaderboard_needs_a_sprint(hub: Hub) -> None:
    reply = reply_text(hub.command_text(actor("ann"), "leaderboard", "period:sprint"))
    assert "There is no sprint yet" in reply


def test_a_sprint_season_counts_only_points_earned_during_it(hub: Hub, clock: FakeClock) -> None:
    _answer(hub, "ann")  # before the sprint
    hub.command_text(actor("boss", admin=True), "sprint", "start Prep start:2026-12-02")
    clock.advance(days=1)
    _answer(hub, "bob")
    board = reply_text(hub.command_text(actor("ann"), "leaderboard", "period:sprint"))
    assert "🥇 #1 Bob — 10 pts" in board
    assert "Ann" not in board.split("You:")[0]


def test_a_streak_grows_day_by_day_and_earns_a_capped_bonus(hub: Hub, clock: FakeClock) -> None:
    notes = []
    for _ in range(3):
        notes.append(reply_text(_answer(hub, "ann")))
        clock.advance(days=1)
    assert "Streak: 1 day." in notes[0]
    assert "Streak: 2 days. +2 streak bonus." in notes[1]
    assert "Streak: 3 days. +4 streak bonus." in notes[2]
    profile = reply_text(hub.command_text(actor("ann"), "profile", ""))
    assert "Points: 36 (rank #1)" in profile
    assert "Streak: 3 days (best 3)" in profile
    assert "Answers: 3" in profile


def test_streaks_can_be_turned_off(hub: Hub, clock: FakeClock) -> None:
    assert "Streaks are off" in reply_text(hub.command_text(actor("ann"), "profile", "streaks no"))
    _answer(hub, "ann")
    clock.advance(days=1)
    assert "Streak" not in reply_text(_answer(hub, "ann"))
    assert "Streak: off" in reply_text(hub.command_text(actor("ann"), "profile", ""))


def test_looking_at_a_profile_changes_nothing(hub: Hub) -> None:
    hub.command_text(actor("ann"), "leaderboard", "")  # ann joins the community on first use
    before = dump(hub.engine)
    profile = reply_text(hub.command_text(actor("ann"), "profile", ""))
    assert "Streak: 0 days (best 0)" in profile
    assert "Answers: 0" in profile
    assert dump(hub.engine) == before


def test_pressing_answer_twice_and_replays_award_nothing_twice(hub: Hub) -> None:
    _answer(hub, "ann")
    _answer(hub, "ann", "again")
    _answer(hub, "ann", "and again")
    with Session(hub.engine) as session:
        total = session.exec(select(func.sum(LedgerEntry.points))).one()
    assert total == 10


def test_self_ratings_schedule_practice_and_show_in_the_profile(hub: Hub, clock: FakeClock) -> None:
    card = hub.command_text(actor("ann"), "question", "").messages[0].card
    missed = next(b for b in card.buttons if b.label == "Missed")
    assert "comes back in /practice tomorrow" in reply_text(
        hub.press(actor("ann"), missed.action, missed.value)
    )
    clock.advance(days=1)
    practice = hub.command_text(actor("ann"), "practice", "").messages[0].card
    assert plain(practice.title) == plain(card.title).replace("Question of the day", "Practice")
    assert "due for review (last time: Missed)" in reply_text(Reply.ephemeral(practice))
    partial = next(b for b in practice.buttons if b.label == "Partial")
    assert "in 3 days" in reply_text(hub.press(actor("ann"), partial.action, partial.value))
    assert "Partial 1" in reply_text(hub.command_text(actor("ann"), "profile", ""))


def test_practice_shows_the_strong_answer_on_request(hub: Hub) -> None:
    card = hub.command_text(actor("ann"), "practice", "").messages[0].card
    reveal = next(b for b in card.buttons if b.action == "p.reveal")
    assert "What a strong answer covers" in reply_text(
        hub.press(actor("ann"), reveal.action, reveal.value)
    )


def test_practice_daily_refuses_an_unknown_time_zone(hub: Hub) -> None:
    reply = reply_text(
        hub.command_text(actor("ann"), "practice", "daily at:08:00 timezone:Nowhere/Land")
    )
    assert "I don't know the time zone “Nowhere/Land”." in reply
    assert "nothing to stop" in reply_text(hub.command_text(actor("ann"), "practice", "stop"))


def test_an_answer_can_be_shared_in_the_thread_of_a_posted_question(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 1, 9, tzinfo=UTC))
    posted = hub.command_text(actor("boss", admin=True), "question", "post-now")
    hub.track(actor("boss", admin=True), posted.messages[0].track or "", "m-77")
    saved = _answer(hub, "ann", "@here my answer")
    share = saved.messages[0].card.buttons[0]
    assert share.label == "Share in the thread"
    shared = hub.press(actor("ann"), share.action, share.value)
    thread = shared.messages[0]
    assert (thread.visibility, thread.thread_of) == (Visibility.CHANNEL, "m-77")
    assert "Ann's answer to" in plain(thread.card.title)
    assert "already shared" in reply_text(hub.press(actor("ann"), share.action, share.value))
