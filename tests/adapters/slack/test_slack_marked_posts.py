"""Effectively-once scheduled posts on Slack: message metadata, read back from the history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.adapters.slack import SlackMessenger, build_client
from bot.adapters.slack.messenger import EVENT_TYPE
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.claims import LEASE
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import Workspace, buttons, texts
from tests.adapters.slack.fake_slack import CHANNEL, FakeSlack
from tests.fakes import DiesAfterDelivering, DiesBeforeDelivering, FakeClock

MONDAY_NINE = datetime(2026, 12, 7, 9, tzinfo=UTC)
REVEAL = datetime(2026, 12, 8, 8, 5, tzinfo=UTC)


def _questions(fake: FakeSlack) -> list[dict[str, object]]:
    return [m for m in fake.channel(CHANNEL) if "Question of the day" in texts(m)]


@pytest.fixture
async def messenger(slack: Workspace, clock: FakeClock, slack_settings: Settings) -> SlackMessenger:
    """A sprint whose first question is due now, and the messenger that posts it."""
    await slack.start_sprint(clock)
    clock.set(MONDAY_NINE)
    return SlackMessenger(build_client(slack_settings))


async def _take_over(hub: Hub, clock: FakeClock, messenger: SlackMessenger) -> None:
    """Another run of the bot, once the claim's lease ran out."""
    clock.advance(seconds=LEASE.total_seconds() + 60)
    await JobRunner(hub.engine, clock, {"slack": messenger}).tick()


async def test_a_question_posted_by_a_run_that_died_is_found_by_its_metadata_and_still_works(
    slack: Workspace, hub: Hub, clock: FakeClock, messenger: SlackMessenger
) -> None:
    await DiesAfterDelivering(hub.engine, clock, {"slack": messenger}).tick()
    [posted] = _questions(slack.fake)
    assert posted["metadata"]["event_type"] == EVENT_TYPE
    await _take_over(hub, clock, messenger)
    assert _questions(slack.fake) == [posted]
    [looked] = slack.fake.of("conversations.history")
    assert looked["channel"] == CHANNEL and looked["include_all_metadata"] in ("1", "true", True)
    answer = buttons(posted)["Answer"]
    await slack.press(answer["action_id"], answer["value"], user="U2")
    assert await slack.fake.wait_for("views.open")  # its Answer button opens the form


async def test_a_claim_taken_over_before_sending_posts_once_with_its_marker(
    slack: Workspace, hub: Hub, clock: FakeClock, messenger: SlackMessenger
) -> None:
    await DiesBeforeDelivering(hub.engine, clock, {"slack": messenger}).tick()
    assert _questions(slack.fake) == []
    await _take_over(hub, clock, messenger)
    [posted] = _questions(slack.fake)
    assert str(posted["metadata"]["event_payload"]["claim"]).startswith("pl")
    assert slack.fake.of("conversations.history")


async def test_when_the_history_cannot_be_read_the_taken_over_question_is_posted(
    slack: Workspace, hub: Hub, clock: FakeClock, messenger: SlackMessenger
) -> None:
    await DiesBeforeDelivering(hub.engine, clock, {"slack": messenger}).tick()
    slack.fake.fail["conversations.history"] = "missing_scope"
    await _take_over(hub, clock, messenger)
    assert len(_questions(slack.fake)) == 1


async def test_a_slack_500_after_the_message_went_out_is_not_posted_twice(
    slack: Workspace, hub: Hub, clock: FakeClock, messenger: SlackMessenger
) -> None:
    slack.fake.lost_answers["chat.postMessage"] = [500]
    assert await JobRunner(hub.engine, clock, {"slack": messenger}).tick() >= 1
    assert len(_questions(slack.fake)) == 1
    assert slack.fake.of("conversations.history")


async def test_a_slack_500_before_the_message_went_out_is_sent_again_once(
    slack: Workspace, hub: Hub, clock: FakeClock, messenger: SlackMessenger
) -> None:
    slack.fake.outage("chat.postMessage", 503)
    await JobRunner(hub.engine, clock, {"slack": messenger}).tick()
    assert len(_questions(slack.fake)) == 1


async def test_a_reveal_in_the_thread_is_found_among_the_replies(
    slack: Workspace, hub: Hub, clock: FakeClock, messenger: SlackMessenger
) -> None:
    await JobRunner(hub.engine, clock, {"slack": messenger}).tick()
    [question] = _questions(slack.fake)
    clock.set(REVEAL)
    await DiesAfterDelivering(hub.engine, clock, {"slack": messenger}).tick()
    replies = [m for m in slack.fake.channel(CHANNEL) if m.get("thread_ts") == question["ts"]]
    assert len(replies) == 1
    await _take_over(hub, clock, messenger)
    after = [m for m in slack.fake.channel(CHANNEL) if m.get("thread_ts") == question["ts"]]
    assert after == replies
    assert slack.fake.of("conversations.replies")[-1]["ts"] == question["ts"]
