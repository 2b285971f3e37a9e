"""GET /healthz and GET /metrics, on the web server or on a small server of their own."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.app.hub import Hub
from bot.ops.health import STALE_AFTER, Health
from bot.ops.probe import HEALTH_PATH, METRICS_PATH

log = logging.getLogger(__name__)

ALL_INTERFACES = "0.0.0.0"  # noqa: S104  the container's health check and Prometheus must reach it
NO_STORE = {"Cache-Control": "no-store"}


def add_ops_routes(
    app: web.Application, hub: Hub, *, stale_after: timedelta = STALE_AFTER
) -> Health:
    """Serve GET /healthz (200 when healthy, else 503; JSON) and GET /metrics from `hub`."""
    health = Health(hub.engine, hub.clock, hub.metrics, stale_after=stale_after)

    async def healthz(_request: web.Request) -> web.Response:
        report = await health.report()
        return web.json_response(report.body(), status=report.http_status, headers=NO_STORE)

    async def metrics(_request: web.Request) -> web.Response:
        body = await hub.metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST, **NO_STORE})

    app.router.add_get(HEALTH_PATH, healthz)
    app.router.add_get(METRICS_PATH, metrics)
    return health


def ops_app(hub: Hub, *, stale_after: timedelta = STALE_AFTER) -> web.Application:
    """An application with the ops routes only."""
    app = web.Application()
    add_ops_routes(app, hub, stale_after=stale_after)
    return app


async def start_ops(hub: Hub, *, host: str, port: int) -> web.AppRunner:
    """Start serving the ops routes on host:port (port 0: any free port)."""
    runner = web.AppRunner(ops_app(hub), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
