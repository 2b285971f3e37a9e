"""The dashboard in a real browser: headless Chromium loads each page, reads it, screenshots it.

Each page is read as a member or admin would (headings, rows, links), checked for what a
screen reader and a phone need (one h1, headings in order, table headers, the viewport, no page
wider than the phone, text contrast of at least 4.5:1), screenshotted at desktop and phone
widths into tests/artifacts/, and fails on any console error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.app.hub import Hub
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock import flow as mock_flow
from tests.features.story import flow as story_flow
from tests.web.browser import (
    ARTIFACTS,
    PAGE_FACTS,
    PHONE,
    chromium,
    console_errors,
    contrast,
    missing,
    screenshots,
    serving,
)
from tests.web.helpers import admin_link, answer, link_in, publish

pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "chromium is here")


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def _a_busy_community(hub: Hub, clock: FakeClock) -> None:
    """A week of answers, a sprint, a story reviewed and a mock met, in community g1."""
    hub.command_text(actor("boss", admin=True), "sprint", "start Winter")
    for day in range(5):
        for who in ("ann", "bob", "cat", "dan", "eve")[: 5 - day % 3]:
            answer(hub, who, name=who.title() if who != "eve" else "Eve <i>the</i> Great")
        clock.advance(days=1)
    story_flow.write(hub, "ann")
    story_flow.review(hub, "bob")
    mock_flow.pair(hub, "cat", "dan")


def _check_page(driver: Any) -> dict[str, Any]:
    """Accessibility facts every page must satisfy; returns them for page-specific checks."""
    facts: dict[str, Any] = driver.execute_script(PAGE_FACTS)
    levels = facts["headings"]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert all(headers > 0 for headers in facts["tables"])
    assert "width=device-width" in facts["viewport"] and facts["lang"] == "en"
    poor = [(tag, fg, bg) for fg, bg, tag in facts["colours"] if contrast(fg, bg) < 4.5]
    assert poor == []
    return facts


def _on_a_phone_nothing_is_wider_than_the_screen(driver: Any) -> None:
    driver.set_window_size(*PHONE)
    assert driver.execute_script(PAGE_FACTS)["overflow"] <= 0


def test_the_public_board_reads_well_on_desktop_and_phone(
    hub: Hub, clock: FakeClock, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    _a_busy_community(hub, clock)
    hub.command_text(actor("dan"), "profile", "board on:no")
    path = link_in(publish(hub))
    with serving(hub) as base:
        browser.get(base + path + "?period=all")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Group g1 leaderboard"
        rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
        # Dan left the board: the others keep the ranks the bot gives them.
        assert rows == [
            "🥇 #1 Ann 85 pts",
            "🥈 #2 Bob 80 pts",
            "🥉 #3 Cat 70 pts",
            "#5 Eve <i>the</i> Great 20 pts",
        ]
        _check_page(browser)
        browser.find_element(By.LINK_TEXT, "This week").click()
        current = browser.find_element(By.CSS_SELECTOR, "[aria-current=page]")
        assert current.text == "This week"
        assert browser.find_element(By.TAG_NAME, "h2").text == "This week"
        screenshots(browser, "board", ARTIFACTS)
        _on_a_phone_nothing_is_wider_than_the_screen(browser)
        assert console_errors(browser) == []


def test_the_admin_page_shows_every_section_with_its_chart_and_exports(
    hub: Hub, clock: FakeClock, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    _a_busy_community(hub, clock)
    path = admin_link(hub)
    with serving(hub) as base:
        browser.get(base + path)
        assert browser.find_element(By.TAG_NAME, "h1").text == "Group g1 admin dashboard"
        sections = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
        assert sections == [
            "Participation per day",
            "Answer rate per question",
            "Sprint progress",
            "Mock funnel",
            "Story review latency",
            "Leadership Principle coverage",
        ]
        chart = browser.find_element(By.CSS_SELECTOR, "svg.chart")
        assert chart.get_attribute("role") == "img" and chart.size["width"] > 300
        assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.answers")) == 28
        sprint = browser.find_element(By.CSS_SELECTOR, "#sprints tbody tr").text
        assert sprint.startswith("Winter active 2026-12-02 day 5 of 28")
        exports = browser.find_elements(By.CSS_SELECTOR, "a.export")
        assert exports[0].text == "Download participation per day as CSV"
        assert all(re.search(r"/[a-z]+\.csv$", a.get_attribute("href")) for a in exports)
        _check_page(browser)
        screenshots(browser, "admin", ARTIFACTS)
        _on_a_phone_nothing_is_wider_than_the_screen(browser)
        assert console_errors(browser) == []


def test_refused_and_missing_pages_explain_themselves(hub: Hub, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    path = admin_link(hub)
    with serving(hub) as base:
        for url, heading in (
            (base + path[:-4] + "beef", "This link does not open the dashboard"),
            (base + "/board/nobody-published-this", "Nothing here"),
            (base + "/", "PrepLoop dashboard"),
        ):
            browser.get(url)
            assert browser.find_element(By.TAG_NAME, "h1").text == heading
            _check_page(browser)
            # The refusal itself is the page's answer (403/404); nothing else may fail.
            errors = [e for e in console_errors(browser) if "status of 40" not in e]
            assert errors == []
        screenshots(browser, "refused", ARTIFACTS)
