"""A member removed from the workspace: their mock partner is told and put back in the queue."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.app.hub import Hub
from bot.core.cards import Message
from tests.adapters.slack.conftest import Workspace, texts
from tests.adapters.slack.fake_slack import user_change

PARTNER_DM = "DU2"


async def test_a_member_removed_from_the_workspace_frees_their_mock_partner(
    slack: Workspace,
) -> None:
    await slack.pair_for_a_mock()
    before = len(slack.fake.channel(PARTNER_DM))
    await slack.event(user_change("U1", deleted=True))
    letter = (await slack.fake.wait_posted(PARTNER_DM, before + 1))[-1]
    assert "Back in the mock queue, first in line" in texts(letter)
    assert "u1 left this community, so your mock interview is off." in texts(letter)


@dataclass
class Departures:
    """What the hub answered to each member_left, and a flag raised when it has answered."""

    answers: list[list[Message]] = field(default_factory=list)
    answered: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def departures(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> Departures:
    seen = Departures()
    real = hub.member_left

    def spy(*args: Any) -> list[Message]:
        seen.answers.append(real(*args))
        seen.answered.set()
        return seen.answers[-1]

    monkeypatch.setattr(hub, "member_left", spy)
    return seen


async def test_a_removal_sent_for_another_workspace_changes_nothing_here(
    slack: Workspace, departures: Departures
) -> None:
    await slack.pair_for_a_mock()
    letters, answers = len(slack.fake.posted), len(slack.fake.responses)
    await slack.event(user_change("U1", deleted=True, team="T2"))
    assert await asyncio.to_thread(departures.answered.wait, 5)
    await slack.command("status", user="U2", command="/mock")
    status = (await slack.fake.wait_responses(answers + 1))[-1]
    assert "Paired with" in texts(status)
    assert departures.answers == [[]]
    assert slack.fake.posted[letters:] == []
