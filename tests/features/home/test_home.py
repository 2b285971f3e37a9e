"""`/home` and the hub's home: the same figures as the features that own them, per community."""

from __future__ import annotations

from bot.app.hub import Hub
from bot.core.cards import plain
from tests.conftest import actor
from tests.features.leaderboard.flow import answer
from tests.features.mock.flow import mock, pair, profile, request, text_of
from tests.features.story.flow import write


def home(hub: Hub, who: str = "u1", **where: str | bool) -> str:
    """What `/home` shows the member, as plain text."""
    return text_of(hub.command_text(actor(who, **where), "home", ""))  # type: ignore[arg-type]


def field(hub: Hub, name: str, who: str = "u1", **where: str | bool) -> str:
    """One field of the member's home card, as read (bold marks dropped)."""
    [message] = hub.command_text(actor(who, **where), "home", "").messages  # type: ignore[arg-type]
    value = next(plain(f.value) for f in message.card.fields if plain(f.name) == name)
    return value.replace("**", "")


def test_the_rank_is_the_leaderboards_with_ties(hub: Hub) -> None:
    answer(hub, "u1")
    answer(hub, "u2")
    board = text_of(hub.command_text(actor("u1"), "leaderboard", "period:all"))
    assert "You: =1 with 10 pts" in board
    assert field(hub, "Points") == "10 pts · rank 🥇 =1 all time · =1 this week (10 pts)"
    assert field(hub, "Streak") == "1 day"


def test_a_member_without_points_is_told_how_to_get_some(hub: Hub) -> None:
    answer(hub, "u1")
    assert field(hub, "Points", "u3") == (
        "No points yet: answer today's question to get on the board."
    )
    assert field(hub, "Streak", "u3") == "none yet: answer today to start one"


def test_todays_question_carries_the_cards_answer_button(hub: Hub) -> None:
    card = hub.command_text(actor("u2"), "question", "").messages[0].card
    [shown] = hub.command_text(actor("u1"), "home", "").messages
    assert "Spotting target leakage" in field(hub, "Today's question")
    assert "not answered yet" in field(hub, "Today's question")
    assert shown.card.buttons[0] == card.buttons[0]  # the same Answer, the same post


def test_an_answered_question_offers_to_edit_the_answer(hub: Hub) -> None:
    answer(hub, "u1")
    [shown] = hub.command_text(actor("u1"), "home", "").messages
    assert "answered ✓" in field(hub, "Today's question")
    assert shown.card.buttons[0].label == "Edit your answer"


def test_a_channel_without_a_question_shows_the_members_own_channel(hub: Hub) -> None:
    answer(hub, "u1")
    assert "answered ✓" in field(hub, "Today's question", channel="c2")


def test_a_waiting_request_and_a_proposed_mock_with_accept(hub: Hub) -> None:
    profile(hub, "u3")
    request(hub, "u3")
    assert field(hub, "Next mock", "u3") == "Onsite coding, waiting for a partner (`/mock status`)"
    mock(hub, "u3", "cancel")
    pair(hub)
    [shown] = hub.command_text(actor("u1"), "home", "").messages
    assert field(hub, "Next mock").startswith("Onsite coding with U2, proposed for Tue 1 Dec")
    assert [b.label for b in shown.card.buttons] == ["Accept", "Another time"]
    accept = shown.card.buttons[0]
    assert "You accepted" in text_of(hub.press(actor("u1"), accept.action, accept.value))
    [after] = hub.command_text(actor("u1"), "home", "").messages
    assert "Accept" not in [b.label for b in after.card.buttons]


def test_stories_show_as_story_mine_shows_them_and_peers_see_them_waiting(hub: Hub) -> None:
    write(hub, "u2")
    mine = text_of(hub.command_text(actor("u2"), "story", "mine"))
    state = field(hub, "Your stories", "u2").split(" — ", 1)[1]
    assert state in mine
    assert field(hub, "Stories to review", "u1") == "1 waiting for a reviewer"
    [shown] = hub.command_text(actor("u1"), "home", "").messages
    review = next(b for b in shown.card.buttons if b.label == "Review a story")
    offered = hub.press(actor("u1"), review.action, review.value)
    assert "Take it" in text_of(offered)


def test_only_admins_see_the_communitys_numbers_and_only_their_communitys(hub: Hub) -> None:
    answer(hub, "u1")
    answer(hub, "u2")
    elsewhere = actor("u3", community="g2")  # another community's answer counts nothing here
    button = hub.command_text(elsewhere, "question", "").messages[0].card.buttons[0]
    hub.submit(elsewhere, "q.answer", button.value, {"answer": "Somewhere else."})
    numbers = field(hub, "Community (admins)", "u9", admin=True)
    assert "Members: 3 · 2 active this week" in numbers
    assert "Answers this week: 2" in numbers
    assert "Community (admins)" not in home(hub, "u1")
    other = field(hub, "Community (admins)", "x9", admin=True, community="g2")
    assert "Members: 2 · 1 active this week" in other
    assert "Answers this week: 1" in other


def test_an_admin_sees_the_live_sprint_as_sprint_status_shows_it(hub: Hub) -> None:
    hub.command_text(actor("u9", admin=True), "sprint", "start Winter")
    status = hub.command_text(actor("u9", admin=True), "sprint", "status").messages[0].card
    sprint = field(hub, "Live sprint", "u9", admin=True, channel="c7")
    assert sprint.startswith("Sprint: Winter")
    for line in status.fields:
        assert f"{plain(line.name)}: {plain(line.value)}" in sprint
    assert "Winter" not in home(hub, "u1")


def test_the_hub_has_no_home_for_a_newcomer_and_stores_nothing(hub: Hub) -> None:
    assert hub.home(actor("new")) is None
    assert not hub.knows_member("console", "g1", "new")
    answer(hub, "u1")
    found = hub.home(actor("u1"))
    assert found is not None and found.rank is not None and found.rank.points == 10
