"""Effectively-once scheduled posts on Discord: a nonce, marked buttons, the channel's history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app.hub import Hub
from bot.scheduling.claims import LEASE
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import BOB, CHANNEL, Harness, callbacks
from tests.fakes import DiesAfterDelivering, DiesBeforeDelivering, FakeClock

MONDAY_NINE = datetime(2026, 12, 7, 9, tzinfo=UTC)
REVEAL = datetime(2026, 12, 8, 8, 5, tzinfo=UTC)


def _questions(api: FakeDiscord) -> list[dict[str, object]]:
    return [
        m
        for m in api.in_channel(CHANNEL)
        if str(m["embeds"][0].get("title", "")).startswith("Question of the day")
    ]


async def _take_over(discord_app: Harness, hub: Hub, clock: FakeClock) -> None:
    """Another run of the bot, once the claim's lease ran out."""
    clock.advance(seconds=LEASE.total_seconds() + 60)
    await JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger}).tick()


@pytest.fixture
async def sprint(discord_app: Harness, clock: FakeClock) -> Harness:
    await discord_app.start_sprint(clock)
    clock.set(MONDAY_NINE)
    return discord_app


async def test_a_question_posted_by_a_run_that_died_is_found_by_its_buttons_and_still_works(
    sprint: Harness, hub: Hub, clock: FakeClock
) -> None:
    messenger = sprint.client.messenger
    await DiesAfterDelivering(hub.engine, clock, {"discord": messenger}).tick()
    [posted] = _questions(sprint.api)
    await _take_over(sprint, hub, clock)
    assert _questions(sprint.api) == [posted]
    assert sprint.api.history_reads(CHANNEL)
    [opened] = callbacks(await sprint.press(posted, "Answer", BOB))
    assert opened["type"] == 9  # the one post's Answer button opens the answer form


async def test_a_claim_taken_over_before_sending_posts_once_with_its_nonce(
    sprint: Harness, hub: Hub, clock: FakeClock
) -> None:
    messenger = sprint.client.messenger
    await DiesBeforeDelivering(hub.engine, clock, {"discord": messenger}).tick()
    assert _questions(sprint.api) == []
    await _take_over(sprint, hub, clock)
    [posted] = _questions(sprint.api)
    [sent] = [c.body for c in sprint.api.posts_to(CHANNEL)]
    assert sent["enforce_nonce"] is True and sent["nonce"].startswith("pl")
    custom_id = sent["components"][0]["components"][0]["custom_id"]
    assert custom_id.startswith(f"pl~{sent['nonce']}:")
    assert posted["id"] in {m["id"] for m in sprint.api.in_channel(CHANNEL)}


async def test_when_the_history_cannot_be_read_the_taken_over_question_is_posted(
    sprint: Harness, hub: Hub, clock: FakeClock
) -> None:
    messenger = sprint.client.messenger
    await DiesBeforeDelivering(hub.engine, clock, {"discord": messenger}).tick()
    sprint.api.unreadable.add(CHANNEL)
    await _take_over(sprint, hub, clock)
    assert len(_questions(sprint.api)) == 1
    assert sprint.api.history_reads(CHANNEL)


async def test_a_post_whose_answer_was_lost_is_sent_again_under_its_nonce_and_kept_once(
    sprint: Harness, hub: Hub, clock: FakeClock
) -> None:
    sprint.api.lost_answers[CHANNEL] = [502]  # Discord made the message, then its edge failed
    await JobRunner(hub.engine, clock, {"discord": sprint.client.messenger}).tick()
    assert len(sprint.api.posts_to(CHANNEL)) == 2  # discord.py retried the 502
    assert len(_questions(sprint.api)) == 1  # and Discord returned the message it had


async def test_a_reveal_without_buttons_is_found_in_its_thread_by_what_it_shows(
    sprint: Harness, hub: Hub, clock: FakeClock
) -> None:
    messenger = sprint.client.messenger
    await JobRunner(hub.engine, clock, {"discord": messenger}).tick()
    [question] = _questions(sprint.api)
    clock.set(REVEAL)
    await DiesAfterDelivering(hub.engine, clock, {"discord": messenger}).tick()
    [reveal] = sprint.api.in_channel(str(question["id"]))
    assert "nonce" not in reveal  # Discord's history has no nonce: the embed tells it
    await _take_over(sprint, hub, clock)
    assert sprint.api.in_channel(str(question["id"])) == [reveal]
    assert sprint.api.history_reads(str(question["id"]))
