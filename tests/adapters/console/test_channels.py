"""`/channel` in the console: two channels of one community, each with its own schedule."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

CODING = "/question schedule time:09:00 timezone:UTC track:coding"
LP = "/question schedule time:10:00 timezone:UTC track:lp"


def test_a_tester_schedules_two_channels_and_lives_through_their_days(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/channel",
        "/channel coding",
        CODING,
        "/channel #lp",
        LP,
        "/time +2d brief",
        "/channel coding",
        "/question schedule",
        now="2026-12-06T12:00",
    )
    assert "You are typing in #study." in out
    assert "You are now typing in #coding; commands act on this channel." in out
    assert "  (#coding)\n┌ Question of the day: scheduled here" in out
    assert "  (#lp)\n┌ Question of the day: scheduled here" in out
    assert out.count("#coding · Question of the day: Two Sum") == 2
    assert out.count("#lp · Question of the day: Beyond your role") == 2
    # one question in each test track: the second day starts it over, and says so once
    assert out.count("#lp · This channel has been through every question of its track") == 1
    assert out.count("#coding · This channel has been through every question") == 1
    assert "Track: Coding only (`coding`)" in out


def test_a_channel_name_must_be_short_and_plain(tmp_path: Path) -> None:
    out = _console(tmp_path, "/channel <!everyone>", now="2026-12-06T12:00")
    assert "Name a channel with /channel NAME" in out
