"""Fixtures: a fake Slack on 127.0.0.1 and the real bolt app wired to it and to a real hub."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.adapters.slack import build_app
from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.slack.fake_slack import (
    BOT_TOKEN,
    CHANNEL,
    SECRET,
    TEAM,
    FakeSlack,
    block_action,
    signed,
    slash,
    view_submission,
)
from tests.fakes import FakeClock

ADMIN = "U9"
FORM = "application/x-www-form-urlencoded"
ALICE = 'set role:MLE level:mle2 timezone:Europe/Paris availability:"mon-fri 18:00-21:00"'
BOB = 'set role:mle level:senior timezone:America/New_York availability:"mon-fri 12:00-15:00"'


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack(keep_alive=True)
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

    async def dispatch(self, body: str, content_type: str = FORM) -> BoltResponse:
        response = await self.app.async_dispatch(signed(body, content_type=content_type))
        assert response.status == 200, response.body
        return self.fake.acked(response)

    async def event(self, body: str) -> BoltResponse:
        """Deliver an Events API callback (a JSON body)."""
        return await self.dispatch(body, content_type="application/json")

    async def command(
        self, text: str, *, user: str = "U1", command: str = "/question", team: str = TEAM
    ) -> None:
        url = self.fake.response_url()
        await self.dispatch(slash(command, text, user=user, response_url=url, team=team))

    async def press(self, action_id: str, value: str, *, user: str = "U1") -> None:
        url = self.fake.response_url("press")
        await self.dispatch(block_action(action_id, value, user=user, response_url=url))

    async def submit(self, view: dict[str, Any], text: str, *, user: str = "U1") -> None:
        await self.dispatch(view_submission(view, {"answer": text}, user=user))

    async def todays_card(self, user: str = "U1") -> dict[str, Any]:
        """Run /question and return the ephemeral answer."""
        await self.command("", user=user)
        return (await self.fake.wait_responses())[-1]

    async def pair_for_a_mock(self) -> None:
        """U1 and U2 set their mock profiles and ask for a partner, one after the other."""
        steps = [
            (ALICE, "U1", "/profile"),
            ("request round:onsite_coding", "U1", "/mock"),
            (BOB, "U2", "/profile"),
            ("request round:ml_depth", "U2", "/mock"),
        ]
        answered = len(self.fake.responses)
        letters = len(self.fake.of("chat.postMessage"))
        invites = len(self.fake.of("files.completeUploadExternal"))
        for count, (text, user, command) in enumerate(steps, start=answered + 1):
            await self.command(text, user=user, command=command)
            await self.fake.wait_responses(count)  # one step at a time, as people type
        assert "You have a partner!" in texts(self.fake.responses[-1])
        # Each gets a letter and a packet by DM, with a calendar invite: wait until all are in.
        await self.fake.wait_for("chat.postMessage", letters + 4)
        await self.fake.wait_for("files.completeUploadExternal", invites + 2)

    async def start_sprint(self, clock: FakeClock, admin: str = ADMIN) -> None:
        """Let a workspace admin start a sprint on Sunday 6 December 2026 in CHANNEL."""
        clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
        self.fake.admins.add(admin)
        await self.command("start Winter start:2026-12-07", user=admin, command="/sprint")
        [post] = await self.fake.wait_for("chat.postMessage")
        assert post["channel"] == CHANNEL
        assert "A new prep sprint starts" in texts(post)


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
