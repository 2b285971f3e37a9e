"""DiscordMessenger: scheduled posts to channels, threads and direct messages."""

from __future__ import annotations

import re

import pytest

from bot.adapters.discord.messenger import DiscordMessenger
from bot.core.cards import Button, Card, Message, Visibility
from bot.core.ports import DeliveryError
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import GUILD, Harness

DAILY = Card(title="Question of the day", buttons=(Button("Answer", "q.answer", "7"),))
STUDY = "1600000000000000001"


@pytest.fixture
def messenger(discord_app: Harness) -> DiscordMessenger:
    return discord_app.client.messenger


def _posts(api: FakeDiscord) -> list[str]:
    return [c.path for c in api.calls if c.method == "POST"]


async def test_a_post_goes_to_the_channel_with_its_buttons_and_returns_the_message_id(
    messenger: DiscordMessenger, api: FakeDiscord
) -> None:
    ref = await messenger.post(GUILD, Message(DAILY, Visibility.CHANNEL, channel=STUDY))
    [call] = [c for c in api.calls if c.path == f"/channels/{STUDY}/messages"]
    assert call.body["embeds"][0]["title"] == "Question of the day"
    assert call.body["components"][0]["components"][0]["custom_id"] == "pl:q.answer:7"
    assert call.body["allowed_mentions"] == {"parse": []}
    assert ref == list(api.messages)[-1]


@pytest.mark.parametrize(
    ("broken", "reason"), [("forbidden", "missing permission"), ("missing", "not found")]
)
async def test_a_refused_post_raises_delivery_error(
    messenger: DiscordMessenger, api: FakeDiscord, broken: str, reason: str
) -> None:
    getattr(api, broken).add(STUDY)
    with pytest.raises(DeliveryError, match=f"channel {STUDY} on Discord: {reason}"):
        await messenger.post(GUILD, Message(DAILY, Visibility.CHANNEL, channel=STUDY))


async def test_a_post_discord_refuses_for_another_reason_raises_delivery_error(
    messenger: DiscordMessenger, api: FakeDiscord
) -> None:
    api.glitches[STUDY] = [400]
    refused = f"channel {STUDY} on Discord: Discord refused the message (400: Invalid Form Body)"
    with pytest.raises(DeliveryError, match=re.escape(refused)):
        await messenger.post(GUILD, Message(DAILY, Visibility.CHANNEL, channel=STUDY))


async def test_a_post_whose_connection_drops_raises_delivery_error(
    messenger: DiscordMessenger, api: FakeDiscord
) -> None:
    api.hang_ups.add(STUDY)
    with pytest.raises(DeliveryError, match="Discord could not be reached"):
        await messenger.post(GUILD, Message(DAILY, Visibility.CHANNEL, channel=STUDY))


async def test_a_reply_in_a_thread_starts_it_once_then_reuses_it(
    messenger: DiscordMessenger, api: FakeDiscord
) -> None:
    root = await messenger.post(GUILD, Message(DAILY, Visibility.CHANNEL, channel=STUDY))
    reveal = Message(
        Card(title="The strong answer"), Visibility.CHANNEL, channel=STUDY, thread_of=root
    )
    first = await messenger.post(GUILD, reveal)
    second = await messenger.post(GUILD, reveal)
    in_thread = f"/channels/{root}/messages"
    assert _posts(api)[-4:] == [
        in_thread,
        f"/channels/{STUDY}/messages/{root}/threads",
        in_thread,
        in_thread,
    ]
    [started] = [c for c in api.calls if c.path.endswith("/threads")]
    assert started.body["name"] == "The strong answer"
    assert first != second


async def test_a_direct_message_opens_a_dm_channel(
    messenger: DiscordMessenger, api: FakeDiscord
) -> None:
    member = "1400000000000000009"
    ref = await messenger.post(GUILD, Message(DAILY, Visibility.DIRECT, to_member=member))
    [opened] = [c for c in api.calls if c.path == "/users/@me/channels"]
    assert str(opened.body["recipient_id"]) == member
    letter = api.messages[ref]
    assert api.dms[letter["channel_id"]] == member
    assert letter["components"][0]["components"][0]["custom_id"] == f"pl@{GUILD}:q.answer:7"


async def test_a_member_who_refuses_direct_messages_raises_delivery_error(
    messenger: DiscordMessenger, api: FakeDiscord
) -> None:
    api.closed_dms.add("1400000000000000009")
    direct = Message(DAILY, Visibility.DIRECT, to_member="1400000000000000009")
    with pytest.raises(DeliveryError, match=r"direct message.*missing permission"):
        await messenger.post(GUILD, direct)


@pytest.mark.parametrize(
    "message",
    [
        Message(DAILY, Visibility.CHANNEL),
        Message(DAILY, Visibility.CHANNEL, channel="#study"),
        Message(DAILY, Visibility.DIRECT),
    ],
    ids=["no-channel", "not-an-id", "no-member"],
)
async def test_a_message_without_a_usable_address_raises_delivery_error(
    messenger: DiscordMessenger, message: Message
) -> None:
    with pytest.raises(DeliveryError):
        await messenger.post(GUILD, message)
