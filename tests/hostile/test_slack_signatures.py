"""Slack requests without a valid, fresh signature are rejected before they reach the hub."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Sequence
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import pytest
from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.adapters.slack import build_app
from bot.adapters.slack.commands import command_names
from bot.app.feature import registry_of
from bot.app.hub import Hub
from bot.config import Settings
from bot.features import FEATURES
from bot.storage.engine import make_engine
from tests.adapters.slack.fake_slack import (
    BOT_TOKEN,
    SECRET,
    FakeSlack,
    block_action,
    signed,
    slash,
)

REGISTRY = registry_of(FEATURES)

STALE_SECONDS = 5 * 60 + 30
COMMANDS = [f"/{group}" for group in REGISTRY.groups()] + ["/help"]
REQUESTS = [*COMMANDS, "button", "form"]
Forge = Callable[[str], AsyncBoltRequest]


class SpyHub(Hub):
    """A hub that records each call it gets."""

    def __init__(self) -> None:
        super().__init__(make_engine("sqlite://"))
        self.calls: list[str] = []

    def command_text(self, *args: Any) -> Any:
        self.calls.append("command")
        return super().command_text(*args)

    def press(self, *args: Any) -> Any:
        self.calls.append("press")
        return super().press(*args)

    def submit(self, *args: Any) -> Any:
        self.calls.append("submit")
        return super().submit(*args)

    def help(self) -> Any:
        self.calls.append("help")
        return super().help()


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def hub() -> SpyHub:
    return SpyHub()


@pytest.fixture
def app(hub: SpyHub, fake: FakeSlack) -> AsyncApp:
    settings = Settings(
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=fake.api_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    return build_app(hub, settings)


def body_of(request_for: str, fake: FakeSlack) -> str:
    """The form body Slack would send for a slash command, a button press or a form."""
    url = fake.response_url()
    if request_for == "button":
        return block_action("q.answer", "1", user="U1", response_url=url)
    if request_for == "form":
        view = {"callback_id": "q.answer", "private_metadata": "{}", "state": {"values": {}}}
        payload = {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U1"}}
        return urlencode({"payload": json.dumps({**payload, "view": view})})
    return slash(request_for, "status", user="U1", response_url=url)


def unsigned(body: str) -> AsyncBoltRequest:
    headers: dict[str, str | Sequence[str]] = {"content-type": "application/x-www-form-urlencoded"}
    return AsyncBoltRequest(body=body, headers=headers)


def test_every_slash_command_the_app_listens_to_is_checked_here(hub: SpyHub) -> None:
    bridge = SimpleNamespace(hub=hub)
    assert command_names(bridge) == COMMANDS  # type: ignore[arg-type]


@pytest.mark.parametrize("request_for", REQUESTS)
@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(unsigned, id="no signature"),
        pytest.param(lambda body: signed(body, secret="not-the-secret"), id="bad signature"),
        pytest.param(lambda body: signed(body, age=STALE_SECONDS), id="over five minutes old"),
    ],
)
async def test_an_unverified_request_is_rejected_with_401(
    app: AsyncApp, hub: SpyHub, fake: FakeSlack, request_for: str, forge: Forge
) -> None:
    response = await app.async_dispatch(forge(body_of(request_for, fake)))
    assert response.status == 401
    assert hub.calls == []
    assert fake.calls == []
    assert fake.responses == []


async def test_the_same_request_signed_now_is_accepted(
    app: AsyncApp, hub: SpyHub, fake: FakeSlack
) -> None:
    response = fake.acked(await app.async_dispatch(signed(body_of("/help", fake))))
    assert response.status == 200
    await fake.wait_responses()
    assert hub.calls == ["help"]
