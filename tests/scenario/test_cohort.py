"""A six-week sprint for 24 members, on SQLite and PostgreSQL: every invariant, every day.

One simulation runs per backend (a module-scoped fixture); each invariant family is its own
test over that run, failing with every violation's day and member. SQLite lives through all
six weeks and the recap; PostgreSQL through the first four (both clock changes, the member who
leaves and the one who is forgotten), which keeps the longest test of CI to about two minutes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.bootstrap import prepare
from bot.config import Settings
from tests import pg_cluster
from tests.fakes import FakeClock
from tests.scenario import cohort
from tests.scenario.invariants import CHECKS
from tests.scenario.summary import REPORTS, summary, timings

PG_UNTIL = datetime(2026, 11, 9, 12, 0, tzinfo=UTC)  # after FORGET_DAY and both changes


def _settings(url: str) -> Settings:
    return Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]


def _simulate(url: str, label: str, **run: object) -> cohort.Sim:
    clock = FakeClock()
    hub = prepare(_settings(url), clock)
    try:
        sim = cohort.build(hub, clock)
        return cohort.run(sim, CHECKS, **run)  # type: ignore[arg-type]
    finally:
        hub.engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sim(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[cohort.Sim]:
    if request.param == "postgresql":
        cluster: pg_cluster.Cluster = request.getfixturevalue("postgres_cluster")
        template = request.getfixturevalue("postgres_template")
        name = f"cohort_{os.getpid()}"
        cluster.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        url = cluster.url(name)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('cohort') / 'cohort.db'}"
    ran = _simulate(
        url, request.param, **({"until": PG_UNTIL} if request.param != "sqlite" else {})
    )
    REPORTS.append(summary(ran, request.param) + "\n" + timings(ran))
    print("\n" + REPORTS[-1])
    yield ran
    if request.param == "postgresql":
        cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def broken(sim: cohort.Sim, family: str) -> str:
    """Every violation of a family, one per line, with its day and member."""
    found = [str(v) for v in sim.violations if v.family == family]
    shown = found[:15] + ([f"… and {len(found) - 15} more"] if len(found) > 15 else [])
    return "\n".join(shown)


def test_every_rank_shown_is_the_members_competition_rank(sim: cohort.Sim) -> None:
    assert not broken(sim, "ranks"), broken(sim, "ranks")


def test_no_medal_goes_to_zero_points_or_less(sim: cohort.Sim) -> None:
    assert not broken(sim, "medals"), broken(sim, "medals")


def test_ledger_scores_and_profile_show_the_same_points(sim: cohort.Sim) -> None:
    assert not broken(sim, "points"), broken(sim, "points")


def test_compatible_waiting_members_are_paired_within_the_wait_limit(sim: cohort.Sim) -> None:
    assert not broken(sim, "pairing_wait"), broken(sim, "pairing_wait")


def test_no_pairing_stays_scheduled_past_its_expiry(sim: cohort.Sim) -> None:
    assert not broken(sim, "expiry"), broken(sim, "expiry")


def test_every_packet_asks_a_question_of_its_round(sim: cohort.Sim) -> None:
    assert not broken(sim, "packets"), broken(sim, "packets")


def test_no_member_reads_a_story_they_did_not_take(sim: cohort.Sim) -> None:
    assert not broken(sim, "reads"), broken(sim, "reads")


def test_nothing_of_a_forgotten_member_remains(sim: cohort.Sim) -> None:
    assert not broken(sim, "forgotten"), broken(sim, "forgotten")


def test_every_scheduled_post_goes_out_exactly_once(sim: cohort.Sim) -> None:
    assert not broken(sim, "posts_once"), broken(sim, "posts_once")


def test_no_member_is_told_something_went_wrong(sim: cohort.Sim) -> None:
    assert not broken(sim, "oops"), broken(sim, "oops")


def test_story_points_come_once_per_principle_for_complete_stories(sim: cohort.Sim) -> None:
    assert not broken(sim, "story_points"), broken(sim, "story_points")


def test_pressing_a_rating_again_says_the_same(sim: cohort.Sim) -> None:
    assert not broken(sim, "ratings"), broken(sim, "ratings")


def test_pressing_twice_never_says_it_earned_twice(sim: cohort.Sim) -> None:
    assert not broken(sim, "double_press"), broken(sim, "double_press")


def test_no_noshow_penalty_lands_before_the_mock_started(sim: cohort.Sim) -> None:
    assert not broken(sim, "noshow_timing"), broken(sim, "noshow_timing")


def test_no_follow_up_of_a_mock_comes_twice_or_in_quiet_hours(sim: cohort.Sim) -> None:
    assert not broken(sim, "nudges"), broken(sim, "nudges")


def test_every_time_shown_is_in_the_channels_or_the_readers_zone(sim: cohort.Sim) -> None:
    assert not broken(sim, "zones"), broken(sim, "zones")


def test_story_offers_and_reminders_come_once_and_never_in_quiet_hours(sim: cohort.Sim) -> None:
    assert not broken(sim, "story_nudges"), broken(sim, "story_nudges")


def test_no_member_gets_a_mock_reminder_twice(sim: cohort.Sim) -> None:
    assert not broken(sim, "reminders_once"), broken(sim, "reminders_once")


def test_no_day_ahead_reminder_reaches_a_member_in_quiet_hours(sim: cohort.Sim) -> None:
    assert not broken(sim, "reminders_quiet"), broken(sim, "reminders_quiet")


def test_every_invariant_family_has_its_test() -> None:
    source = Path(__file__).read_text()
    untested = [family for family in CHECKS if f'broken(sim, "{family}")' not in source]
    assert untested == []


def test_the_same_seed_gives_the_same_summary(tmp_path: Path) -> None:
    days = {"until": cohort.START + timedelta(days=3)}
    first = _simulate(f"sqlite:///{tmp_path / 'a.db'}", "a", **days)
    second = _simulate(f"sqlite:///{tmp_path / 'b.db'}", "b", **days)
    assert summary(first, "seed") == summary(second, "seed")
