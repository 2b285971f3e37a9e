"""The weekly digest: no commands of its own (`/profile set digest:off` turns it off)."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.digest import scheduled

DIGEST = Feature(
    "digest",
    finders=(scheduled.find_digests,),
    kinds=scheduled.KINDS,
)
