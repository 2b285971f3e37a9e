"""Who acts: the workspace and member from a payload, and the cached admin lookup."""

from __future__ import annotations

from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack import build_client
from bot.adapters.slack.people import Admins, who
from bot.config import Settings
from tests.adapters.slack.conftest import Workspace
from tests.adapters.slack.fake_slack import FakeSlack


async def test_a_yes_from_slack_is_kept_a_minute(slack_settings: Settings, fake: FakeSlack) -> None:
    now = [0.0]
    admins = Admins(build_client(slack_settings), now=lambda: now[0])
    fake.admins.add("U9")
    assert await admins.check("T1", "U9") is True
    fake.admins.clear()
    now[0] = 59.0
    assert await admins.check("T1", "U9") is True
    now[0] = 61.0
    assert await admins.check("T1", "U9") is False
    assert len(fake.of("users.info")) == 2


async def test_a_no_from_slack_never_decides_an_admin_check(
    slack_settings: Settings, fake: FakeSlack
) -> None:
    admins = Admins(build_client(slack_settings), now=lambda: 0.0)
    assert await admins.check("T1", "U5") is False
    fake.admins.add("U5")
    assert await admins.check("T1", "U5") is True
    assert len(fake.of("users.info")) == 2


async def test_everyday_commands_reuse_a_no_for_five_minutes(
    slack_settings: Settings, fake: FakeSlack
) -> None:
    now = [0.0]
    admins = Admins(build_client(slack_settings), now=lambda: now[0])
    assert await admins.everyday("T1", "U5") is False
    now[0] = 299.0
    assert await admins.everyday("T1", "U5") is False
    assert len(fake.of("users.info")) == 1
    fake.admins.add("U5")
    assert await admins.check("T1", "U5") is True  # an admin command asks again at once
    assert await admins.everyday("T1", "U5") is True  # and the "yes" replaces the "no"
    assert len(fake.of("users.info")) == 2


async def test_a_failed_lookup_is_not_remembered(slack_settings: Settings, fake: FakeSlack) -> None:
    admins = Admins(build_client(slack_settings), now=lambda: 0.0)
    fake.fail["users.info"] = "ratelimited"
    assert await admins.everyday("T1", "U9") is False
    del fake.fail["users.info"]
    fake.admins.add("U9")
    assert await admins.everyday("T1", "U9") is True


def test_listed_admins_count_only_in_their_workspace(slack_settings: Settings) -> None:
    listed = {"T1": frozenset({"U1"}), "*": frozenset({"U2"})}
    admins = Admins(build_client(slack_settings), listed)
    assert admins.listed("T1", "U1") and not admins.listed("T2", "U1")
    assert admins.listed("T1", "U2") and admins.listed("T2", "U2")
    assert not admins.listed("T1", "U3")


async def test_an_unanswered_lookup_counts_as_no_admin(slack: Workspace) -> None:
    slack.fake.admins.add("U9")
    slack.fake.fail["users.info"] = "missing_scope"
    await slack.command("post-now", user="U9")
    [refusal] = await slack.fake.wait_responses()
    assert refusal["text"] == "Only community admins can use that command."


def test_an_org_wide_install_takes_the_members_workspace() -> None:
    body = {"team": None, "user": {"id": "U1", "name": "ana", "team_id": "T2"}}
    context = AsyncBoltContext({"user_id": "U1", "enterprise_id": "E1"})
    found = who(body, context)
    assert (found.team_id, found.user_id, found.name) == ("T2", "U1", "ana")
    assert found.actor(is_admin=False).platform == "slack"
