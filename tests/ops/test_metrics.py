"""/metrics counts commands by outcome, scheduled posts by platform, ticks and claims taken over."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient
from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent

from bot.app.context import Ctx
from bot.app.hub import ADMIN_ONLY, OOPS, Hub
from bot.core.cards import Reply, plain
from bot.features import schedule_of
from bot.ops.metrics import Metrics
from bot.scheduling import claims
from bot.scheduling.delivery import JobRunner
from bot.scheduling.jobs import TICK_ID, note_lag
from bot.storage.uow import UnitOfWork
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.ops.conftest import serving
from tests.ops.scrape import scrape, value

COMMANDS = "preploop_commands_total"
SECONDS = "preploop_command_seconds"
POSTS = "preploop_posts_total"


def _said(reply: Reply) -> str:
    card = reply.messages[0].card
    return f"{plain(card.title)} {plain(card.text)}".strip()


def _broken(ctx: Ctx, options: object) -> Reply:
    raise RuntimeError("the store fell over")


def _start_sprint(hub: Hub, clock: FakeClock, *, community: str, channel: str) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    boss = actor("boss", admin=True, community=community, channel=channel, platform="discord")
    reply = hub.command_text(boss, "sprint", "start Spring start:2027-03-15 timezone:Europe/Berlin")
    assert "Spring" in _said(reply)


async def test_each_command_is_counted_under_its_name_and_outcome(
    hub: Hub, ops: TestClient
) -> None:
    spec = hub.registry.commands[("leaderboard", "show")]
    hub.registry.commands[("leaderboard", "show")] = dataclasses.replace(spec, handler=_broken)
    member = actor("ana")
    assert _said(hub.command_text(member, "question", "")).startswith("Question of the day")
    assert _said(hub.command(member, "question", None, {})).startswith("Question of the day")
    assert _said(hub.command_text(member, "sprint", "start Spring")) == ADMIN_ONLY
    assert _said(hub.command(member, "profile", "set", {"colour": "red"})).startswith(
        "Unknown option `colour`"
    )
    assert _said(hub.command_text(member, "leaderboard", "")) == OOPS
    assert "I don't know that command" in _said(hub.command(member, "nope", None, {}))

    samples = await scrape(ops)
    counted = {
        labels: count for (name, labels), count in samples.items() if name == COMMANDS and count
    }
    assert value(samples, COMMANDS, kind="command", name="question today", outcome="ok") == 2
    assert value(samples, COMMANDS, kind="command", name="sprint start", outcome="refused") == 1
    assert value(samples, COMMANDS, kind="command", name="profile set", outcome="bad_input") == 1
    assert value(samples, COMMANDS, kind="command", name="leaderboard show", outcome="error") == 1
    assert value(samples, COMMANDS, kind="command", name="unknown", outcome="bad_input") == 1
    assert len(counted) >= 5
    # The latency histogram: every handled command is observed in its buckets.
    today = {"kind": "command", "name": "question today"}
    assert value(samples, f"{SECONDS}_count", **today) == 2
    assert value(samples, f"{SECONDS}_bucket", **today, le="+Inf") == 2
    assert value(samples, f"{SECONDS}_sum", **today) > 0


async def test_a_stale_button_counts_as_bad_input_and_a_real_one_by_its_action(
    hub: Hub, ops: TestClient
) -> None:
    member = actor("ana")
    hub.command_text(member, "question", "")
    hub.press(member, "gone.forever", "1")
    hub.press(member, "q.hint", "not-a-post")
    samples = await scrape(ops)
    assert value(samples, COMMANDS, kind="button", name="unknown", outcome="bad_input") == 1
    assert (
        sum(
            count
            for (name, labels), count in samples.items()
            if name == COMMANDS and ("name", "q.hint") in labels
        )
        == 1
    )


async def test_commands_and_presses_refused_for_going_too_fast_are_counted(
    limited_hub: Hub,
) -> None:
    member = actor("ana")
    for _ in range(20):  # the production rate: 20 a minute
        assert _said(limited_hub.command_text(member, "question", "")).startswith("Question")
    assert "going a bit fast" in _said(limited_hub.command_text(member, "leaderboard", ""))
    assert "going a bit fast" in _said(limited_hub.command(member, "nope", None, {}))
    assert limited_hub.press(member, "q.hint", "1").messages == []  # quiet after the first word
    async with serving(limited_hub) as ops:
        samples = await scrape(ops)
    limited = {"outcome": "rate_limited"}
    assert value(samples, COMMANDS, kind="command", name="leaderboard show", **limited) == 1
    assert value(samples, COMMANDS, kind="command", name="unknown", **limited) == 1
    assert value(samples, COMMANDS, kind="button", name="q.hint", **limited) == 1
    assert value(samples, COMMANDS, kind="command", name="question today", outcome="ok") == 20


async def test_scheduled_posts_are_counted_by_platform_delivered_or_failed(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    _start_sprint(hub, clock, community="g1", channel="c1")
    _start_sprint(hub, clock, community="g2", channel="gone")
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    messenger = FakeMessenger("discord")
    messenger.broken = {"gone"}
    runner = JobRunner(hub.engine, clock, {"discord": messenger}, metrics=hub.metrics)
    assert await runner.tick() == 2
    samples = await scrape(ops)
    # g1's question went out; g2's channel is gone, so its admin was told instead.
    titles = [(community, plain(message.card.title)) for community, message in messenger.sent]
    assert titles == [
        ("g1", "Question of the day: Two Sum"),
        ("g2", "PrepLoop could not post"),
    ]
    assert value(samples, POSTS, platform="discord", outcome="delivered") == 2
    assert value(samples, POSTS, platform="discord", outcome="failed") == 1
    assert value(samples, "preploop_scheduler_tick_seconds_count") == 1
    last = value(samples, "preploop_scheduler_last_tick_timestamp_seconds")
    assert last == clock.now().timestamp()


async def test_a_claim_taken_over_after_its_lease_is_counted_by_kind(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    _start_sprint(hub, clock, community="g1", channel="c1")
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    with UnitOfWork(hub.engine) as uow:  # a process claims the post, then dies
        (due,) = claims.find_due(
            uow.session, clock.now(), schedule=schedule_of(), platforms={"discord"}
        )
        assert claims.begin(uow.session, clock, due, schedule_of()) is not None
    messenger = FakeMessenger("discord")
    runner = JobRunner(hub.engine, clock, {"discord": messenger}, metrics=hub.metrics)
    await runner.tick()
    assert value(await scrape(ops), "preploop_claims_taken_over_total", kind="daily") == 0
    clock.advance(minutes=11)
    await runner.tick()
    samples = await scrape(ops)
    assert value(samples, "preploop_claims_taken_over_total", kind="daily") == 1
    assert value(samples, POSTS, platform="discord", outcome="delivered") == 1


def test_a_tick_that_starts_late_records_its_lag() -> None:
    metrics = Metrics()
    runner = JobRunner(None, FakeClock(), {}, metrics=metrics)  # type: ignore[arg-type]
    due = datetime.now(UTC) - timedelta(seconds=5)
    note_lag(runner, JobSubmissionEvent(EVENT_JOB_SUBMITTED, TICK_ID, "default", [due]))
    note_lag(runner, JobSubmissionEvent(EVENT_JOB_SUBMITTED, "other", "default", [due]))
    lag = metrics.registry.get_sample_value
    assert lag("preploop_scheduler_tick_lag_seconds_count") == 1
    assert 5 <= (lag("preploop_scheduler_tick_lag_seconds_sum") or 0) < 60
