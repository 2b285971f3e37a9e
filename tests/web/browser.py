"""Headless Chromium for the dashboard's browser tests, and the app served from its own thread.

Debian's /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.app.hub import Hub
from bot.web.server import bound_port, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
DESKTOP, PHONE = (1280, 800), (390, 844)
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def missing() -> str:
    """Why the browser tests cannot run here ("" when they can)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing (apt-get install -y chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return ""


@contextmanager
def serving(hub: Hub) -> Iterator[str]:
    """Serve the dashboard of `hub` on a free port from a thread; yield its base URL."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(create_app(hub), access_log=None)
    loop.run_until_complete(runner.setup())
    loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", 0).start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{bound_port(runner)}"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.run_until_complete(runner.cleanup())
        loop.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A fresh headless Chromium that keeps the pages' console messages."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="preploop-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    """The page's console errors since the last call (failed loads, CSP refusals, scripts)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def screenshots(driver: Any, name: str, folder: Path) -> list[Path]:
    """Save the page at desktop and phone widths as `name`-desktop.png and `name`-phone.png."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(width, height)
        path = folder / f"{name}-{label}.png"
        driver.save_screenshot(str(path))
        saved.append(path)
    return saved


# What the accessibility checks read from a page: headings, tables, the viewport, colours.
PAGE_FACTS = """
const rgb = (s) => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
const background = (el) => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const texts = [...document.querySelectorAll('p, td, th, a, li, h1, h2, figcaption')]
  .filter((el) => el.offsetParent !== null && el.textContent.trim());
return {
  headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map((h) => Number(h.tagName[1])),
  tables: [...document.querySelectorAll('table')]
    .map((t) => t.querySelectorAll('thead th[scope=col]').length),
  viewport: (document.querySelector('meta[name=viewport]') || {}).content || '',
  lang: document.documentElement.lang,
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  colours: texts.map((el) => [
    rgb(getComputedStyle(el).color).slice(0, 3), background(el), el.tagName,
  ]),
};
"""


def contrast(one: list[float], two: list[float]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""

    def luminance(colour: list[float]) -> float:
        parts = [c / 255 for c in colour]
        linear = [p / 12.92 if p <= 0.03928 else ((p + 0.055) / 1.055) ** 2.4 for p in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)
