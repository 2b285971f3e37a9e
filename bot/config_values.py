"""Read the settings that need more than a type: database URLs (masked) and Slack admin lists."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ANY_WORKSPACE = "*"
# scheme://user:password@host — what to mask in a URL SQLAlchemy cannot parse
_PASSWORD = re.compile(r"(?P<head>[^:/?#\s]+://[^:/?#@\s]*:)(?P<password>[^@\s]*)(?P<tail>@)")
_SLACK_ID = re.compile(r"^[A-Z0-9]{2,}$")


def masked_url(url: str) -> str:
    """The URL with its password shown as ***, whether or not SQLAlchemy can parse it."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD.sub(r"\g<head>***\g<tail>", url)


def check_database_url(url: str) -> str:
    """Return the URL if SQLAlchemy can read it; say why not without showing the password."""
    try:
        make_url(url)
    except (ArgumentError, ValueError):
        if "://" not in url:  # perhaps a bare password: quote nothing of it
            raise ValueError("not a database URL: it should start like postgresql://") from None
        raise ValueError(
            f"not a database URL SQLAlchemy can read: {masked_url(url)!r} "
            "(write it like postgresql://user:password@host/name; "
            "percent-encode @, :, / and % in the password)"
        ) from None
    return url


def parse_admin_ids(raw: str) -> dict[str, frozenset[str]]:
    """Read `T123:U1,U2;T456:U3`; ids with no workspace (`U1,U2`) count in every workspace."""
    found: dict[str, set[str]] = {}
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        team, _, users = part.rpartition(":")
        team = team.strip() or ANY_WORKSPACE
        ids = [u.strip() for u in users.split(",") if u.strip()]
        bad = [i for i in [team, *ids] if i != ANY_WORKSPACE and not _SLACK_ID.match(i)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a Slack id; write T123:U1,U2;T456:U3")
        if not ids:
            raise ValueError(f"workspace {team} lists no member ids; write {team}:U1,U2")
        found.setdefault(team, set()).update(ids)
    return {team: frozenset(ids) for team, ids in found.items()}
