"""When a digest is due: the member's Monday time, moved out of quiet hours, that day only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.features.digest.timing import any_due, due_week, mondays_around, zone_or_utc

MONDAY = date(2026, 12, 7)


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "tz", "at", "due"),
    [
        (utc(7, 8, 59), "UTC", "09:00", None),
        (utc(7, 9), "UTC", "09:00", MONDAY),
        (utc(7, 21, 59), "UTC", "09:00", MONDAY),  # caught up later the same day
        (utc(7, 22), "UTC", "09:00", None),  # quiet hours
        (utc(8, 9), "UTC", "09:00", None),  # a day late: not sent
        (utc(7, 7, 59), "UTC", "07:00", None),  # quiet until 08:00
        (utc(7, 8), "UTC", "07:00", MONDAY),
        (utc(7, 23), "UTC", "23:00", None),
        (utc(8, 8), "UTC", "23:00", MONDAY),  # Tuesday morning instead
        (utc(6, 23), "Asia/Tokyo", "09:00", None),  # 08:00 Monday in Tokyo
        (utc(7, 0), "Asia/Tokyo", "09:00", MONDAY),  # 09:00 Monday in Tokyo
        (utc(7, 14), "America/New_York", "09:00", MONDAY),
        (utc(7, 13, 59), "America/New_York", "09:00", None),
    ],
)
def test_a_digest_is_due_at_the_members_monday_time_outside_quiet_hours(
    now: datetime, tz: str, at: str, due: date | None
) -> None:
    assert due_week(now, tz, at) == due


def test_without_catch_up_a_digest_waits_at_most_a_quarter_hour() -> None:
    assert due_week(utc(7, 9, 15), "UTC", "09:00", catch_up=False) == MONDAY
    assert due_week(utc(7, 9, 16), "UTC", "09:00", catch_up=False) is None


@pytest.mark.parametrize(
    ("now", "open_"),
    [
        (utc(6, 17, 59), False),  # Sunday evening UTC: still Sunday everywhere at 08:00
        (utc(6, 18), True),  # 08:00 Monday at UTC+14
        (utc(9, 9, 59), True),  # 21:59 Tuesday at UTC-12
        (utc(9, 10), False),
        (utc(10, 12), False),  # Thursday
    ],
)
def test_the_finder_reads_nothing_when_no_zone_can_have_a_digest_due(
    now: datetime, open_: bool
) -> None:
    assert any_due(now) is open_


def test_the_weeks_asked_about_are_the_local_mondays_around_the_moment() -> None:
    assert mondays_around(utc(6, 18)) == [date(2026, 11, 30), MONDAY]
    assert mondays_around(utc(8, 12)) == [MONDAY]


def test_a_zone_unknown_here_falls_back_to_utc() -> None:
    assert zone_or_utc("Mars/Olympus") == "UTC"
    assert zone_or_utc("Europe/Paris") == "Europe/Paris"
