"""Which platforms this process is connected to, as each one reports it."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Probe = Callable[[], bool | Awaitable[bool]]
"""Answer whether a platform is connected right now (may be a coroutine function)."""
PROBE_SECONDS = 1.0


class Platforms:
    """A small registry: the runner (or an adapter) names each platform and how to ask it."""

    def __init__(self) -> None:
        self._probes: dict[str, Probe] = {}

    def watch(self, platform: str, probe: Probe) -> None:
        """Ask `probe` whenever someone wants to know whether `platform` is connected."""
        self._probes[platform] = probe

    def names(self) -> list[str]:
        return sorted(self._probes)

    async def states(self) -> dict[str, bool]:
        """Each watched platform and whether it is connected; a probe that fails says no."""
        return {name: await _ask(name, self._probes[name]) for name in self.names()}


async def _ask(name: str, probe: Probe) -> bool:
    try:
        answer = probe()
        if inspect.isawaitable(answer):
            answer = await asyncio.wait_for(answer, PROBE_SECONDS)
        return bool(answer)
    except Exception as error:  # a probe must never take the health check down with it
        log.warning("could not tell whether %s is connected: %r", name, error)
        return False
