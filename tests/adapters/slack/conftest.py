"""Fixtures: a fake Slack on 127.0.0.1 and the real bolt app wired to it and to a real hub."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.adapters.slack import build_app
from bot.config import Settings
from bot.services.hub import Hub
from tests.adapters.slack.fake_slack import (
    BOT_TOKEN,
    SECRET,
    FakeSlack,
    block_action,
    signed,
    slash,
    view_submission,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def slack_settings(settings: Settings, fake: FakeSlack) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": SecretStr(BOT_TOKEN),
            "slack_signing_secret": SecretStr(SECRET),
            "slack_api_url": fake.api_url,
        }
    )


class Workspace:
    """Drive the real bolt app with signed requests, as Slack would."""

    def __init__(self, app: AsyncApp, fake: FakeSlack) -> None:
        self.app = app
        self.fake = fake

    async def dispatch(self, body: str) -> BoltResponse:
        response = await self.app.async_dispatch(signed(body))
        assert response.status == 200, response.body
        return response

    async def command(self, text: str, *, user: str = "U1", command: str = "/question") -> None:
        await self.dispatch(slash(command, text, user=user, response_url=self.fake.response_url()))

    async def press(self, action_id: str, value: str, *, user: str = "U1") -> None:
        url = self.fake.response_url("press")
        await self.dispatch(block_action(action_id, value, user=user, response_url=url))

    async def submit(self, view: dict[str, Any], text: str, *, user: str = "U1") -> None:
        await self.dispatch(view_submission(view, {"answer": text}, user=user))

    async def todays_card(self, user: str = "U1") -> dict[str, Any]:
        """Run /question and return the ephemeral answer."""
        await self.command("", user=user)
        return (await self.fake.wait_responses())[-1]


def build(hub: Hub, settings: Settings, fake: FakeSlack) -> Workspace:
    return Workspace(build_app(hub, settings), fake)


@pytest.fixture
def slack(hub: Hub, slack_settings: Settings, fake: FakeSlack) -> Workspace:
    return build(hub, slack_settings, fake)


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a posted message, by label."""
    return {
        element["text"]["text"]: element
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def texts(message: dict[str, Any]) -> str:
    """Every text of a message (fallback, header, sections, fields, footer) in one string."""
    found = [str(message.get("text", ""))]
    for block in message.get("blocks") or []:
        found.append(str((block.get("text") or {}).get("text", "")))
        found += [f["text"] for f in block.get("fields", [])]
        for element in block.get("elements", []):
            label = element.get("text", "")
            found.append(str(label.get("text", "") if isinstance(label, dict) else label))
    return "\n".join(found)
