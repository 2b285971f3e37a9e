"""Where the dashboard is served and how its links are signed: set once when the server starts.

The handlers read it to hand out links; with no base URL the web dashboard is off and
`/dashboard` says so instead of giving a link that leads nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

LINK_MINUTES = 60


@dataclass(frozen=True)
class Site:
    """The base of the links the bot gives out ("" = off), and WEB_SECRET if one is set."""

    base_url: str = ""
    secret: str | None = None
    link_minutes: int = LINK_MINUTES


_current: list[Site] = [Site()]


def configure_site(site: Site) -> None:
    """Serve links under `site` from now on (the web server calls this when it starts)."""
    _current[0] = Site(site.base_url.rstrip("/"), site.secret, site.link_minutes)


def current_site() -> Site:
    """The site links are given for now."""
    return _current[0]
