"""Buttons and modals through the real bolt app: Answer opens a form, the form saves the answer."""

from __future__ import annotations

import json
from typing import Any

from tests.adapters.slack.conftest import Workspace, buttons, texts
from tests.adapters.slack.fake_slack import CHANNEL

TRICKY = "<!channel> <!here> <@U123> *bold* ```"


async def open_answer_form(slack: Workspace, user: str = "U1") -> dict[str, Any]:
    """Show today's card, press Answer and return the modal view Slack was asked to open."""
    answer = buttons(await slack.todays_card(user))["Answer"]
    before = len(slack.fake.of("views.open"))
    await slack.press(answer["action_id"], answer["value"], user=user)
    opened = await slack.fake.wait_for("views.open", before + 1)
    return dict(opened[-1]["view"])


async def test_pressing_answer_opens_a_modal_with_the_trigger(slack: Workspace) -> None:
    view = await open_answer_form(slack)
    [call] = slack.fake.of("views.open")
    assert call["trigger_id"] == "trigger-press-U1"
    assert view["type"] == "modal"
    assert view["callback_id"] == "q.answer"
    assert view["title"]["text"] == "Your answer"
    assert json.loads(view["private_metadata"])["channel"] == CHANNEL
    [box] = view["blocks"]
    assert box["element"]["type"] == "plain_text_input"
    assert box["element"]["multiline"] is True
    assert box["element"]["max_length"] == 3000


async def test_submitting_the_form_saves_the_answer_for_ten_points(slack: Workspace) -> None:
    view = await open_answer_form(slack)
    await slack.submit(view, "A hash map from value to index.")
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    assert (saved["channel"], saved["user"]) == (CHANNEL, "U1")
    assert saved["blocks"][0]["text"]["text"] == "Saved your answer. +10 points."
    assert "A hash map from value to index." in texts(saved)


async def test_a_second_submission_updates_without_points(slack: Workspace) -> None:
    view = await open_answer_form(slack)
    await slack.submit(view, "First try.")
    await slack.fake.wait_for("chat.postEphemeral")
    await slack.submit(view, "Second, better try.")
    updated = (await slack.fake.wait_for("chat.postEphemeral", 2))[-1]
    assert updated["blocks"][0]["text"]["text"] == "Updated your answer."
    assert "points" not in texts(updated)


async def test_the_form_opened_again_holds_the_saved_answer(slack: Workspace) -> None:
    view = await open_answer_form(slack)
    await slack.submit(view, "x < y & z")
    await slack.fake.wait_for("chat.postEphemeral")
    again = await open_answer_form(slack)
    assert again["blocks"][0]["element"]["initial_value"] == "x < y & z"


async def test_hint_is_shown_only_to_the_member(slack: Workspace) -> None:
    hint = buttons(await slack.todays_card())["Hint"]
    await slack.press(hint["action_id"], hint["value"])
    hinted = (await slack.fake.wait_responses(2))[-1]
    assert hinted["response_type"] == "ephemeral"
    assert hinted["replace_original"] is False
    assert hinted["blocks"][0]["text"]["text"].startswith("Hint 1 of ")
    assert slack.fake.of("chat.postMessage") == []


async def test_member_text_never_pings_nor_formats(slack: Workspace) -> None:
    view = await open_answer_form(slack)
    await slack.submit(view, TRICKY)
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    shown = json.dumps(saved)
    for live in ("<!channel>", "<!here>", "<@U123>", "*bold*", "```"):
        assert live not in shown
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;" in texts(saved)
    assert "bold" in texts(saved)


async def test_a_form_sent_where_ephemeral_fails_arrives_as_a_direct_message(
    slack: Workspace,
) -> None:
    view = await open_answer_form(slack)
    slack.fake.broken[CHANNEL] = "channel_not_found"
    await slack.submit(view, "An answer.")
    [dm] = await slack.fake.wait_for("chat.postMessage")
    assert slack.fake.of("conversations.open")[-1]["users"] == "U1"
    assert dm["channel"] == "DU1"
    assert dm["blocks"][0]["text"]["text"] == "Saved your answer. +10 points."


async def test_an_expired_trigger_is_explained(slack: Workspace) -> None:
    slack.fake.fail["views.open"] = "expired_trigger_id"
    answer = buttons(await slack.todays_card())["Answer"]
    await slack.press(answer["action_id"], answer["value"])
    said = (await slack.fake.wait_responses(2))[-1]
    assert said["text"] == "Slack could not open the form. Press the button again."


async def test_a_stale_button_says_so(slack: Workspace) -> None:
    await slack.press("gone.away", "1")
    [said] = await slack.fake.wait_responses()
    assert said["text"] == "That button no longer works. Run the command again for a fresh one."
