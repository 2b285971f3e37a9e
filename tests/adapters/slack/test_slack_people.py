"""Who acts: the workspace and member from a payload, and the cached admin lookup."""

from __future__ import annotations

from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack import build_client
from bot.adapters.slack.people import Admins, who
from bot.config import Settings
from tests.adapters.slack.conftest import Workspace
from tests.adapters.slack.fake_slack import FakeSlack


async def test_an_admin_answer_is_kept_for_five_minutes(
    slack_settings: Settings, fake: FakeSlack
) -> None:
    now = [0.0]
    admins = Admins(build_client(slack_settings), now=lambda: now[0])
    fake.admins.add("U9")
    assert await admins.check("U9") is True
    fake.admins.clear()
    now[0] = 299.0
    assert await admins.check("U9") is True
    now[0] = 301.0
    assert await admins.check("U9") is False
    assert len(fake.of("users.info")) == 2


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
