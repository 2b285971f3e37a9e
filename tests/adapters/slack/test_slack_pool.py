"""Connections to Slack are kept and reused, by each event loop for itself."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from pydantic import SecretStr

from bot.adapters.slack import SlackMessenger, build_client
from bot.adapters.slack.pace import PACE
from bot.config import Settings
from bot.core.cards import Card, Message, Visibility
from tests.adapters.slack.conftest import Workspace, buttons
from tests.adapters.slack.fake_slack import BOT_TOKEN, FakeSlack

NOTICE = Message(Card(text="Mock rounds start on Monday."), Visibility.CHANNEL, channel="C5")


async def test_web_api_calls_and_replies_go_through_one_connection(slack: Workspace) -> None:
    hint = buttons(await slack.todays_card())["Hint"]  # its answer came in the acknowledgement
    for count, user in enumerate(("U1", "U2", "U3"), start=2):
        await slack.press(hint["action_id"], hint["value"], user=user)  # answers via response_url
        await slack.fake.wait_responses(count)
    # U1's /question asked; U1's press reuses that "no" (Hint is no admin's button)
    assert len(slack.fake.of("users.info")) == 3
    assert len(slack.fake.client_ports) == 7  # auth.test, users.info for /question, a reply
    # for U1's press, then users.info and a reply for each of U2's and U3's
    assert len(set(slack.fake.client_ports)) == 1


async def _slack_and_messenger(settings: Settings) -> tuple[FakeSlack, SlackMessenger]:
    fake = FakeSlack(keep_alive=True)
    await fake.start()
    update = {"slack_api_url": fake.api_url, "slack_bot_token": SecretStr(BOT_TOKEN)}
    return fake, SlackMessenger(build_client(settings.model_copy(update=update)))


def test_event_loops_taking_turns_each_keep_their_own_connection(settings: Settings) -> None:
    with asyncio.Runner() as first, asyncio.Runner() as second:
        loops = [(loop, loop.run(_slack_and_messenger(settings))) for loop in (first, second)]
        for loop, (_, messenger) in loops * 2:
            loop.run(messenger.post("T1", NOTICE))
        for loop, (fake, _) in loops:
            assert [post["channel"] for post in fake.posted] == ["C5", "C5"]
            assert len(set(fake.client_ports)) == 1
            loop.run(fake.stop())


async def test_every_post_the_scheduler_keeps_in_flight_reaches_slack_at_once(
    settings: Settings,
) -> None:
    """The shared session opens as many connections as the scheduler's Slack pace sends at once.

    aiohttp's default pool (100 connections) would hold the rest back until answers come.
    """
    fake, messenger = await _slack_and_messenger(settings)
    fake.post_gate = asyncio.Event()
    in_flight = PACE.in_flight
    posts = [
        asyncio.create_task(messenger.post("T1", replace(NOTICE, channel=f"C{n}")))
        for n in range(in_flight)
    ]
    try:
        await fake.wait_held(in_flight)
    finally:
        fake.post_gate.set()
        await asyncio.gather(*posts)
        await fake.stop()
    assert sorted(post["channel"] for post in fake.posted) == sorted(
        f"C{n}" for n in range(in_flight)
    )
