"""The dashboard's web server: create_app for tests and the console, serve_web for the runner."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.app.hub import Hub
from bot.config import Settings
from bot.features.dashboard.api import Site, configure_site
from bot.web.pages import Pages
from bot.web.render import SECURITY, STATIC, render

log = logging.getLogger(__name__)


def create_app(hub: Hub, *, server_secret: str | None = None) -> web.Application:
    """The dashboard's routes on `hub`: the public board, the signed admin page and its CSVs."""
    pages = Pages(hub, server_secret)
    app = web.Application(middlewares=[_friendly_errors])
    app.router.add_get("/", pages.index)
    app.router.add_get("/board/{token}", pages.board)
    signed = r"/admin/{community:\d{1,12}}/{expires:\d{1,12}}/{sig:[0-9a-f]{1,64}}"
    app.router.add_get(signed, pages.admin)
    app.router.add_get(signed + r"/{table:[a-z]{1,20}}.csv", pages.export)
    app.router.add_static("/static", STATIC)
    add_operations(app, hub)
    return app


def add_operations(app: web.Application, hub: Hub) -> None:
    """Add the operators' routes: GET /healthz and GET /metrics (bot/ops)."""
    from bot.ops.http import add_ops_routes

    add_ops_routes(app, hub)


@web.middleware
async def _friendly_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
    except web.HTTPNotFound:
        return render(request, "missing.html", {}, status=404)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("dashboard page failed: %s", request.path)
        return render(request, "broken.html", {}, status=500)
    for name, value in SECURITY.items():
        response.headers.setdefault(name, value)
    return response


def site_of(settings: Settings, port: int) -> Site:
    """Where links point and how they are signed, from the settings."""
    secret = settings.web_secret.get_secret_value() if settings.web_secret else None
    return Site(settings.web_base_url(port), secret)


async def start_web(hub: Hub, settings: Settings, port: int) -> web.AppRunner:
    """Start serving on `port` (0: any free port) and point the bot's links at it."""
    secret = settings.web_secret.get_secret_value() if settings.web_secret else None
    runner = web.AppRunner(create_app(hub, server_secret=secret), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, port)
    await site.start()
    bound = bound_port(runner) or port
    configure_site(site_of(settings, bound))
    log.info("dashboard on port %s, links at %s", bound, settings.web_base_url(bound))
    return runner


def bound_port(runner: web.AppRunner) -> int | None:
    """The port the runner listens on (the real one when asked for port 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return None


async def serve_web(hub: Hub, settings: Settings, port: int | None = None) -> None:
    """Serve the dashboard until cancelled (`preploop run` with WEB_PORT set)."""
    chosen = port if port is not None else settings.web_port
    assert chosen is not None, "serve_web needs WEB_PORT or a port"
    runner = await start_web(hub, settings, chosen)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        configure_site(Site())


def serve_in_thread(hub: Hub, settings: Settings, port: int) -> int:
    """Serve the dashboard from its own thread (the console runs no loop); return the port."""
    started: list[int] = []
    ready = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        try:
            runner = loop.run_until_complete(start_web(hub, settings, port))
        except OSError:
            log.exception("the dashboard could not start on port %s", port)
            ready.set()
            return
        started.append(bound_port(runner) or port)
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, name="dashboard", daemon=True).start()
    if not ready.wait(10) or not started:
        raise OSError(f"the dashboard could not start on port {port}")
    return started[0]
