"""SlackMessenger: what scheduled jobs post, and the errors they get when Slack refuses."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from slack_sdk.errors import SlackApiError

from bot.adapters.slack import SlackMessenger, build_client
from bot.adapters.slack.messenger import explain
from bot.config import Settings
from bot.core.cards import Attachment, Card, Message, UserText, Visibility, rich
from bot.core.ports import DeliveryError
from tests.adapters.slack.conftest import texts
from tests.adapters.slack.fake_slack import FakeSlack

CARD = Card(title="Question of the day", text="What is a hash map?")


@pytest.fixture
def messenger(slack_settings: Settings) -> SlackMessenger:
    return SlackMessenger(build_client(slack_settings))


async def test_posts_to_a_channel_and_returns_the_ts(
    messenger: SlackMessenger, fake: FakeSlack
) -> None:
    ts = await messenger.post("T1", Message(CARD, Visibility.CHANNEL, channel="C5"))
    [post] = fake.of("chat.postMessage")
    assert post["channel"] == "C5"
    assert "thread_ts" not in post
    assert ts == "1700000000.000001"
    assert "What is a hash map?" in texts(post)


async def test_replies_in_a_thread(messenger: SlackMessenger, fake: FakeSlack) -> None:
    reveal = Message(CARD, Visibility.CHANNEL, channel="C5", thread_of="1699999999.000100")
    await messenger.post("T1", reveal)
    assert fake.of("chat.postMessage")[0]["thread_ts"] == "1699999999.000100"


async def test_a_direct_message_opens_the_conversation_first(
    messenger: SlackMessenger, fake: FakeSlack
) -> None:
    await messenger.post("T1", Message(CARD, Visibility.DIRECT, to_member="U3"))
    assert fake.of("conversations.open")[0]["users"] == "U3"
    assert fake.of("chat.postMessage")[0]["channel"] == "DU3"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("channel_not_found", "Slack channel C404 was not found"),
        ("not_in_channel", "PrepLoop is not a member of C404."),
        ("is_archived", "Slack channel C404 is archived."),
        ("missing_scope", "The Slack app lacks the permission `chat:write.public`."),
        ("fatal_error", "Slack refused the message to C404: fatal_error."),
    ],
)
async def test_a_refused_post_raises_a_clear_delivery_error(
    messenger: SlackMessenger, fake: FakeSlack, code: str, reason: str
) -> None:
    fake.broken["C404"] = code
    with pytest.raises(DeliveryError, match=reason.replace(".", r"\.").replace("`", "`")):
        await messenger.post("T1", Message(CARD, Visibility.CHANNEL, channel="C404"))


async def test_long_text_is_split_not_rejected(messenger: SlackMessenger, fake: FakeSlack) -> None:
    story = "I led the migration. " * 600
    await messenger.post(
        "T1", Message(Card(text=rich(UserText(story))), channel="C5", visibility=Visibility.CHANNEL)
    )
    [post] = fake.of("chat.postMessage")
    sections = [b for b in post["blocks"] if b["type"] == "section"]
    assert len(sections) == 5
    assert " ".join(s["text"]["text"] for s in sections).split() == story.split()


async def test_member_text_is_escaped_in_the_post(
    messenger: SlackMessenger, fake: FakeSlack
) -> None:
    card = Card(title=rich("Story by ", UserText("<!here>")), text=UserText("<!channel> hi"))
    await messenger.post("T1", Message(card, Visibility.CHANNEL, channel="C5"))
    [post] = fake.of("chat.postMessage")
    assert "<!" not in str(post)
    assert "Story by &lt;!here&gt;" in texts(post)


async def test_files_are_uploaded_beside_the_card(
    messenger: SlackMessenger, fake: FakeSlack
) -> None:
    invite = Attachment("mock.ics", b"BEGIN:VCALENDAR", "text/calendar", "Your mock")
    await messenger.post(
        "T1", Message(Card(text="See you", files=(invite,)), Visibility.CHANNEL, channel="C5")
    )
    assert fake.of("files.getUploadURLExternal")[0]["filename"] == "mock.ics"
    assert fake.uploads == [b"BEGIN:VCALENDAR"]
    assert fake.of("files.completeUploadExternal")[0]["channel_id"] == "C5"


async def test_a_rate_limited_post_is_retried(messenger: SlackMessenger, fake: FakeSlack) -> None:
    fake.outage("chat.postMessage", 429)
    ts = await messenger.post("T1", Message(CARD, Visibility.CHANNEL, channel="C5"))
    assert fake.outages["chat.postMessage"] == []
    [post] = fake.of("chat.postMessage")
    assert (post["channel"], ts) == ("C5", "1700000000.000001")


async def test_the_client_uses_the_configured_api_and_token(slack_settings: Settings) -> None:
    client = build_client(slack_settings.model_copy(update={"slack_api_url": "http://x/api"}))
    assert client.base_url == "http://x/api/"
    assert isinstance(slack_settings.slack_bot_token, SecretStr)
    assert client.token == slack_settings.slack_bot_token.get_secret_value()


def test_an_answer_slack_sdk_could_not_read_is_still_explained() -> None:
    class RawAnswer:  # what slack_sdk attaches when a "JSON" body does not parse
        status = 200

    error = SlackApiError("Failed to parse the response body", RawAnswer())
    assert explain(error, "C1") == "Slack refused the message to C1: unreadable_answer."
