"""The dashboard's pages: each reads in its own unit of work and renders a template."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import monotonic
from typing import TypeVar

from aiohttp import web
from sqlmodel import Session

from bot.app.hub import Hub
from bot.features.dashboard.api import (
    PERIODS,
    Report,
    admin_report,
    public_board,
    signing_key,
)
from bot.features.dashboard.links import admin_path, link_is_valid
from bot.storage.uow import transact
from bot.web.chart import participation_svg
from bot.web.exports import table_csv
from bot.web.render import render

T = TypeVar("T")
# An admin page and its CSVs read four weeks of a community's activity: the numbers are read
# at most once a minute per community (a page says when), so a CSV after the page costs nothing.
REPORT_SECONDS = 60.0
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
BAD_LINK = (
    "This dashboard link is not valid any more: links work for an hour, and only exactly as "
    "the bot gave them. Run /dashboard again in your community for a fresh one."
)


class Pages:
    """The handlers of the dashboard's routes, reading through one hub."""

    def __init__(self, hub: Hub, server_secret: str | None) -> None:
        self.hub = hub
        self.server_secret = server_secret
        self._reports: dict[int, tuple[float, Report]] = {}

    async def read(self, work: Callable[[Session], T]) -> T:
        """Run a read in its own transaction, off the event loop."""
        return await asyncio.to_thread(transact, self.hub.engine, work)

    async def index(self, request: web.Request) -> web.Response:
        """What the address alone shows: what the dashboard is, and where links come from."""
        return render(request, "index.html", {})

    async def board(self, request: web.Request) -> web.Response:
        """A community's published leaderboard; not found when it is not published."""
        token, period = request.match_info["token"], request.query.get("period")
        now = self.hub.clock.now()
        found = await self.read(lambda s: public_board(s, token, period, now))
        if found is None:
            raise web.HTTPNotFound
        context = {"board": found, "periods": PERIODS, "token": token}
        return render(request, "board.html", context, headers={"X-Robots-Tag": "noindex"})

    async def admin(self, request: web.Request) -> web.Response:
        """A community's admin page, when the link's signature holds and it has not expired."""
        report, path = await self._report(request)
        if report is None:
            return render(
                request, "refused.html", {"reason": BAD_LINK}, status=403, headers=PRIVATE
            )
        context = {"report": report, "chart": participation_svg(report.days), "base": path}
        return render(request, "admin.html", context, headers=PRIVATE)

    async def export(self, request: web.Request) -> web.Response:
        """One table of the admin page as a CSV file, under the same signed link."""
        report, _ = await self._report(request)
        if report is None:
            return render(
                request, "refused.html", {"reason": BAD_LINK}, status=403, headers=PRIVATE
            )
        table = report.table(request.match_info["table"])
        if table is None:
            raise web.HTTPNotFound
        name = f"preploop-{table.key}-{report.today.isoformat()}.csv"
        return web.Response(
            text=table_csv(table),
            content_type="text/csv",
            charset="utf-8",
            headers={**PRIVATE, "Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def _report(self, request: web.Request) -> tuple[Report | None, str]:
        info = request.match_info
        community, expires, given = int(info["community"]), int(info["expires"]), info["sig"]
        now = self.hub.clock.now()

        def work(session: Session) -> tuple[Report | None, str]:
            key = signing_key(session, community, self.server_secret)
            if key is None or not link_is_valid(key, community, expires, given, now):
                return None, ""
            return self._recent(community) or admin_report(session, community, now), admin_path(
                key, community, expires
            )

        report, path = await self.read(work)
        if report is not None and self._recent(community) is None:
            self._reports[community] = (monotonic(), report)
        return report, path

    def _recent(self, community: int) -> Report | None:
        """The community's report if it was read less than REPORT_SECONDS ago."""
        cached = self._reports.get(community)
        if cached is None or monotonic() - cached[0] >= REPORT_SECONDS:
            return None
        return cached[1]
