"""`preploop run` serves the dashboard when WEB_PORT is set, and gives links to where it listens."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.app.hub import Hub
from bot.config import Settings
from bot.features.dashboard.api import current_site
from bot.runner import serve_all


async def test_serve_all_starts_the_dashboard_on_web_port(hub: Hub, settings: Settings) -> None:
    web_on = settings.model_copy(update={"web_port": 0, "web_host": "127.0.0.1"})
    serving = asyncio.ensure_future(serve_all(hub, web_on))
    try:
        for _ in range(200):
            if current_site().base_url.startswith("http://localhost:"):
                break
            await asyncio.sleep(0.05)
        base = current_site().base_url
        assert base.startswith("http://localhost:") and not base.endswith(":0")
        async with aiohttp.ClientSession() as session, session.get(base + "/") as page:
            assert page.status == 200
            assert "PrepLoop dashboard" in await page.text()
    finally:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)
    assert current_site().base_url == ""


def test_public_url_is_the_base_of_the_links_when_set(settings: Settings) -> None:
    assert settings.model_copy(update={"web_port": 8080}).web_base_url() == "http://localhost:8080"
    public = settings.model_copy(update={"public_url": "https://prep.example.org/"})
    assert public.web_base_url(8080) == "https://prep.example.org"
