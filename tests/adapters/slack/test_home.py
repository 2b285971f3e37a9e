"""The App Home tab through the real bolt app: signed app_home_opened events, views.publish."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.app.hub import Hub
from bot.core.cards import Reply
from tests.adapters.slack.conftest import ADMIN, Workspace, texts
from tests.adapters.slack.fake_slack import CHANNEL, TEAM, app_home_opened, home_action
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.story.flow import GOOD


def write_story(hub: Hub, user: str, title: str = GOOD["title"]) -> Reply:
    """Write a whole STAR story as a Slack member (the form `/story new` opens, sent)."""
    me = actor(user, platform="slack", community=TEAM, channel=CHANNEL)
    opened = hub.command_text(me, "story", "new principle:ownership")
    assert opened.modal is not None
    return hub.submit(me, opened.modal.action, opened.modal.value, {**GOOD, "title": title})


async def open_home(slack: Workspace, user: str) -> dict[str, Any]:
    """Open the member's Home tab and return the view published for them."""
    published = len(slack.fake.of("views.publish"))
    await slack.event(app_home_opened(user))
    return await next_home(slack, user, published)


async def next_home(slack: Workspace, user: str, published: int) -> dict[str, Any]:
    """Wait for the next home published after `published` calls, and return its view."""
    calls = await slack.fake.wait_for("views.publish", published + 1)
    call = calls[-1]
    assert call["user_id"] == user
    view = call["view"]
    return dict(json.loads(view) if isinstance(view, str) else view)


def home_buttons(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every button of a home (in actions blocks and beside sections), by label."""
    found = [block["accessory"] for block in view["blocks"] if "accessory" in block]
    found += [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return {button["text"]["text"]: button for button in found}


async def join(slack: Workspace, user: str) -> None:
    """The member uses PrepLoop once (`/leaderboard`), which makes them a member here."""
    answered = len(slack.fake.responses)
    await slack.command("", user=user, command="/leaderboard")
    await slack.fake.wait_responses(answered + 1)


async def post_today(slack: Workspace) -> None:
    """A workspace admin posts today's question in the channel."""
    slack.fake.admins.add(ADMIN)
    await slack.command("post-now", user=ADMIN)
    await slack.fake.wait_for("chat.postMessage")


async def answer(slack: Workspace, user: str, text: str = "Check the split first.") -> None:
    """Answer today's question from its channel card (the form, then the submission)."""
    card = await slack.todays_card(user)
    [button] = [e for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]][:1]
    opened = len(slack.fake.of("views.open"))
    await slack.press(button["action_id"], button["value"], user=user)
    views = await slack.fake.wait_for("views.open", opened + 1)
    await slack.submit(views[-1]["view"], text, user=user)


async def test_a_member_sees_points_rank_with_ties_and_streak(slack: Workspace) -> None:
    await answer(slack, "U1")
    await answer(slack, "U2")
    await slack.fake.wait_for("chat.postEphemeral", 2)
    home = texts(await open_home(slack, "U1"))
    assert "Your PrepLoop home" in home
    assert "*10 pts* · rank *🥇 =1* all time · =1 this week (10 pts)" in home
    assert "*Streak*\n1 day" in home


async def test_todays_question_has_the_channel_cards_answer_button(slack: Workspace) -> None:
    await post_today(slack)
    await join(slack, "U3")
    view = await open_home(slack, "U3")
    assert "*Spotting target leakage*" in texts(view)
    assert "not answered yet" in texts(view)
    button = home_buttons(view)["Answer"]
    assert button["action_id"] == "q.answer"
    await slack.dispatch(home_action(button["action_id"], button["value"], user="U3"))
    [opened] = await slack.fake.wait_for("views.open")
    assert opened["trigger_id"] == "trigger-home-U3"
    assert opened["view"]["callback_id"] == "q.answer"


async def test_answering_refreshes_an_opened_home(slack: Workspace) -> None:
    await post_today(slack)
    await join(slack, "U1")
    before = await open_home(slack, "U1")
    assert "No points yet" in texts(before)
    published = len(slack.fake.of("views.publish"))
    await answer(slack, "U1")
    after = await next_home(slack, "U1", published + 2)  # /question, Answer, the form
    assert "answered ✓" in texts(after)
    assert "Edit your answer" in home_buttons(after)
    assert "*10 pts* · rank *🥇 #1* all time" in texts(after)


async def test_a_member_who_never_opened_the_home_gets_no_publish(slack: Workspace) -> None:
    await answer(slack, "U1")
    await slack.fake.wait_for("chat.postEphemeral")
    assert slack.fake.of("views.publish") == []


async def test_a_failed_publish_does_not_break_answering(slack: Workspace) -> None:
    await open_home(slack, "U1")
    slack.fake.fail["views.publish"] = "internal_error"
    await answer(slack, "U1")
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    assert "Saved your answer. +10 points." in texts(saved)
    await slack.fake.wait_for("views.publish", 3)  # opened, the /question card, the answer


async def test_a_proposed_mock_offers_accept_and_another_time(slack: Workspace) -> None:
    await slack.pair_for_a_mock()
    view = await open_home(slack, "U1")
    assert "Onsite coding with u2, proposed for" in texts(view)
    accept = home_buttons(view)["Accept"]
    assert accept["action_id"] == "mock.accept"
    assert home_buttons(view)["Another time"]["action_id"] == "mock.other"
    published = len(slack.fake.of("views.publish"))
    await slack.dispatch(home_action(accept["action_id"], accept["value"], user="U1"))
    after = await next_home(slack, "U1", published)
    assert "Accept" not in home_buttons(after)
    assert "proposed for" in texts(after)


async def test_only_an_admin_sees_the_communitys_numbers(
    slack: Workspace, clock: FakeClock
) -> None:
    await slack.start_sprint(clock)
    await answer(slack, "U1")
    await slack.fake.wait_for("chat.postEphemeral")  # the answer is saved
    admin = texts(await open_home(slack, ADMIN))
    assert "Community (admins)" in admin
    assert "*Members:* 2 · 1 active this week" in admin
    assert "*Answers this week:* 1" in admin
    assert "Sprint: Winter" in admin
    member = texts(await open_home(slack, "U1"))
    assert "Community (admins)" not in member
    assert "Members:" not in member
    assert "Winter" not in member


async def test_a_newcomer_is_welcomed_and_nothing_is_stored(slack: Workspace, hub: Hub) -> None:
    view = await open_home(slack, "U7")
    shown = texts(view)
    assert "Welcome to PrepLoop" in shown
    assert "`/question`: read today's question and answer it privately" in shown
    assert "Points" not in shown
    assert not hub.knows_member("slack", TEAM, "U7")


async def test_the_messages_tab_publishes_nothing(slack: Workspace) -> None:
    await slack.event(app_home_opened("U1", tab="messages"))
    await slack.event(app_home_opened("U1"))
    await slack.fake.wait_for("views.publish")
    assert len(slack.fake.of("views.publish")) == 1


@pytest.mark.parametrize("text", ["<!channel> *loud* @here", "```", "<@U123> &amp;"])
async def test_a_story_title_in_the_home_never_pings_nor_formats(
    slack: Workspace, hub: Hub, text: str
) -> None:
    write_story(hub, "U1", text)
    shown = texts(await open_home(slack, "U1"))
    assert "Your stories" in shown and "#1" in shown
    assert "<!channel>" not in shown and "<@U123>" not in shown and "```" not in shown
    assert "@here" not in shown and "*loud*" not in shown


async def test_a_story_waiting_for_review_offers_the_review_flow(
    slack: Workspace, hub: Hub
) -> None:
    write_story(hub, "U2")
    mine = texts(await open_home(slack, "U2"))
    assert "Fixed the flaky ranking pipeline" in mine
    assert "waiting" in mine
    await join(slack, "U1")
    view = await open_home(slack, "U1")
    assert "1 waiting for a reviewer" in texts(view)
    review = home_buttons(view)["Review a story"]
    assert review["action_id"] == "story.next"
    await slack.dispatch(home_action(review["action_id"], review["value"], user="U1"))
    [offer] = await slack.fake.wait_posted("DU1", 1)
    assert "Take it" in texts(offer)


async def test_the_home_command_answers_privately_and_publishes_the_tab(slack: Workspace) -> None:
    await join(slack, "U1")
    await open_home(slack, "U1")
    published = len(slack.fake.of("views.publish"))
    answered = len(slack.fake.responses)
    await slack.command("", user="U1", command="/home")
    [shown] = (await slack.fake.wait_responses(answered + 1))[answered:]
    assert shown["response_type"] == "ephemeral"
    assert "Your PrepLoop home" in texts(shown)
    await next_home(slack, "U1", published)  # the tab is brought up to date too
