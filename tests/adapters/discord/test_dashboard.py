"""`/dashboard` through the real discord.py client: the admin's private link, the public board."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.app.hub import ADMIN_ONLY, Hub
from bot.features.dashboard.api import Site, configure_site, current_site
from tests.adapters.discord.harness import ALICE, BOB, EPHEMERAL, Harness, callbacks
from tests.web.helpers import BASE, served


@pytest.fixture(autouse=True)
def site() -> Iterator[None]:
    before = current_site()
    configure_site(Site(BASE))
    yield
    configure_site(before)


def _path(description: str) -> str:
    found = re.search(re.escape(BASE) + r"(/\S+)", description)
    assert found, description
    return found.group(1)


async def test_the_dashboard_commands_are_for_server_managers(discord_app: Harness) -> None:
    published = {c["name"]: c for c in discord_app.api.commands}
    assert {o["name"] for o in published["dashboard"]["options"]} == {"link", "public"}
    assert published["dashboard"]["default_member_permissions"] is not None
    profile = {o["name"] for o in published["profile"]["options"]}
    assert "board" in profile


async def test_an_admins_link_opens_the_admin_page(discord_app: Harness, hub: Hub) -> None:
    [given] = callbacks(await discord_app.slash("dashboard", "link", member=ALICE))
    assert given["data"]["flags"] == EPHEMERAL
    embed = given["data"]["embeds"][0]
    assert embed["title"] == "Your admin dashboard"
    async with served(hub) as client:
        page = await client.get(_path(embed["description"]))
        assert page.status == 200
        assert "admin dashboard</h1>" in await page.text()


async def test_a_member_is_refused_the_link_and_the_board_switch(discord_app: Harness) -> None:
    for name, options in (("link", {}), ("public", {"on": True})):
        [refused] = callbacks(await discord_app.slash("dashboard", name, member=BOB, **options))
        assert refused["data"]["flags"] == EPHEMERAL
        assert ADMIN_ONLY in str(refused["data"])
        assert BASE not in str(refused["data"])


async def test_the_board_goes_up_and_down(discord_app: Harness, hub: Hub) -> None:
    [up] = callbacks(await discord_app.slash("dashboard", "public", member=ALICE, on=True))
    path = _path(up["data"]["embeds"][0]["description"])
    async with served(hub) as client:
        assert (await client.get(path)).status == 200
        [down] = callbacks(await discord_app.slash("dashboard", "public", member=ALICE, on=False))
        assert "The web leaderboard is down" in str(down["data"])
        assert (await client.get(path)).status == 404
