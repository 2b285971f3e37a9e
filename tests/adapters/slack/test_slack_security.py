"""Requests Slack did not sign, or signed too long ago, never reach the hub."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app.hub import Hub
from tests.adapters.slack.conftest import Workspace
from tests.adapters.slack.fake_slack import signed, slash


@pytest.fixture
def hub_calls(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = hub.command_text

    def spy(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(hub, "command_text", spy)
    return calls


@pytest.mark.parametrize(
    "request_kwargs",
    [
        pytest.param({"secret": "not-the-secret"}, id="bad signature"),
        pytest.param({"age": 6 * 60}, id="six minutes old"),
    ],
)
async def test_an_unverified_request_is_rejected(
    slack: Workspace, hub_calls: list[Any], request_kwargs: dict[str, Any]
) -> None:
    body = slash("/question", "", user="U1", response_url=slack.fake.response_url())
    response = await slack.app.async_dispatch(signed(body, **request_kwargs))
    assert response.status == 401
    assert hub_calls == []
    assert slack.fake.calls == []
    assert slack.fake.responses == []


async def test_a_signed_request_reaches_the_hub(slack: Workspace, hub_calls: list[Any]) -> None:
    await slack.todays_card()
    assert len(hub_calls) == 1
