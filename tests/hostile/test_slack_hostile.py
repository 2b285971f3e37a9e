"""Hostile slash commands, buttons and forms as signed requests into the real bolt app."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import SecretStr

from bot.adapters.slack import build_app
from bot.config import Settings
from tests.adapters.slack.fake_slack import (
    BOT_TOKEN,
    CHANNEL,
    SECRET,
    TEAM,
    FakeSlack,
    app_home_opened,
    block_action,
    block_problem,
    signed,
)
from tests.fakes import FakeClock
from tests.hostile.checks import Watch
from tests.hostile.conftest import START, Arena, hostile, new_hub, open_arena
from tests.hostile.figures import FIGURES
from tests.hostile.inputs import (
    ACTIONS,
    PINGS,
    REGISTRY,
    SUBMITS,
    action_names,
    command_line,
    commands,
    forged_value,
    form_fields,
    hostile_text,
    short_text,
)

MEMBERS = ("UA0", "UA1", "UA2")  # UA0 is a workspace admin
POSTS = ("chat.postMessage", "chat.postEphemeral")


@dataclass
class Slack:
    """The bolt app of community A (workspace T1) on a fake Slack, with B in workspace T2."""

    arena: Arena
    fake: FakeSlack
    app: Any
    buttons: list[tuple[str, str]] = field(default_factory=list)
    views: list[dict[str, Any]] = field(default_factory=list)

    def __repr__(self) -> str:
        return "Slack()"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    async def send(self, body: str, watch: Watch, where: str) -> None:
        """Dispatch one signed request, wait for its listener, check everything it sent."""
        calls, responses = len(self.fake.calls), len(self.fake.responses)
        before = asyncio.all_tasks()
        response = self.fake.acked(await self.app.async_dispatch(signed(body)))
        if response.status != 200:
            watch.flag("unanswered", f"{where}: HTTP {response.status}")
        started = asyncio.all_tasks() - before - {asyncio.current_task()}
        if started:
            await asyncio.wait(started, timeout=10)
        await self._check(self.fake.calls[calls:], self.fake.responses[responses:], watch, where)

    async def _check(
        self, calls: list[tuple[str, Any]], responses: list[Any], watch: Watch, where: str
    ) -> None:
        answered = bool(responses)
        for payload in responses:
            watch.slack_payload(payload, f"{where} response")
            self._remember(payload)
        for method, args in calls:
            if method in POSTS:
                answered = True
                watch.slack_payload(args, f"{where} {method}")
                self._remember(args)
            elif method == "views.publish":  # a Home tab: its member text is checked too
                answered = True
                view = args["view"]
                view = json.loads(view) if isinstance(view, str) else view
                if block_problem(view.get("blocks"), limit=100):
                    watch.flag("rejected", f"{where}: Slack would refuse the home")
                watch.slack_view(view, f"{where} views.publish")
            elif method == "views.open":
                answered = True
                view = args["view"]
                view = json.loads(view) if isinstance(view, str) else view
                watch.slack_view(view, f"{where} views.open")
                self.views = [*self.views[-50:], view]
        if not answered:
            watch.flag("unanswered", f"{where}: nothing reached the member")

    def _remember(self, payload: dict[str, Any]) -> None:
        blocks = payload.get("blocks") or []
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        for block in blocks:
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                pair = (element["action_id"], element.get("value", ""))
                if pair not in self.buttons:
                    self.buttons = [*self.buttons[-200:], pair]


@pytest.fixture
async def slack(hostile_url: str, caplog: pytest.LogCaptureFixture) -> AsyncIterator[Slack]:
    fake = FakeSlack()
    await fake.start()
    fake.admins.add(MEMBERS[0])
    hub = new_hub(hostile_url, FakeClock(START))
    arena = await asyncio.to_thread(
        open_arena,
        hub,
        caplog,
        adapter="slack",
        platform="slack",
        other_id="T2",
        other_users=("UZQXSECRETB0", "UZQXSECRETB1", "UZQXSECRETB2"),
        members=MEMBERS,
    )
    settings = Settings(
        database_url="sqlite://",
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=fake.api_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    yield Slack(arena, fake, build_app(hub, settings))
    await fake.stop()
    arena.check_other_untouched()
    hub.engine.dispose()


def slash_body(command: str, text: str, user: str, name: str, response_url: str) -> str:
    """A slash command from a member of T1 whose display name may be anything."""
    return urlencode(
        {
            "team_id": TEAM,
            "team_domain": "study-group",
            "channel_id": CHANNEL,
            "channel_name": "study",
            "user_id": user,
            "user_name": name,
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "response_url": response_url,
            "trigger_id": f"trigger-{user}",
        }
    )


def submission(action: str, value: str, fields: dict[str, str], user: str, channel: str) -> str:
    """A modal submission, forged or real: any callback_id, metadata and inputs."""
    state = {key: {key: {"type": "plain_text_input", "value": v}} for key, v in fields.items()}
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "study-group"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": "A1",
        "trigger_id": f"trigger-submit-{user}",
        "view": {
            "id": "V1",
            "team_id": TEAM,
            "type": "modal",
            "callback_id": action,
            "private_metadata": json.dumps({"value": value, "channel": channel}),
            "state": {"values": state},
        },
    }
    return urlencode({"payload": json.dumps(payload)})


@hostile(350)
@given(data=st.data())
async def test_slash_commands_with_hostile_text_get_clean_answers(
    slack: Slack, data: st.DataObject
) -> None:
    command = data.draw(commands(), "command")
    text = data.draw(st.one_of(command_line(command), hostile_text()), "text")
    user = data.draw(st.sampled_from(MEMBERS), "user")
    name = data.draw(st.one_of(st.just(user.lower()), short_text()), "name")
    name_of = "/help" if data.draw(st.integers(0, 30), "help") == 0 else f"/{command.group}"
    watch = slack.arena.watch()
    if name_of != "/help":
        FIGURES.reached("slack", command.group)
    body = slash_body(name_of, text, user, name, slack.fake.response_url())
    await slack.send(body, watch, f"{name_of} {text[:40]!r}")
    slack.arena.settle(watch)


@hostile(300)
@given(data=st.data())
async def test_forged_and_replayed_buttons_get_clean_answers(
    slack: Slack, data: st.DataObject
) -> None:
    ids = tuple(slack.arena.other.all_ids())
    pick = data.draw(st.integers(0, 2**16), "pick")
    forged = (data.draw(slack_ids(ACTIONS), "action"), data.draw(forged_value(ids), "value"))
    real = data.draw(st.booleans(), "real")
    action, value = slack.buttons[pick % len(slack.buttons)] if real and slack.buttons else forged
    user = data.draw(st.sampled_from(MEMBERS), "user")
    watch = slack.arena.watch()
    url = slack.fake.response_url("press")
    await slack.send(block_action(action, value, user=user, response_url=url), watch, action)
    slack.arena.settle(watch)


@hostile(300)
@given(data=st.data())
async def test_forged_and_replayed_forms_get_clean_answers(
    slack: Slack, data: st.DataObject
) -> None:
    ids = tuple(slack.arena.other.all_ids())
    pick = data.draw(st.integers(0, 2**16), "pick")
    action = data.draw(slack_ids(SUBMITS), "action")
    value = data.draw(forged_value(ids), "value")
    fields = data.draw(form_fields(action if action in SUBMITS else "q.answer"), "fields")
    real = data.draw(st.booleans(), "real")
    twice = data.draw(st.booleans(), "twice")
    user = data.draw(st.sampled_from(MEMBERS), "user")
    channel = CHANNEL
    if real and slack.views:
        view = slack.views[pick % len(slack.views)]
        action, (value, channel) = view["callback_id"], _metadata(view)
        fields = {b["block_id"]: fields.get(b["block_id"], "3") for b in view["blocks"]}
    watch = slack.arena.watch()
    body = submission(action, value, fields, user, channel)
    for _ in range(2 if twice else 1):  # a replayed submission counts nothing twice
        await slack.send(body, watch, f"form {action}")
    slack.arena.settle(watch, 2 if twice else 1)


def slack_ids(known: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Action ids and callback ids as Slack can send them: never empty (nor only newlines)."""
    return action_names(known).filter(lambda name: bool(name.strip("\n")))


def _metadata(view: dict[str, Any]) -> tuple[str, str]:
    data = json.loads(view["private_metadata"])
    return str(data["value"]), str(data["channel"])


@hostile(60)
@given(opener=st.sampled_from(("", "post-now")), user=st.sampled_from(MEMBERS))
async def test_the_daily_card_buttons_pressed_by_anyone_get_clean_answers(
    slack: Slack, opener: str, user: str
) -> None:
    watch = slack.arena.watch()
    url = slack.fake.response_url()
    await slack.send(slash_body("/question", opener, user, user, url), watch, "/question")
    for action, value in list(slack.buttons[-7:]):
        press = block_action(action, value, user=user, response_url=url)
        await slack.send(press, watch, action)
    slack.arena.settle(watch, 1 + len(slack.buttons[-7:]))


@hostile(60)
@given(data=st.data())
async def test_the_home_tab_shows_hostile_story_titles_and_names_literally(
    slack: Slack, data: st.DataObject
) -> None:
    user = data.draw(st.sampled_from(MEMBERS), "user")
    name = data.draw(st.one_of(st.just(user.lower()), short_text()), "name")
    fields = {**data.draw(form_fields("story.new"), "fields")}
    fields["title"] = data.draw(hostile_text(), "title")
    watch = slack.arena.watch()
    url = slack.fake.response_url()
    opened = len(slack.views)
    await slack.send(slash_body("/story", "new ownership", user, name, url), watch, "/story new")
    sent = 1
    if len(slack.views) > opened:
        action, (value, channel) = slack.views[-1]["callback_id"], _metadata(slack.views[-1])
        await slack.send(submission(action, value, fields, user, channel), watch, "story form")
        sent += 1
    await slack.send(app_home_opened(user), watch, "app_home_opened")
    slack.arena.settle(watch, sent + 1)


@pytest.mark.parametrize("group", sorted(REGISTRY.groups()))
async def test_every_command_group_answers_hostile_text_cleanly(slack: Slack, group: str) -> None:
    # The drawn commands above may miss a group of one command (like /home); this reaches all.
    watch = slack.arena.watch()
    FIGURES.reached("slack", group)
    text = " ".join(PINGS[:4])
    body = slash_body(f"/{group}", text, MEMBERS[1], "@here", slack.fake.response_url())
    await slack.send(body, watch, f"/{group} {text[:40]!r}")
    slack.arena.settle(watch)
