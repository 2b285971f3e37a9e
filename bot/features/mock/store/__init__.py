"""Queries of the mock feature: `MockStore` for one community, finders' queries across them.

Every method of `MockStore` is scoped to the community it was built for (the parts, by
meaning: the queue, pairings and what follows them, rounds); the finders look across
communities for the scheduler.
"""

from __future__ import annotations

from bot.features.mock.store.base import (
    DEFAULT_WAIT_HOURS,
    RECENT_PAIRINGS,
    StoreBase,
    timezone_of,
)
from bot.features.mock.store.finders import (
    due_reports,
    requests_outside_rounds,
    rounds_closing,
    stale_pairings,
)
from bot.features.mock.store.pairings import PairingRows
from bot.features.mock.store.queue import QueueRows
from bot.features.mock.store.rounds import RoundRows
from bot.features.mock.store.times import TimeRows

__all__ = [
    "DEFAULT_WAIT_HOURS",
    "RECENT_PAIRINGS",
    "MockStore",
    "due_reports",
    "requests_outside_rounds",
    "rounds_closing",
    "stale_pairings",
    "timezone_of",
]


class MockStore(QueueRows, PairingRows, RoundRows, TimeRows, StoreBase):
    """The mock feature's rows of one community, read and written in one unit of work."""
