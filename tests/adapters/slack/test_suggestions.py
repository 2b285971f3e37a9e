"""Suggestions through the real bolt app: the form, the admins' queue, the decision by DM."""

from __future__ import annotations

from typing import Any

from tests.adapters.slack.conftest import ADMIN, Workspace, buttons, texts
from tests.adapters.slack.fake_slack import view_submission
from tests.features.suggestions.flow import SUGGESTED

KEYS = "suggest category:applied_ml difficulty:medium round:ml_depth"


async def _suggest(slack: Workspace, user: str = "U1") -> dict[str, Any]:
    await slack.command(KEYS, user=user)
    [opened] = await slack.fake.wait_for("views.open")
    view = dict(opened["view"])
    assert [b["block_id"] for b in view["blocks"]] == ["title", "prompt", "hints", "strong_answer"]
    await slack.dispatch(view_submission(view, SUGGESTED, user=user))
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    return saved


async def _queue(slack: Workspace) -> dict[str, Any]:
    slack.fake.admins.add(ADMIN)
    answered = len(slack.fake.responses)
    await slack.command("suggestions", user=ADMIN)
    return (await slack.fake.wait_responses(answered + 1))[-1]


async def test_a_suggestion_is_approved_and_its_author_told_by_direct_message(
    slack: Workspace,
) -> None:
    saved = await _suggest(slack)
    assert "Thanks! Your question is waiting for review: Calibrating a churn model" in texts(saved)
    queue = await _queue(slack)
    assert "Suggested question: Calibrating a churn model" in texts(queue)
    approve = buttons(queue)["Approve"]
    await slack.press(approve["action_id"], approve["value"], user=ADMIN)
    [letter] = await slack.fake.wait_for("chat.postMessage")
    assert slack.fake.of("conversations.open")[-1]["users"] == "U1"
    assert "Your question was approved: Calibrating a churn model" in texts(letter)
    assert "+20 points." in texts(letter)


async def test_a_denial_reaches_the_author_with_the_reason(slack: Workspace) -> None:
    await _suggest(slack)
    deny = buttons(await _queue(slack))["Deny"]
    await slack.press(deny["action_id"], deny["value"], user=ADMIN)
    view = dict((await slack.fake.wait_for("views.open", 2))[-1]["view"])
    assert view["title"]["text"] == "Deny the suggestion"
    reason = {"reason": "Too close to last week's <!channel> question."}
    await slack.dispatch(view_submission(view, reason, user=ADMIN))
    [letter] = await slack.fake.wait_for("chat.postMessage")
    shown = texts(letter)
    assert "Too close to last week's &lt;!channel&gt; question." in shown
    assert "<!channel>" not in shown


async def test_a_member_is_refused_the_queue_and_add(slack: Workspace) -> None:
    await slack.command("suggestions", user="U2")
    await slack.command("add category:coding difficulty:easy", user="U2")
    answers = await slack.fake.wait_responses(2)
    assert all("admin" in texts(answer).lower() for answer in answers)
    assert slack.fake.of("views.open") == []


async def test_an_admin_adds_a_question_with_the_same_form(slack: Workspace) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("add category:applied_ml difficulty:medium", user=ADMIN)
    [opened] = await slack.fake.wait_for("views.open")
    view = dict(opened["view"])
    assert view["title"]["text"] == "Add a question"
    await slack.dispatch(view_submission(view, SUGGESTED, user=ADMIN))
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    assert "Added to this community's bank: Calibrating a churn model" in texts(saved)
