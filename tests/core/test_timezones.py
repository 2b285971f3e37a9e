"""One rule for every time zone a member types: a place's IANA name, in any case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.cards import UserText, plain
from bot.core.timezones import ZoneError, canonical_zone, local_label


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        (" ASIA/KOLKATA ", "Asia/Kolkata"),
        ("america/new york", "America/New_York"),
        ("utc", "UTC"),
    ],
)
def test_a_place_zone_is_accepted_in_any_case_and_stored_as_iana_spells_it(
    typed: str, zone: str
) -> None:
    assert canonical_zone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("CET", "Did you mean Europe/Berlin?"),
        ("EST", "Did you mean America/New_York?"),
        ("pst", "Did you mean America/Los_Angeles?"),
        ("Etc/UTC", "Did you mean UTC?"),
        ("berlin", "Did you mean Europe/Berlin?"),
        ("new york", "Did you mean America/New_York?"),
        ("Europe/Berln", "Did you mean Europe/Berlin?"),
    ],
)
def test_a_near_miss_is_refused_with_the_zone_the_member_meant(typed: str, suggestion: str) -> None:
    with pytest.raises(ZoneError) as caught:
        canonical_zone(typed)
    assert suggestion in plain(caught.value.text)


@pytest.mark.parametrize(
    "typed", ["localtime", "Factory", "posixrules", "Etc/GMT+1", "Mars/Olympus", "../etc", ""]
)
def test_a_name_that_is_no_place_is_refused_with_examples(typed: str) -> None:
    with pytest.raises(ZoneError) as caught:
        canonical_zone(typed)
    assert plain(caught.value.text) == (
        f"I don't know the time zone “{typed}”. "
        "Use a place's name, like Europe/Berlin, America/New_York, Asia/Kolkata or UTC."
    )


def test_an_abbreviation_is_refused_with_the_reason() -> None:
    with pytest.raises(ZoneError) as caught:
        canonical_zone("CET")
    assert "An abbreviation names no place" in plain(caught.value.text)


def test_what_the_member_typed_is_shown_literally() -> None:
    with pytest.raises(ZoneError) as caught:
        canonical_zone("@everyone")
    member_text = [p for p in caught.value.text.parts if isinstance(p, UserText)]
    assert member_text == ["@everyone"]


SUNDAY_0800 = datetime(2026, 12, 13, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "zone", "shown"),
    [
        (SUNDAY_0800, "Europe/Berlin", "Sun 13 Dec, 09:00 (Europe/Berlin)"),
        (SUNDAY_0800.replace(tzinfo=None), "Asia/Kolkata", "Sun 13 Dec, 13:30 (Asia/Kolkata)"),
        (SUNDAY_0800, "America/New_York", "Sun 13 Dec, 03:00 (America/New_York)"),
    ],
)
def test_a_moment_is_shown_in_the_readers_zone(moment: datetime, zone: str, shown: str) -> None:
    assert local_label(moment, zone) == shown


def test_a_very_long_zone_is_refused_without_a_guess_and_shown_shortened() -> None:
    with pytest.raises(ZoneError) as caught:
        canonical_zone("x" * 3000 + "/Berlin")
    assert len(plain(caught.value.text)) < 200
    assert "Did you mean" not in plain(caught.value.text)
