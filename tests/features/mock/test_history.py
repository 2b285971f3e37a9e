"""`/mock history`: feedback received and given, rubric averages per round over time, paged."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.features.mock.tables import MockFeedback, MockPairing
from bot.storage.tables import Member
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock.flow import STARTS, card_text, done, mock, pair, text_of, to

CRITERIA = ("Fundamentals", "Depth", "Trade-offs", "Communication")


def test_a_member_with_no_feedback_is_told_how_it_fills(hub: Hub) -> None:
    pair(hub)
    assert text_of(mock(hub, "u1", "history")) == (
        "Your mock feedback\nNo mock feedback yet. After a mock, `/mock done` sends yours to your "
        "partner; the feedback you receive and give shows here, with your averages per round."
    )


def test_both_members_see_what_they_received_and_gave(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(STARTS)
    sent = done(hub, "u1")
    done(hub, "u2", scores=("2", "2", "3", "3"))
    helpful = to(sent, "u2")[0].card.buttons[0]
    hub.press(actor("u2"), helpful.action, helpful.value)
    shown = text_of(mock(hub, "u2", "history"))
    assert shown == (
        "Your mock feedback\n"
        "You received 1 feedback form and gave 1 (0 marked helpful).\n"
        "ML depth: 1 mock: Average: Fundamentals 3.0 · Depth 4.0 · Trade-offs 2.0 · "
        "Communication 3.0\nOver time: 3.0\n"
        "Timeline, newest first: Tue 1 Dec · Onsite coding · you scored u1 · mean 2.5\n"
        "Tue 1 Dec · ML depth · from u1 · mean 3.0 · marked helpful\n"
        "Scores out of 4"
    )
    mine = text_of(mock(hub, "u1", "history"))
    assert "You received 1 feedback form and gave 1 (1 marked helpful)." in mine
    assert "Onsite coding: 1 mock: Average: " in mine
    assert "Wed 2 Dec" not in mine and "Tue 1 Dec · ML depth · you scored u2" in mine


def seed(hub: Hub, count: int) -> None:
    """Give u2 `count` weekly ML depth feedbacks from u1, scores rising by one every two."""
    with Session(hub.engine) as session:
        u1, u2 = (
            session.exec(select(Member).where(Member.external_id == user)).one()
            for user in ("u1", "u2")
        )
        assert u1.id is not None and u2.id is not None
        for week in range(count):
            pairing = MockPairing(
                community_id=u2.community_id,
                status="completed",
                proposed_at=STARTS - timedelta(weeks=count - week),
            )
            session.add(pairing)
            session.flush()
            assert pairing.id is not None
            score = min(1 + week // 2, 4)
            session.add(
                MockFeedback(
                    pairing_id=pairing.id,
                    community_id=u2.community_id,
                    from_member_id=u1.id,
                    to_member_id=u2.id,
                    round="ml_depth",
                    scores=dict.fromkeys(CRITERIA, score),
                )
            )
        session.commit()


def test_averages_show_the_trend_and_a_long_timeline_is_paged(hub: Hub) -> None:
    pair(hub)
    seed(hub, 8)
    first = mock(hub, "u2", "history")
    card = first.messages[0].card
    shown = card_text(card)
    assert "You received 8 feedback forms and gave 0." in shown
    assert (
        "ML depth: 8 mocks: Average: Fundamentals 2.5 · Depth 2.5 · Trade-offs 2.5 · "
        "Communication 2.5\nOver time: 1.0 → 1.0 → 2.0 → 2.0 → 3.0 → 3.0 → 4.0 → 4.0"
    ) in shown
    assert shown.count(" · from u1 · ") == 6
    assert "Page 1 of 2 · scores out of 4" in shown
    assert [b.label for b in card.buttons] == ["Older"]
    older = hub.press(actor("u2"), card.buttons[0].action, card.buttons[0].value)
    page_two = card_text(older.messages[0].card)
    assert page_two.count(" · from u1 · ") == 2
    assert "Tue 6 Oct · ML depth · from u1 · mean 1.0" in page_two
    assert [b.label for b in older.messages[0].card.buttons] == ["Newer"]
    assert card_text(mock(hub, "u2", "history page:2").messages[0].card) == page_two
    assert card_text(mock(hub, "u2", "history page:99").messages[0].card) == page_two


def test_history_never_shows_another_communitys_feedback(hub: Hub) -> None:
    pair(hub)
    seed(hub, 2)
    assert "No mock feedback yet." in text_of(mock(hub, "u2", "history", community="g2"))
