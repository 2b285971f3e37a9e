"""Peer mock interviews paired by target role: requests, rounds, pairings, feedback."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.mock import (
    admin,
    dispute,
    expiry,
    feedback,
    forget,
    noshow,
    profile,
    queue,
    rounds,
    scheduled,
    space,
    tables,
    time_answers,
    time_scheduled,
    wait,
)
from bot.features.mock.store.time_table import MockTime

MOCK = Feature(
    "mock",
    # In the order their commands appear in `/help`.
    routes=(
        profile.ROUTES,
        queue.ROUTES,
        feedback.ROUTES,
        noshow.ROUTES,
        dispute.ROUTES,
        expiry.ROUTES,
        rounds.ROUTES,
        admin.ROUTES,
        time_answers.ROUTES,
    ),
    finders=(*scheduled.FINDERS, wait.find_waits, *time_scheduled.FINDERS, *space.FINDERS),
    kinds=(*scheduled.KINDS, *wait.KINDS, *time_scheduled.KINDS, *space.KINDS),
    forget=forget.forget,
    member_left=feedback.member_left,
    tables=(
        tables.MockProfile,
        tables.MockRequest,
        tables.MockRound,
        tables.MockPairing,
        tables.MockSeat,
        tables.MockFeedback,
        tables.MockSettings,
        tables.MockNoShow,
        MockTime,
    ),
)
