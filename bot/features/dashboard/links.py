"""Signed, expiring links to a community's admin page: HMAC-SHA256 over community and expiry."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime


def signature(key: str, community_id: int, expires: int) -> str:
    """The signature of a link to a community's admin page valid until `expires` (Unix time)."""
    message = f"admin:{community_id}:{expires}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]


def admin_path(key: str, community_id: int, expires: int) -> str:
    """The path of the admin page for a community, signed until `expires`."""
    return f"/admin/{community_id}/{expires}/{signature(key, community_id, expires)}"


def link_is_valid(key: str, community_id: int, expires: int, given: str, now: datetime) -> bool:
    """Whether a link's signature matches and it has not expired at `now`."""
    expected = signature(key, community_id, expires)
    return hmac.compare_digest(expected, given) and now.timestamp() < expires
