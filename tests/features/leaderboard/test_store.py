"""The leaderboard store against a real database: ranks near the top live, deep ones by snapshot."""

from __future__ import annotations

import re

import pytest

from bot.app.context import open_ctx
from bot.app.hub import Hub
from bot.core.points import Reason
from bot.features.leaderboard import store
from bot.features.leaderboard.ledger import award
from bot.storage.uow import UnitOfWork
from tests.conftest import actor
from tests.replies import reply_text


def _give(hub: Hub, who: str, points: int) -> None:
    with UnitOfWork(hub.engine) as uow:
        ctx = open_ctx(uow.session, actor(who), hub.clock, "UTC")
        award(ctx, Reason.STORY_SUBMITTED, f"test:{who}:{points}", points=points)


def _rank(hub: Hub, who: str) -> str:
    return re.findall(
        r"Points: \d+ \(rank [#=]\d+\)", reply_text(hub.command_text(actor(who), "profile", ""))
    )[0]


def test_deep_ranks_from_the_snapshot_match_a_live_count_and_own_points_are_live(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "EXACT_RANKS", 2)  # everyone below the second is "deep"
    monkeypatch.setattr(store, "_snapshots", {})
    for who, points in (("m1", 80), ("m2", 70), ("m3", 50), ("m4", 50), ("m5", 20), ("m6", 10)):
        _give(hub, who, points)
    expected = {"m1": "#1", "m2": "#2", "m3": "=3", "m4": "=3", "m5": "#5", "m6": "#6"}
    for who, rank in expected.items():
        assert f"(rank {rank})" in _rank(hub, who), who
    assert store._snapshots  # the deep ones were ranked against the snapshot
    _give(hub, "m6", 45)  # 55 now: m6 sees their own climb at once
    assert _rank(hub, "m6") == "Points: 55 (rank #3)"
    _give(hub, "m5", 100)  # 120 now: to the top, counted live again
    assert _rank(hub, "m5") == "Points: 120 (rank #1)"
