"""What the web server uses of the dashboard: the public board, the admin report, link keys.

Each function takes a Session for the web server's own unit of work (it runs no command).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.features.dashboard.board import (
    PERIODS,
    TOP,
    PublicBoard,
    board_lines,
    period_key,
    period_title,
    week_period,
)
from bot.features.dashboard.report import Day, Report, Table, build_report
from bot.features.dashboard.site import Site, configure_site, current_site
from bot.features.dashboard.store import DashboardStore, NumbersStore
from bot.features.dashboard.store.settings import community_of_token
from bot.features.leaderboard.api import top_rows
from bot.features.sprints.api import has_sprint, season_sprint
from bot.storage.uow import Session

__all__ = [
    "PERIODS",
    "Day",
    "PublicBoard",
    "Report",
    "Site",
    "Table",
    "admin_report",
    "configure_site",
    "current_site",
    "public_board",
    "signing_key",
]


def public_board(
    session: Session, token: str, period: str | None, now: datetime
) -> PublicBoard | None:
    """The board published at `token` for a period; None when nothing is published there."""
    community_id = community_of_token(session, token)
    if community_id is None:
        return None
    store = DashboardStore(session, community_id)
    community = store.community()
    if community is None:
        return None
    sprinted = has_sprint(session, community_id)
    chosen = period if period in PERIODS else ("sprint" if sprinted else "week")
    sprint = season_sprint(session, community_id, "") if chosen == "sprint" else None
    key = period_key(chosen, week_period(today_in(now, community.timezone)), sprint)
    hidden = store.hidden_ids()
    rows = top_rows(session, community_id, key, TOP + len(hidden)) if key else []
    return PublicBoard(
        community.name or "PrepLoop",
        chosen,
        period_title(chosen, sprint),
        board_lines(rows, hidden),
        sprinted,
    )


def admin_report(session: Session, community_id: int, now: datetime) -> Report | None:
    """Every number of a community's admin page; None when there is no such community."""
    community = DashboardStore(session, community_id).community()
    if community is None:
        return None
    local = now.astimezone(ZoneInfo(community.timezone))
    store = NumbersStore(session, community_id)
    return build_report(store, community=community.name or "PrepLoop", now=local)


def signing_key(session: Session, community_id: int, server_secret: str | None) -> str | None:
    """The key a community's admin links are signed with; None when it never asked for one."""
    row = DashboardStore(session, community_id).settings()
    if row is None:
        return None
    return server_secret or row.secret


def today_in(now: datetime, zone: str) -> date:
    """The date at `now` in a community's zone."""
    return now.astimezone(ZoneInfo(zone)).date()
