"""Per-member rate limits on commands and button presses: token buckets in this process.

Each member of each community has a bucket holding up to a minute's worth of actions (the
community's rate, 20 unless an admin changed it); it refills evenly over the minute, so a burst
is allowed and a steady pace is never refused. Buckets live in this process's memory: with
several processes a member's pace is counted per process. A bucket left alone for a minute is
full again, the same as a new one, so idle buckets are dropped and memory stays bounded.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from enum import Enum

from bot.core.clock import Clock

DEFAULT_PER_MINUTE = 20
MAX_BUCKETS = 50_000  # a full bucket is about 100 bytes: a few MB at most
WINDOW_SECONDS = 60.0
Key = tuple[str, str, str]  # platform, community, member (the platform's own ids)


class Verdict(Enum):
    """What to do with one action."""

    ALLOW = "allow"
    WARN = "warn"  # refuse, and tell the member (the first refusal of a burst)
    QUIET = "quiet"  # refuse without another message


@dataclass
class Bucket:
    """One member's tokens, when they were counted, and whether the member was told."""

    tokens: float
    at: float
    warned: bool = False


class RateLimiter:
    """Token buckets keyed by community and member, on the injected clock."""

    def __init__(self, clock: Clock, *, max_buckets: int = MAX_BUCKETS) -> None:
        self.clock = clock
        self.max_buckets = max_buckets
        self.buckets: OrderedDict[Key, Bucket] = OrderedDict()

    def take(self, key: Key, per_minute: int) -> Verdict:
        """Spend one token of the member's bucket, or say how to refuse the action."""
        now = self.clock.now().timestamp()
        bucket = self._bucket(key, per_minute, now)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return Verdict.ALLOW
        if bucket.warned:
            return Verdict.QUIET
        bucket.warned = True
        return Verdict.WARN

    def wait_seconds(self, key: Key, per_minute: int) -> int:
        """Whole seconds until the member's bucket holds a token again (at least 1)."""
        bucket = self.buckets.get(key)
        if bucket is None or per_minute <= 0:
            return 1
        missing = max(0.0, 1 - bucket.tokens)
        return max(1, math.ceil(missing * WINDOW_SECONDS / per_minute))

    def _bucket(self, key: Key, per_minute: int, now: float) -> Bucket:
        bucket = self.buckets.pop(key, None)
        if bucket is None:
            bucket = Bucket(float(per_minute), now)
        else:
            refill = (now - bucket.at) * per_minute / WINDOW_SECONDS
            bucket.tokens = min(float(per_minute), bucket.tokens + max(0.0, refill))
            bucket.at = now
        self.buckets[key] = bucket  # the most recently used go last
        self._evict(now)
        return bucket

    def _evict(self, now: float) -> None:
        """Drop buckets idle for a minute (full again), and the oldest past the bound."""
        while self.buckets:
            key, oldest = next(iter(self.buckets.items()))
            if now - oldest.at < WINDOW_SECONDS and len(self.buckets) <= self.max_buckets:
                return
            del self.buckets[key]
