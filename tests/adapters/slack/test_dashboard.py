"""`/dashboard` through the real bolt app: the admin's private link, the public board on and off."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.app.hub import ADMIN_ONLY, Hub
from bot.features.dashboard.api import Site, configure_site, current_site
from tests.adapters.slack.conftest import ADMIN, Workspace, texts
from tests.web.helpers import BASE, served


@pytest.fixture(autouse=True)
def site() -> Iterator[None]:
    before = current_site()
    configure_site(Site(BASE))
    yield
    configure_site(before)


def _path(text: str) -> str:
    found = re.search(re.escape(BASE) + r"(/[^\s>|]+)", text)
    assert found, text
    return found.group(1)


async def test_a_workspace_admin_gets_a_private_link_that_opens_the_page(
    slack: Workspace, hub: Hub
) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("", user=ADMIN, command="/dashboard")
    [given] = await slack.fake.wait_responses()
    assert given["response_type"] == "ephemeral"
    assert "Your admin dashboard" in texts(given)
    async with served(hub) as client:
        page = await client.get(_path(texts(given)))
        assert page.status == 200


async def test_a_member_is_refused_every_dashboard_command(slack: Workspace) -> None:
    for typed in ("", "public on:yes"):
        await slack.command(typed, user="U2", command="/dashboard")
    refused = await slack.fake.wait_responses(2)
    for answer in refused:
        assert answer["response_type"] == "ephemeral"
        assert ADMIN_ONLY in texts(answer) and BASE not in texts(answer)


async def test_the_board_goes_up_and_a_member_can_leave_it(slack: Workspace, hub: Hub) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("public on:yes", user=ADMIN, command="/dashboard")
    [up] = await slack.fake.wait_responses()
    path = _path(texts(up))
    await slack.command("board on:no", user="U2", command="/profile")
    [*_, left] = await slack.fake.wait_responses(2)
    assert "You are left off the web leaderboard" in texts(left)
    async with served(hub) as client:
        assert (await client.get(path)).status == 200
        await slack.command("public on:no", user=ADMIN, command="/dashboard")
        await slack.fake.wait_responses(3)
        assert (await client.get(path)).status == 404
