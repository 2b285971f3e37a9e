"""The paced delivery engine: each tick finds what is due, claims it, delivers it, records it.

The schedule lives in the database (sprints, practice preferences, mock rounds…), is read again
at every tick, and each piece of work is claimed there (bot.scheduling.claims), so restarts,
double triggers and several processes never post twice. After downtime the first tick catches
up on the same local day's work. bot.scheduling.jobs ticks it every minute.

A tick claims and builds its work in batches (one transaction per batch), delivers every
message as fast as the platform's limits allow (a Throttle per platform, at the Pace its adapter
declares), and records the outcomes in batches as they come back. The database sees a few
transactions per hundred posts; the platforms see a steady stream just under their limits. A
batch whose claim keeps losing its race to other processes is tried again at the end of the
tick, in halves; a process that finds a batch taken by another goes on from the middle of what
is left, so that processes ticking together split the work. Every message of claimed work
carries its claim's marker; work taken over from a run that died is first looked for in the
platform's history by it, so a post delivered but never recorded is recorded now, not posted
twice. A tick's transactions go through one worker thread of its own, one at a time and in the
order asked (see Database).
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Engine

from bot.core.cards import Message, Visibility
from bot.core.clock import Clock
from bot.core.ports import DeliveryError, Messenger
from bot.features import schedule_of
from bot.ops.metrics import Metrics
from bot.scheduling import claims
from bot.storage.uow import transact

log = logging.getLogger(__name__)
BATCH = 100  # pieces of work claimed (or recorded) per transaction
BACKLOG = 4 * BATCH  # claimed but not yet delivered, before this process claims more
T = TypeVar("T")


@dataclass(frozen=True)
class Pace:
    """How fast one platform may be sent to from this process.

    per_second: requests in any one second, all channels together (None: no such limit);
    channel_gap: least seconds between two posts to one channel (or one member's DM);
    in_flight: requests waiting for the platform's answer at once.
    """

    per_second: float | None = None
    channel_gap: float = 0.0
    in_flight: int = 64


class Throttle:
    """Start requests to one platform no faster than its Pace allows."""

    def __init__(self, pace: Pace) -> None:
        self.pace = pace
        self.window = max(1, int(pace.per_second)) if pace.per_second else 0
        self.starts: collections.deque[float] = collections.deque()
        self.channel_next: dict[str, float] = {}
        self.flight = asyncio.Semaphore(pace.in_flight)

    @asynccontextmanager
    async def slot(self, channel: str) -> AsyncIterator[None]:
        """Wait for the channel's turn, a free place in flight and a place in this second."""
        if self.pace.channel_gap:
            now = time.monotonic()
            start = max(now, self.channel_next.get(channel, now))
            self.channel_next[channel] = start + self.pace.channel_gap
            await _sleep_until(start)
        async with self.flight:
            while self.window and not self._take(time.monotonic()):
                await _sleep_until(self.starts[-self.window] + 1.0)
            yield

    def _take(self, now: float) -> bool:
        """Start now if fewer than `window` requests started in the last second.

        Only actual start times are counted, so a waiter that woke late never lets the next
        ones crowd into the same second.
        """
        while self.starts and self.starts[0] <= now - 1.0:
            self.starts.popleft()
        if len(self.starts) >= self.window:
            return False
        self.starts.append(now)
        return True


@dataclass(frozen=True)
class Batch:
    """Work claimed in one transaction; `again` when it is what is left of a batch that failed."""

    dues: list[claims.Due]
    again: bool = False

    def halves(self) -> list[Batch]:
        """What to try later in the same tick after this batch could not be claimed.

        With several processes on PostgreSQL a claim can lose its race every time the
        transaction is retried (their transactions read and write the same tables at once); its
        work, still unclaimed, is tried once more at the end of the tick, in two smaller
        transactions, rather than waiting for the next minute. What fails again waits for it.
        """
        if self.again:
            return []
        middle = (len(self.dues) + 1) // 2
        return [
            Batch(part, again=True) for part in (self.dues[:middle], self.dues[middle:]) if part
        ]


class Database:
    """One worker thread for a tick's transactions, which it runs one at a time, in order.

    With a thread per transaction, a record waits out SQLite's busy handler (which sleeps and
    retries) while claims hold the write lock; here it simply runs after the claim before it.
    """

    def __init__(self) -> None:
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preploop-tick")

    async def run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.thread, work)

    def close(self) -> None:
        """Let the thread end once it has finished what it was given."""
        self.thread.shutdown(wait=False)


def _leave_to_the_other(batches: collections.deque[Batch]) -> None:
    """After a batch came back claimed by another process, go on from the middle of what is
    left and come back to the first half at the end.

    Every process finds the same work in the same order; without this, a second process waits
    on each batch the first one is claiming, finds it taken, and waits on the next, doing
    nothing while slowing the first. Jumping ahead splits the work between them (a third
    process jumps again where it meets the second); what was skipped is claimed by then, and
    skipping it at the end costs one quick transaction a batch.
    """
    batches.rotate(-(len(batches) // 2))


async def _sleep_until(moment: float) -> None:
    delay = moment - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


class JobRunner:
    """Find, claim, deliver and record scheduled work for the connected platforms."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        messengers: dict[str, Messenger],
        *,
        catch_up: bool = True,
        owns: Mapping[str, Callable[[str], bool]] | None = None,
        paces: Mapping[str, Pace] | None = None,
        schedule: claims.Schedule | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        """`owns` keeps to this process the communities a predicate accepts (e.g. its shards).

        `schedule` is the features' scheduled work (every feature of bot/features by default);
        `metrics` counts ticks, posts and claims taken over (the hub's, when the runner has one).
        """
        self.engine = engine
        self.schedule = schedule or schedule_of()
        self.clock = clock
        self.messengers = messengers
        self.catch_up = catch_up
        self.owns = dict(owns or {})
        chosen = dict(paces or {})
        self.throttles = {name: Throttle(chosen.get(name, Pace())) for name in messengers}
        self.metrics = metrics or Metrics()
        self.stopping = False
        self._ticks: set[asyncio.Task[Any]] = set()

    async def stop(self, within: float) -> None:
        """Claim nothing more; give the work already claimed `within` seconds to go and be recorded.

        Work still unrecorded after that stays claimed until its lease ends, when another
        process (or this one, restarted) takes it over.
        """
        self.stopping = True
        if self._ticks:
            await asyncio.wait(set(self._ticks), timeout=within)

    async def tick(self) -> int:
        """Do everything due now; return how many pieces of work this process did."""
        this = asyncio.current_task()
        if self.stopping or this is None:
            return 0
        self._ticks.add(this)
        database = Database()
        started = time.perf_counter()
        self.metrics.pulse(self.clock.now())
        try:
            done = await self._tick(database)
        finally:
            self._ticks.discard(this)
            database.close()
        self.metrics.ticked(time.perf_counter() - started)
        self.metrics.pulse(self.clock.now())
        return done

    async def _tick(self, database: Database) -> int:
        due = [d for d in await database.run(self._find) if self._ours(d)]
        outcomes: asyncio.Queue[claims.Result | None] = asyncio.Queue()
        recorder = asyncio.create_task(self._record_all(database, outcomes))
        delivering: set[asyncio.Task[None]] = set()
        done = 0
        batches = collections.deque(
            Batch(due[start : start + BATCH]) for start in range(0, len(due), BATCH)
        )
        while batches:
            while len(delivering) > BACKLOG:
                _, delivering = await asyncio.wait(delivering, return_when=asyncio.FIRST_COMPLETED)
            if self.stopping:
                break
            batch = batches.popleft()
            works = await self._claim_safely(database, batch.dues)
            if works is None:
                batches.extend(batch.halves())
                continue
            if not works:
                _leave_to_the_other(batches)
            done += len(works)
            delivering |= {asyncio.create_task(self._run(work, outcomes)) for work in works}
        if delivering:
            await asyncio.wait(delivering)
        outcomes.put_nowait(None)
        await recorder
        return done

    def _ours(self, due: claims.Due) -> bool:
        owns = self.owns.get(due.platform)
        return owns is None or owns(due.community_ref)

    def _find(self) -> list[claims.Due]:
        return transact(
            self.engine,
            lambda session: claims.find_due(
                session,
                self.clock.now(),
                schedule=self.schedule,
                platforms=set(self.messengers),
                catch_up=self.catch_up,
            ),
        )

    async def _claim_safely(
        self, database: Database, batch: list[claims.Due]
    ) -> list[claims.Work] | None:
        """Claim and build a batch; None when the transaction failed (nothing was claimed)."""
        try:
            works = await database.run(lambda: self._claim(batch))
        except Exception:
            log.exception("could not claim %d pieces of scheduled work", len(batch))
            return None
        for work in works:
            if work.taken_over:
                self.metrics.took_over(work.due.kind)
        return works

    def _claim(self, batch: list[claims.Due]) -> list[claims.Work]:
        """Claim and build a batch in one transaction (a worker thread)."""
        return transact(
            self.engine,
            lambda session: claims.begin_many(session, self.clock, batch, self.schedule),
        )

    async def _run(self, work: claims.Work, outcomes: asyncio.Queue[claims.Result | None]) -> None:
        marked = [
            replace(message, marker=claims.marker(work.due, index))
            for index, message in enumerate(work.messages)
        ]
        refs, error = await self._deliver(work.due, marked, look_first=work.taken_over)
        outcomes.put_nowait((work.due, refs, error))

    async def _record_all(
        self, database: Database, outcomes: asyncio.Queue[claims.Result | None]
    ) -> None:
        """Record outcomes as they arrive: whatever queued during one write goes in the next."""
        alerts: list[asyncio.Task[tuple[list[str], str | None]]] = []
        finished = False
        while not finished:
            batch: list[claims.Result] = []
            item = await outcomes.get()
            while item is not None:
                batch.append(item)
                if outcomes.empty() or len(batch) >= BATCH:
                    break
                item = outcomes.get_nowait()
            finished = item is None
            if batch:
                for due, messages in await self._record_safely(database, batch):
                    alerts.append(asyncio.create_task(self._deliver(due, messages)))
        await asyncio.gather(*alerts)

    async def _record_safely(
        self, database: Database, batch: list[claims.Result]
    ) -> list[tuple[claims.Due, list[Message]]]:
        try:
            return await database.run(lambda: self._record(batch))
        except Exception:
            # The claims stay leased: after the lease another tick may send them again.
            log.exception("could not record %d delivered pieces of work", len(batch))
            return []

    def _record(self, batch: list[claims.Result]) -> list[tuple[claims.Due, list[Message]]]:
        """Record a batch of outcomes in one transaction; return each one's admin alerts."""
        return transact(
            self.engine,
            lambda session: claims.finish_many(session, self.clock, batch, self.schedule),
        )

    async def _deliver(
        self, due: claims.Due, messages: Sequence[Message], *, look_first: bool = False
    ) -> tuple[list[str], str | None]:
        """Send every message (one closed DM must not stop the others); report the first error.

        With `look_first`, a message whose marker is found in the platform's history was
        delivered already (by a run that died before recording it): its ref is kept, and it
        is not sent again.
        """
        messenger, throttle = self.messengers[due.platform], self.throttles[due.platform]
        refs: list[str] = []
        first_error: str | None = None
        for message in messages:
            try:
                async with throttle.slot(_destination(due.community_ref, message)):
                    if message.role is not None:
                        refs.append(await messenger.change_role(due.community_ref, message.role))
                    else:
                        found = await self._look_up(messenger, due, message) if look_first else None
                        refs.append(found or await messenger.post(due.community_ref, message))
                self.metrics.posted(due.platform, delivered=True)
            except DeliveryError as error:
                self.metrics.posted(due.platform, delivered=False)
                log.warning(
                    "delivery failed for %s %s in community %s: %s",
                    due.kind,
                    due.key,
                    due.community_id,
                    error,
                )
                first_error = first_error or str(error)
            except Exception as error:  # one the messenger did not expect: still record it
                self.metrics.posted(due.platform, delivered=False)
                log.exception(
                    "delivery crashed for %s %s in community %s",
                    due.kind,
                    due.key,
                    due.community_id,
                )
                first_error = first_error or f"an unexpected error ({type(error).__name__})"
        return refs, first_error

    async def _look_up(self, messenger: Messenger, due: claims.Due, message: Message) -> str | None:
        """Look for the message in the platform's history; None (so: post it) when that fails.

        Posting is chosen over skipping when the history cannot be read: a post lost for good
        is worse than the rare second copy, which needs a kill and a failed lookup together.
        """
        if message.marker is None:
            return None
        try:
            found = await messenger.find(due.community_ref, message)
        except Exception as error:
            log.warning(
                "could not look for %s %s in community %s's history, posting it: %s",
                due.kind,
                due.key,
                due.community_id,
                error,
            )
            return None
        if found:
            log.info(
                "%s %s in community %s was delivered already", due.kind, due.key, due.community_id
            )
        return found


def _destination(community: str, message: Message) -> str:
    """The channel (or member's DM) a message lands in, for per-channel pacing."""
    if message.visibility is Visibility.DIRECT:
        return f"{community}/dm/{message.to_member}"
    return f"{community}/{message.channel}"
