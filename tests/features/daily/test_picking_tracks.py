"""A channel walks through its track: every question once, then round again, never soon."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from bot.app.registry import UserError
from bot.bank.live import Candidate
from bot.features.daily.picking import pick_from_track
from bot.tracks import Track, TrackDay, TrackFilter

BANK = [
    Candidate("c1", "coding", "easy"),
    Candidate("c2", "coding", "hard"),
    Candidate("m1", "applied_ml", "medium"),
    Candidate("l1", "leadership", "medium"),
    Candidate("l2", "leadership", "easy"),
]
MONDAY = date(2026, 12, 7)
ALL = Track(id="all", name="Everything", description="Every question we have.")
LP = Track(
    id="lp",
    name="LP only",
    description="Leadership only, please.",
    filter=TrackFilter(categories=["leadership"]),
)


def _pick(track: Track, history: list[tuple[str, date]], day: date = MONDAY, **kw: object):  # type: ignore[no-untyped-def]
    return pick_from_track(BANK, history, track, day, random.Random(1), **kw)  # type: ignore[arg-type]


def test_a_track_only_asks_its_own_questions() -> None:
    assert _pick(LP, []).question_id in ("l1", "l2")
    assert _pick(LP, [("l1", MONDAY - timedelta(days=1))]).question_id == "l2"


def test_the_weekdays_rotation_comes_first() -> None:
    coding_mondays = Track(
        id="mix",
        name="Mixed",
        description="Coding on Mondays.",
        rotation={"mon": TrackDay(category="coding")},
    )
    assert _pick(coding_mondays, []).question_id in ("c1", "c2")
    spent = [("c1", MONDAY - timedelta(days=9)), ("c2", MONDAY - timedelta(days=8))]
    assert _pick(coding_mondays, spent).question_id not in ("c1", "c2")  # widened, not repeated


def test_a_spent_track_starts_over_from_the_question_asked_longest_ago() -> None:
    history = [("l2", MONDAY - timedelta(days=40)), ("l1", MONDAY - timedelta(days=35))]
    pick = _pick(LP, history)
    assert (pick.question_id, pick.restarted) == ("l2", True)


def test_after_starting_over_the_round_continues_without_a_second_notice() -> None:
    history = [
        ("l2", MONDAY - timedelta(days=40)),
        ("l1", MONDAY - timedelta(days=35)),
        ("l2", MONDAY - timedelta(days=1)),
    ]
    pick = _pick(LP, history, cycle_start=MONDAY - timedelta(days=1))
    assert (pick.question_id, pick.restarted) == ("l1", False)


def test_no_question_comes_back_within_30_days_while_another_remains() -> None:
    rotation = {"mon": TrackDay(category="coding")}
    track = Track(id="mix", name="Mixed", description="Coding on Mondays.", rotation=rotation)
    history = [
        ("m1", MONDAY - timedelta(days=60)),
        ("l1", MONDAY - timedelta(days=59)),
        ("l2", MONDAY - timedelta(days=58)),
        ("c1", MONDAY - timedelta(days=20)),  # Monday's coding questions were asked lately
        ("c2", MONDAY - timedelta(days=13)),
    ]
    pick = _pick(track, history)
    assert pick.restarted
    assert pick.question_id == "m1"  # not a coding one from the last 30 days


def test_when_every_question_is_recent_the_oldest_comes_back() -> None:
    history = [("l1", MONDAY - timedelta(days=3)), ("l2", MONDAY - timedelta(days=2))]
    assert _pick(LP, history).question_id == "l1"


def test_skip_never_gives_the_same_question_back() -> None:
    assert _pick(LP, [], exclude="l1").question_id == "l2"


def test_an_empty_bank_is_a_clear_message() -> None:
    with pytest.raises(UserError, match="The question bank is empty"):
        pick_from_track([], [], LP, MONDAY, random.Random(1))


def test_a_track_never_asks_another_communitys_own_question() -> None:
    theirs = Candidate("c2.secret", "leadership", "easy", community_id=2)
    ours = Candidate("c1.ours", "leadership", "easy", community_id=1)
    bank = [theirs, ours]
    picks = {
        pick_from_track(bank, [], LP, MONDAY, random.Random(seed), community_id=1).question_id
        for seed in range(20)
    }
    assert picks == {"c1.ours"}
