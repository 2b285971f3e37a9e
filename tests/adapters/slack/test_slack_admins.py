"""Admin commands through the real bolt app: per-workspace SLACK_ADMIN_IDS and fresh lookups."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.slack import build_client
from bot.adapters.slack.app import wired
from bot.adapters.slack.people import Admins
from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.slack.conftest import Workspace, buttons, texts
from tests.adapters.slack.fake_slack import FakeSlack

REFUSED = "Only community admins can use that command."


class Seconds:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def seconds() -> Seconds:
    return Seconds()


def workspace(
    hub: Hub, settings: Settings, fake: FakeSlack, seconds: Seconds, admin_ids: str = ""
) -> Workspace:
    """The bolt app with SLACK_ADMIN_IDS set and the admin lookup on the test's clock."""
    listed = Settings(slack_admin_ids=admin_ids, _env_file=None).slack_admin_ids  # type: ignore[call-arg]
    settings = settings.model_copy(update={"slack_admin_ids": listed})
    app, bridge = wired(hub, settings)
    bridge.admins = Admins(build_client(settings), settings.slack_admin_ids, now=seconds)
    return Workspace(app, fake)


async def post_now(slack: Workspace, user: str, team: str = "T1") -> str:
    """Run the admin command /question post-now; say "posted" or what the member was told."""
    answered = len(slack.fake.responses)
    posted = len(slack.fake.of("chat.postMessage"))
    await slack.command("post-now", user=user, team=team)
    for _ in range(500):
        if len(slack.fake.of("chat.postMessage")) > posted:
            return "posted"
        if len(slack.fake.responses) > answered:
            return str(slack.fake.responses[-1]["text"])
        await asyncio.sleep(0.01)
    raise AssertionError("post-now got no answer")


async def test_a_listed_admin_is_admin_only_in_their_workspace(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, seconds: Seconds
) -> None:
    slack = workspace(hub, slack_settings, fake, seconds, admin_ids="T2:U7")
    assert await post_now(slack, "U7", team="T1") == REFUSED
    assert await post_now(slack, "U7", team="T2") == "posted"
    assert [call["user"] for call in fake.of("users.info")] == ["U7"]  # asked in T1 only


async def test_the_old_plain_list_still_counts_in_every_workspace(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, seconds: Seconds
) -> None:
    slack = workspace(hub, slack_settings, fake, seconds, admin_ids="U7")
    assert await post_now(slack, "U7", team="T1") == "posted"
    assert await post_now(slack, "U7", team="T2") == "posted"
    assert fake.of("users.info") == []


async def test_a_demoted_admin_is_refused_once_the_minute_is_up(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, seconds: Seconds
) -> None:
    slack = workspace(hub, slack_settings, fake, seconds)
    fake.admins.add("U9")
    assert await post_now(slack, "U9") == "posted"
    fake.admins.discard("U9")  # demoted in Slack
    seconds.now += 59
    assert await post_now(slack, "U9") != REFUSED  # the "yes" is still fresh
    seconds.now += 2
    assert await post_now(slack, "U9") == REFUSED
    assert len(fake.of("users.info")) == 2


async def test_a_member_is_never_remembered_as_admin_after_a_no(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, seconds: Seconds
) -> None:
    slack = workspace(hub, slack_settings, fake, seconds)
    assert await post_now(slack, "U5") == REFUSED
    assert await post_now(slack, "U5") == REFUSED
    assert len(fake.of("users.info")) == 2  # asked each time: a "no" is not kept
    fake.admins.add("U5")  # promoted: it counts on the very next command
    assert await post_now(slack, "U5") == "posted"


@pytest.mark.parametrize(("admin_ids", "warned"), [("U7", True), ("T1:U7", False)])
def test_the_plain_admin_list_is_flagged_as_deprecated_at_start(
    hub: Hub,
    slack_settings: Settings,
    fake: FakeSlack,
    seconds: Seconds,
    caplog: pytest.LogCaptureFixture,
    admin_ids: str,
    warned: bool,
) -> None:
    workspace(hub, slack_settings, fake, seconds, admin_ids=admin_ids)
    assert ("admins in every workspace" in caplog.text) is warned


async def test_an_admin_of_another_organization_in_a_shared_channel_is_no_admin_here(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, seconds: Seconds
) -> None:
    slack = workspace(hub, slack_settings, fake, seconds)
    fake.admins.add("U8")
    fake.home_teams["U8"] = "T999"  # a Slack Connect guest who administers their own workspace
    assert await post_now(slack, "U8") == REFUSED


async def test_a_members_everyday_presses_reuse_the_no_and_an_admin_button_asks_again(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, seconds: Seconds
) -> None:
    slack = workspace(hub, slack_settings, fake, seconds)
    hint = buttons(await slack.todays_card(user="U5"))["Hint"]
    assert len(fake.of("users.info")) == 1  # the command asked once
    for _ in range(3):
        await slack.press(hint["action_id"], hint["value"], user="U5")
    await fake.wait_responses(4)
    assert len(fake.of("users.info")) == 1  # three presses, no more calls to Slack
    await slack.press("q.repost", "1", user="U5")  # an admin's button: asked afresh
    [refused] = (await fake.wait_responses(5))[4:]
    assert "Only community admins" in texts(refused)
    assert len(fake.of("users.info")) == 2
