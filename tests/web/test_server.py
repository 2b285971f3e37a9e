"""The dashboard over HTTP: the public board as published, the signed admin page and its CSVs."""

from __future__ import annotations

import re

import pytest

from bot.app.hub import Hub
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.web.helpers import admin_link, answer, link_in, publish, served


async def test_the_board_is_not_found_until_an_admin_publishes_it(hub: Hub) -> None:
    answer(hub, "ann")
    async with served(hub) as client:
        home = await client.get("/")
        assert "PrepLoop dashboard" in await home.text()
        guessed = await client.get("/board/not-a-real-token")
        assert guessed.status == 404
        assert "Nothing here" in await guessed.text()
        path = link_in(publish(hub))
        shown = await client.get(path)
        assert shown.status == 200
        assert "Ann" in await shown.text()


async def test_taking_the_board_down_makes_its_address_not_found(hub: Hub) -> None:
    answer(hub, "ann")
    first = link_in(publish(hub))
    publish(hub, on=False)
    again = link_in(publish(hub))
    async with served(hub) as client:
        assert (await client.get(first)).status == 404
        assert (await client.get(again)).status == 200
        publish(hub, on=False)
        assert (await client.get(again)).status == 404


async def test_the_board_shares_ranks_as_the_bot_does_and_leaves_hidden_members_off(
    hub: Hub,
) -> None:
    for who in ("ann", "bob", "cat"):
        answer(hub, who)
    hub.command_text(actor("cat"), "profile", "board on:no")
    path = link_in(publish(hub))
    async with served(hub) as client:
        page = await (await client.get(path + "?period=all")).text()
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td class=\"num\">(.*?)</td></tr>", page)
    assert rows == [("🥇 =1", "Ann", "10 pts"), ("🥇 =1", "Bob", "10 pts")]
    assert "Cat" not in page
    assert 'aria-current="page">All time' in page


async def test_a_members_name_is_shown_as_text_never_as_markup(hub: Hub) -> None:
    answer(hub, "eve", name='<script>alert("x")</script><b>Eve</b>')
    path = link_in(publish(hub))
    async with served(hub) as client:
        page = await (await client.get(path + "?period=week")).text()
    assert "<script>alert" not in page and "<b>Eve" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;Eve&lt;/b&gt;" in page


async def test_the_admin_link_opens_the_communitys_numbers(hub: Hub) -> None:
    answer(hub, "ann")
    answer(hub, "bob")
    async with served(hub) as client:
        page = await client.get(admin_link(hub))
        text = await page.text()
    assert page.status == 200 and page.headers["Cache-Control"] == "no-store"
    assert "<h1>Group g1 admin dashboard</h1>" in text
    for title in (
        "Participation per day",
        "Answer rate per question",
        "Sprint progress",
        "Mock funnel",
        "Story review latency",
        "Leadership Principle coverage",
    ):
        assert f">{title}</h2>" in text
    assert '<td>2026-12-01</td><td class="num">2</td><td class="num">2</td>' in text
    assert "<svg" in text and "2 answers over 28 days" in text


async def test_a_tampered_link_is_refused_kindly(hub: Hub) -> None:
    path = admin_link(hub)
    tampered = path[:-1] + ("0" if path[-1] != "0" else "1")
    later = re.sub(r"/admin/1/(\d+)/", lambda m: f"/admin/1/{int(m[1]) + 3600}/", path)
    async with served(hub) as client:
        for bad in (tampered, later, tampered + "/participation.csv"):
            refused = await client.get(bad)
            assert refused.status == 403
            assert "This link does not open the dashboard" in await refused.text()


async def test_a_link_expires_after_an_hour(hub: Hub, clock: FakeClock) -> None:
    path = admin_link(hub)
    async with served(hub) as client:
        clock.advance(minutes=59)
        assert (await client.get(path)).status == 200
        clock.advance(minutes=1)
        expired = await client.get(path)
        assert expired.status == 403
        assert "links work for an hour" in await expired.text()


async def test_one_communitys_link_never_shows_anothers_data(hub: Hub) -> None:
    answer(hub, "ann", community="g1")
    for who in ("x1", "x2", "x3"):
        answer(hub, who, community="g2")
    mine, theirs = admin_link(hub, "g1"), admin_link(hub, "g2")
    other_id = re.match(r"/admin/(\d+)/", theirs)[1]  # type: ignore[index]
    swapped = re.sub(r"^/admin/\d+/", f"/admin/{other_id}/", mine)
    async with served(hub) as client:
        own = await (await client.get(mine)).text()
        assert "Group g1" in own and "Group g2" not in own
        assert '<td>2026-12-01</td><td class="num">1</td><td class="num">1</td>' in own
        assert (await client.get(swapped)).status == 403
        other = await (await client.get(theirs)).text()
        assert '<td>2026-12-01</td><td class="num">3</td><td class="num">3</td>' in other


async def test_a_server_secret_signs_the_links_when_set(hub: Hub) -> None:
    from bot.features.dashboard.api import Site, configure_site

    configure_site(Site("http://dash.example", "server-secret"))
    path = admin_link(hub)
    async with served(hub, secret="server-secret") as client:
        assert (await client.get(path)).status == 200
    async with served(hub, secret="another-secret") as client:
        assert (await client.get(path)).status == 403


async def test_each_table_downloads_as_csv_under_the_same_link(hub: Hub) -> None:
    answer(hub, "ann")
    path = admin_link(hub)
    async with served(hub) as client:
        page = await (await client.get(path)).text()
        links = re.findall(r'href="([^"]+\.csv)"', page)
        assert len(links) == 6 and all(link.startswith(path) for link in links)
        got = await client.get(path + "/participation.csv")
        body = await got.text()
        assert got.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in got.headers["Content-Disposition"]
        assert body.splitlines()[:2] == ["Day,Answers,Members active", "2026-12-01,1,1"]
        coverage = await (await client.get(path + "/coverage.csv")).text()
        assert "Customer Obsession,0,0" in coverage
        assert (await client.get(path + "/nonsense.csv")).status == 404


async def test_the_numbers_are_read_again_after_a_minute(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = [1000.0]
    monkeypatch.setattr("bot.web.pages.monotonic", lambda: ticks[0])
    answer(hub, "ann")
    path = admin_link(hub)
    day = '<td>2026-12-01</td><td class="num">{}</td>'
    async with served(hub) as client:
        assert day.format(1) in await (await client.get(path)).text()
        answer(hub, "bob")
        ticks[0] += 59
        assert day.format(1) in await (await client.get(path)).text()
        ticks[0] += 1
        assert day.format(2) in await (await client.get(path)).text()
