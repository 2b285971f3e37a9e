"""Quiet hours in the member's own zone, across midnight and a change of summer time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.quiet_hours import is_quiet, may_send, next_waking


def test_late_evening_and_early_morning_are_quiet_in_the_members_zone() -> None:
    # 21:30 UTC is 22:30 in Berlin (winter) but 16:30 in New York.
    moment = datetime(2026, 12, 7, 21, 30, tzinfo=UTC)
    assert is_quiet(moment, "Europe/Berlin")
    assert not is_quiet(moment, "America/New_York")
    assert is_quiet(datetime(2026, 12, 7, 6, 59, tzinfo=UTC), "Europe/Berlin")  # 07:59
    assert not is_quiet(datetime(2026, 12, 7, 7, 0, tzinfo=UTC), "Europe/Berlin")  # 08:00


def test_a_reminder_for_a_mock_within_the_hour_goes_out_at_night() -> None:
    night = datetime(2026, 12, 7, 23, 0, tzinfo=UTC)  # midnight in Berlin
    assert not may_send(night, "Europe/Berlin")
    assert may_send(night, "Europe/Berlin", event_at=night + timedelta(minutes=50))
    assert not may_send(night, "Europe/Berlin", event_at=night + timedelta(hours=3))


def test_the_next_waking_moment_is_eight_in_the_morning_local() -> None:
    berlin = next_waking(datetime(2026, 12, 7, 22, 30, tzinfo=UTC), "Europe/Berlin")
    assert berlin == datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # 08:00 CET
    early = next_waking(datetime(2026, 12, 8, 3, 0, tzinfo=UTC), "Europe/Berlin")
    assert early == datetime(2026, 12, 8, 7, 0, tzinfo=UTC)
    awake = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    assert next_waking(awake, "Europe/Berlin") == awake


def test_the_night_summer_time_starts_wakes_at_eight_summer_time() -> None:
    # 29 March 2026: Berlin moves from CET (UTC+1) to CEST (UTC+2) at 02:00.
    woken = next_waking(datetime(2026, 3, 28, 23, 0, tzinfo=UTC), "Europe/Berlin")
    assert woken == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
