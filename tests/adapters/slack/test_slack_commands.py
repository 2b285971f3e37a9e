"""Slash commands through the real bolt app: what reaches Slack, and who may do what."""

from __future__ import annotations

import asyncio

from bot.app.hub import Hub
from bot.app.registry import Registry
from bot.config import Settings
from bot.core.cards import Card, Message, Reply, Visibility
from tests.adapters.slack.conftest import Workspace, build, buttons, texts
from tests.adapters.slack.fake_slack import CHANNEL, FakeSlack


async def test_question_answers_privately_with_answer_and_hint_buttons(slack: Workspace) -> None:
    card = await slack.todays_card()
    assert card["response_type"] == "ephemeral"
    header = card["blocks"][0]
    assert header["type"] == "header"
    assert header["text"]["type"] == "plain_text"
    assert header["text"]["text"].startswith("Question of the day: ")
    shown = buttons(card)
    assert shown["Answer"]["action_id"] == "q.answer"
    assert shown["Answer"]["style"] == "primary"
    assert shown["Hint"]["action_id"] == "q.hint"
    assert card["text"].startswith(header["text"]["text"])
    assert slack.fake.of("chat.postMessage") == []


async def test_post_now_by_a_member_is_refused(slack: Workspace) -> None:
    await slack.command("post-now", user="U2")
    [refusal] = await slack.fake.wait_responses()
    assert refusal["text"] == "Only community admins can use that command."
    assert refusal["response_type"] == "ephemeral"
    assert [call["user"] for call in slack.fake.of("users.info")] == ["U2"]
    assert slack.fake.of("chat.postMessage") == []


async def test_post_now_by_a_workspace_admin_posts_in_the_channel(slack: Workspace) -> None:
    slack.fake.admins.add("U9")
    await slack.command("post-now", user="U9")
    [post] = await slack.fake.wait_for("chat.postMessage")
    assert post["channel"] == CHANNEL
    assert post["blocks"][0]["text"]["text"].startswith("Question of the day: ")
    assert {"Answer", "Hint"} <= set(buttons(post))
    assert slack.fake.responses == []


async def test_post_now_by_a_listed_admin_skips_the_slack_lookup(
    hub: Hub, slack_settings: Settings, fake: FakeSlack
) -> None:
    listed = {"slack_admin_ids": {"*": frozenset({"U7"})}}
    slack = build(hub, slack_settings.model_copy(update=listed), fake)
    await slack.command("post-now", user="U7")
    [post] = await fake.wait_for("chat.postMessage")
    assert post["channel"] == CHANNEL
    assert fake.of("users.info") == []


async def test_the_admin_lookup_is_asked_once_for_several_everyday_commands(
    slack: Workspace,
) -> None:
    await slack.command("")
    await slack.command("")
    await slack.fake.wait_responses(2)
    assert len(slack.fake.of("users.info")) == 1


async def test_an_unknown_subcommand_gets_the_short_help(slack: Workspace) -> None:
    await slack.command("sideways")
    [answer] = await slack.fake.wait_responses()
    assert answer["text"] == "I didn't understand `sideways`.\nUsage: `/question`"
    assert answer["response_type"] == "ephemeral"


async def test_help_lists_every_command(slack: Workspace) -> None:
    await slack.command("", command="/help")
    [answer] = await slack.fake.wait_responses()
    assert "`/question post-now` — Post today's question in this channel" in texts(answer)
    assert answer["blocks"][0]["text"]["text"] == "PrepLoop commands"


async def test_a_channel_without_the_bot_is_explained_to_the_admin(slack: Workspace) -> None:
    slack.fake.admins.add("U9")
    slack.fake.broken[CHANNEL] = "not_in_channel"
    await slack.command("post-now", user="U9")
    [answer] = await slack.fake.wait_responses()
    assert answer["text"] == (
        f"I couldn't deliver that. PrepLoop is not a member of {CHANNEL}. "
        "Invite it with `/invite @PrepLoop`."
    )


async def test_a_tracked_post_tells_the_hub_its_ts(
    hub: Hub, slack_settings: Settings, fake: FakeSlack
) -> None:
    registry, tracked = Registry(), []

    @registry.command("demo", "run", "Post a tracked card", default=True)
    def run(_ctx: object, _args: object) -> Reply:
        return Reply([Message(Card(text="hi"), Visibility.CHANNEL, track="demo:7")])

    registry.tracker("demo")(lambda _ctx, value, ref: tracked.append((value, ref)))
    demo = Hub(hub.engine, clock=hub.clock, registry=registry)
    slack = build(demo, slack_settings, fake)
    await slack.command("", command="/demo")
    await fake.wait_for("chat.postMessage")
    for _ in range(100):
        if tracked:
            break
        await asyncio.sleep(0.01)
    assert tracked == [("7", "1700000000.000001")]
