"""`/roles` on Slack: a workspace has no roles, so an admin is told kindly; a member is refused."""

from __future__ import annotations

from tests.adapters.slack.conftest import Workspace, texts


async def test_roles_tells_a_slack_admin_that_role_rewards_are_a_discord_feature(
    slack: Workspace,
) -> None:
    slack.fake.admins.add("U9")
    await slack.command("", user="U9", command="/roles")
    await slack.command('set streak:7 role:"@channel"', user="U9", command="/roles")
    shown, refused_set = await slack.fake.wait_responses(2)
    for answer in (shown, refused_set):
        assert answer["response_type"] == "ephemeral"
        assert "Role rewards are a Discord feature" in texts(answer)
        assert "<!channel>" not in texts(answer)
    assert slack.fake.of("chat.postMessage") == []


async def test_roles_is_refused_to_a_slack_member(slack: Workspace) -> None:
    await slack.command("", user="U2", command="/roles")
    [refusal] = await slack.fake.wait_responses()
    assert refusal["text"] == "Only community admins can use that command."
