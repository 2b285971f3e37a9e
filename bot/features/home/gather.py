"""Gather a member's home from the features that own each part, inside their community."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.app.context import Ctx
from bot.core.calendar import local_moment
from bot.core.cards import Text, UserText, rich
from bot.core.clock import local_date
from bot.core.home import STORIES_SHOWN, AdminHome, Home, NextMock
from bot.core.timezones import local_label
from bot.features.daily.api import todays_question
from bot.features.home.store import HomeStore
from bot.features.leaderboard.api import ALL_TIME, week_period
from bot.features.mock.api import UpcomingMock, time_buttons
from bot.features.sprints.api import live_status_card
from bot.features.story.api import story_lines


def gather_home(ctx: Ctx, channel_id: str = "") -> Home:
    """The caller's home; today's question is `channel_id`'s when it has one, else theirs."""
    store = ctx.store(HomeStore)
    member = ctx.member_id
    zone = member_zone(ctx)
    today = local_date(ctx.clock, zone)
    waiting = store.reviews_waiting(member)
    mock, now = store.next_mock(member), ctx.clock.now()
    return Home(
        name=ctx.member.display_name,
        rank=store.standing(member, ALL_TIME),
        week=store.standing(member, week_period(ctx.today())),
        streak=store.streak(member, today),
        question=todays_question(ctx, channel_id),
        practice_due=store.practice_due(member, today),
        mock=None if mock is None else NextMock(mock_text(mock, zone, now), time_buttons(mock)),
        reviews_held=waiting.held,
        reviews_open=waiting.open,
        stories=tuple(story_lines(ctx)[:STORIES_SHOWN]),
        admin=_admin(ctx, store, channel_id) if ctx.actor.is_admin else None,
    )


def member_zone(ctx: Ctx) -> str:
    """The member's own zone, else their community's: a home is private, like a DM."""
    return ctx.member.timezone or ctx.community.timezone


def mock_text(mock: UpcomingMock, zone: str, now: datetime) -> Text:
    """The next mock as a line: the round, the partners and the time, in the member's zone."""
    if mock.waiting:
        return f"{mock.round}, waiting for a partner (`/mock status`)"
    people: list[str] = []
    for index, name in enumerate(mock.partners):
        people += [" and " if index else " with ", UserText(name)]
    if mock.at is None:
        when = ", time to be agreed"
    elif (mock.at if mock.at.tzinfo else mock.at.replace(tzinfo=UTC)) < now:
        when = f", planned for {local_label(mock.at, zone)}: `/mock done` once you have met"
    elif mock.to_accept is not None:
        when = f", proposed for {local_label(mock.at, zone)}: accept it or pick another time"
    else:
        agreed = "confirmed" if mock.confirmed else "proposed"
        when = f", {agreed} for {local_label(mock.at, zone)}"
    return rich(mock.round, *people, when)


def _admin(ctx: Ctx, store: HomeStore, channel_id: str) -> AdminHome:
    today = ctx.today()
    monday = today - timedelta(days=today.weekday())
    since = local_moment(monday, time(0), ctx.community.timezone)
    return AdminHome(store.numbers(since), live_status_card(ctx, channel_id))
