"""Weekly availability: reading it, comparing it across time zones, proposing a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.cards import plain
from bot.core.mock_availability import (
    AvailabilityError,
    Window,
    canonical_timezone,
    format_availability,
    local_label,
    parse_availability,
    propose_time,
    week_slots,
    week_start,
)

TUESDAY = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon 18:00-21:00", "mon 18:00-21:00"),
        ("mon-fri 18:00-21:00, sat 10:00-14:00", "mon-fri 18:00-21:00, sat 10:00-14:00"),
        ("Weekends 9-12", "sat-sun 09:00-12:00"),
        ("daily 07:30-08:30", "daily 07:30-08:30"),
        ("every day 07:30-08:30", "daily 07:30-08:30"),
        ("mon wed 12:00-13:00", "mon 12:00-13:00, wed 12:00-13:00"),
        ("sat 10:00-12:00, sat 11:00-14:00", "sat 10:00-14:00"),
        ("fri-mon 20:00-24:00", "mon 20:00-24:00, fri-sun 20:00-24:00"),
        ("tuesday 18:00-19:00 20:00-21:00", "tue 18:00-19:00 20:00-21:00"),
    ],
)
def test_availability_is_read_and_written_back_tidily(text: str, expected: str) -> None:
    assert format_availability(parse_availability(text)) == expected


def test_overlapping_windows_on_one_day_are_merged() -> None:
    assert parse_availability("sat 10-12, sat 11-14") == (Window(5, 600, 840),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give at least one window, like `daily 09:00-21:00`."),
        ("funday 10:00-12:00", "“funday” is not a day; use mon, tue, wed, thu, fri, sat, sun"),
        ("mon", "“mon” has no hours; write them like `18:00-21:00`."),
        ("10:00-12:00", "“10:00-12:00” names no day"),
        ("mon 21:00-18:00", "“21:00-18:00” ends before it starts. A window past midnight is two"),
        ("mon 18:00-18:00", "“18:00-18:00” ends before it starts."),
        (
            "mon 25:00-26:00",
            "“25:00-26:00” has a time that does not exist; write times like 18:00.",
        ),
        ("mon 10:75-11:00", "“10:75-11:00” has a time that does not exist"),
    ],
)
def test_unreadable_availability_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(AvailabilityError) as caught:
        parse_availability(text)
    assert plain(caught.value.text).startswith(message)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("europe/paris", "Europe/Paris"), ("UTC", "UTC"), (" Asia/Kolkata ", "Asia/Kolkata")],
)
def test_time_zones_are_accepted_in_any_case(typed: str, zone: str) -> None:
    assert canonical_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["Mars/Olympus", "Europe", "../etc/passwd", ""])
def test_unknown_time_zones_are_refused_with_examples(typed: str) -> None:
    with pytest.raises(AvailabilityError) as caught:
        canonical_timezone(typed)
    assert "is not a time zone I know. Use an IANA name like `Europe/London`" in str(caught.value)


def test_the_same_hours_in_two_zones_overlap_in_utc() -> None:
    origin = week_start(TUESDAY)
    paris = week_slots(parse_availability("mon-fri 18:00-21:00"), "Europe/Paris", origin)
    new_york = week_slots(parse_availability("mon-fri 12:00-15:00"), "America/New_York", origin)
    assert paris == new_york
    assert paris.bit_count() == 5 * 6


def test_the_proposed_time_is_the_first_shared_hour_after_the_lead() -> None:
    origin = week_start(TUESDAY)
    evenings = week_slots(parse_availability("mon-fri 18:00-21:00"), "UTC", origin)
    assert propose_time(evenings, TUESDAY, timedelta(hours=4)) == datetime(
        2026, 12, 1, 18, tzinfo=UTC
    )
    late = TUESDAY.replace(hour=17)
    assert propose_time(evenings, late, timedelta(hours=4)) == datetime(2026, 12, 2, 18, tzinfo=UTC)


def test_no_shared_hour_proposes_nothing() -> None:
    assert propose_time(0, TUESDAY, timedelta(hours=4)) is None


def test_a_time_is_shown_in_the_members_own_zone() -> None:
    moment = datetime(2026, 12, 3, 17, tzinfo=UTC)
    assert local_label(moment, "Europe/Paris") == "Thu 3 Dec, 18:00 (Europe/Paris)"
    assert local_label(moment, "America/New_York") == "Thu 3 Dec, 12:00 (America/New_York)"
