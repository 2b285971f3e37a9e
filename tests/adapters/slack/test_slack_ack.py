"""Slack's acknowledgement: a quick answer travels in it; anything slower follows it.

Slack shows "operation timed out" when a request goes unanswered for 3 seconds, so the app
answers each request when its listener returns (bolt's process_before_response) and the
listeners hand slow work on. A hub that waits on a gate shows which came first.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import pytest
from slack_bolt.response import BoltResponse

from bot.adapters.slack import commands
from bot.adapters.slack.app import wired
from bot.app.hub import Hub
from bot.config import Settings
from bot.core.actors import Actor
from bot.core.cards import Reply
from tests.adapters.slack.conftest import buttons, texts
from tests.adapters.slack.fake_slack import FakeSlack, block_action, signed, slash


class GatedHub(Hub):
    """A hub whose answers wait until the test opens the gate."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub.engine, clock=hub.clock, default_tz=hub.default_tz)
        self.gate = threading.Event()
        self.entered = threading.Event()

    def command_text(self, actor: Actor, group: str, text: str) -> Reply:
        self.entered.set()
        self.gate.wait(timeout=10)
        return super().command_text(actor, group, text)

    def press(self, actor: Actor, action: str, value: str) -> Reply:
        self.entered.set()
        self.gate.wait(timeout=10)
        return super().press(actor, action, value)


@pytest.fixture
def gated(hub: Hub) -> GatedHub:
    return GatedHub(hub)


async def dispatch(app: Any, body: str) -> BoltResponse:
    response: BoltResponse = await app.async_dispatch(signed(body))
    assert response.status == 200, response.body
    return response


async def test_a_quick_answer_is_the_acknowledgement_itself(
    hub: Hub, slack_settings: Settings, fake: FakeSlack
) -> None:
    app, _ = wired(hub, slack_settings)
    body = slash("/question", "", user="U1", response_url=fake.response_url())
    answer = json.loads((await dispatch(app, body)).body)
    assert answer["response_type"] == "ephemeral"
    assert "Question of the day" in texts(answer)
    assert "Hint" in buttons(answer)
    await asyncio.sleep(0.05)
    assert fake.responses == []  # nothing more was sent to the response_url


async def test_a_slow_answer_is_acknowledged_at_once_and_follows_through_the_response_url(
    gated: GatedHub, slack_settings: Settings, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "ANSWER_IN_ACK_WITHIN", 0.05)
    app, bridge = wired(gated, slack_settings)
    body = slash("/question", "", user="U1", response_url=fake.response_url())
    acknowledged = await dispatch(app, body)  # the hub is still waiting at its gate
    assert acknowledged.body == ""
    assert gated.entered.is_set() and not gated.gate.is_set()
    assert fake.responses == []
    gated.gate.set()
    [answer] = await fake.wait_responses()
    assert "Question of the day" in texts(answer)
    assert not bridge.pending


async def test_a_press_is_acknowledged_before_the_hub_answers_it(
    gated: GatedHub, slack_settings: Settings, fake: FakeSlack
) -> None:
    gated.gate.set()
    app, _ = wired(gated, slack_settings)
    shown = json.loads(
        (await dispatch(app, slash("/question", "", user="U1", response_url="x"))).body
    )
    hint = buttons(shown)["Hint"]
    gated.gate.clear()
    gated.entered.clear()
    url = fake.response_url("press")
    acknowledged = await dispatch(
        app, block_action(hint["action_id"], hint["value"], user="U1", response_url=url)
    )
    assert acknowledged.body == ""  # Slack takes no message in a button's acknowledgement
    await asyncio.to_thread(gated.entered.wait, 5)
    assert fake.responses == []
    gated.gate.set()
    [answer] = await fake.wait_responses()
    assert "Hint 1 of" in texts(answer)


async def test_shutting_down_waits_for_answers_already_acknowledged(
    gated: GatedHub, slack_settings: Settings, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "ANSWER_IN_ACK_WITHIN", 0.01)
    app, bridge = wired(gated, slack_settings)
    for user in ("U1", "U2"):
        await dispatch(app, slash("/question", "", user=user, response_url=fake.response_url()))
    assert len(bridge.pending) == 2
    draining = asyncio.create_task(bridge.drain(within=5))
    await asyncio.sleep(0.05)
    assert not draining.done()  # still waiting for the two answers
    gated.gate.set()
    await asyncio.wait_for(draining, timeout=5)
    assert len(fake.responses) == 2
    assert not bridge.pending


async def test_shutting_down_gives_up_on_an_answer_that_never_comes(
    gated: GatedHub, slack_settings: Settings, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "ANSWER_IN_ACK_WITHIN", 0.01)
    app, bridge = wired(gated, slack_settings)
    await dispatch(app, slash("/question", "", user="U1", response_url=fake.response_url()))
    await bridge.drain(within=0.05)  # returns although the hub still waits
    assert len(bridge.pending) == 1
    gated.gate.set()
    await fake.wait_responses()
