"""A scheduled post through Slack's 429s and 5xx: slack_sdk's retry handlers post it once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.adapters.slack import SlackMessenger, build_client
from bot.adapters.slack.app import SERVER_ERROR_RETRIES
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import ADMIN, Workspace, texts
from tests.adapters.slack.fake_slack import CHANNEL
from tests.fakes import FakeClock

QUESTION = "Question of the day"
ADMIN_DM = f"D{ADMIN}"


@pytest.fixture
def runner(
    hub: Hub, clock: FakeClock, slack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> JobRunner:
    """The scheduler, with a Web API client that waits 10 ms before retrying a 5xx."""
    quick = FixedValueRetryIntervalCalculator(0.01)
    monkeypatch.setattr("bot.adapters.slack.app.SERVER_ERROR_BACKOFF", quick)
    return JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})


async def _post_the_daily_question(slack: Workspace, runner: JobRunner, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 7, 9, tzinfo=UTC))
    assert await runner.tick() == 2  # the question, and the admin's digest (no news: not sent)


def _questions(slack: Workspace) -> list[dict[str, object]]:
    return [m for m in slack.fake.channel(CHANNEL) if QUESTION in texts(m)]


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param((503,), id="503"),
        pytest.param((500,), id="500"),
        pytest.param((429, 503), id="429 then 503"),
    ],
)
async def test_a_daily_post_that_slack_fails_at_first_lands_once_and_its_reveal_follows(
    slack: Workspace, runner: JobRunner, clock: FakeClock, answers: tuple[int, ...]
) -> None:
    await slack.start_sprint(clock)
    slack.fake.outage("chat.postMessage", *answers)
    await _post_the_daily_question(slack, runner, clock)
    assert slack.fake.outages["chat.postMessage"] == []
    [question] = _questions(slack)

    clock.set(datetime(2026, 12, 8, 8, 5, tzinfo=UTC))
    await runner.tick()
    reveal = slack.fake.channel(CHANNEL)[-1]
    assert "What a strong answer covers" in texts(reveal)
    assert reveal["thread_ts"] == question["ts"]
    assert slack.fake.channel(ADMIN_DM) == []


async def test_a_daily_post_that_slack_keeps_failing_is_reported_to_the_admin(
    slack: Workspace, runner: JobRunner, clock: FakeClock
) -> None:
    await slack.start_sprint(clock)
    slack.fake.outage("chat.postMessage", *[503] * (SERVER_ERROR_RETRIES + 1))
    await _post_the_daily_question(slack, runner, clock)
    assert _questions(slack) == []
    [alert] = slack.fake.channel(ADMIN_DM)
    assert "PrepLoop could not post" in texts(alert)
    assert f"Slack was unavailable (HTTP 503) for the message to {CHANNEL}" in texts(alert)
