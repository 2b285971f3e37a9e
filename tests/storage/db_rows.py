"""Fill a database through the hub the way a community uses it, and read every table back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - registers every table on SQLModel.metadata
from bot.app.hub import Hub
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard import flow as leaderboard_flow
from tests.features.mock import flow as mock_flow
from tests.features.story import flow as story_flow
from tests.features.suggestions import flow as suggestion_flow

ADMIN = actor("boss", admin=True)


def fill(hub: Hub, clock: FakeClock) -> None:
    """Use every feature for two days: sprint posts, answers, practice, stories, offers, mocks."""
    clock.set(datetime(2027, 2, 10, 9, 0, tzinfo=UTC))  # February's top 3 hold a role in March
    leaderboard_flow.give(hub, "u9", 5)
    hub.command_text(ADMIN, "roles", 'set top3:yes role:"Top 3"')
    clock.set(datetime(2027, 3, 14, 9, 0, tzinfo=UTC))  # a story that waits: offered on the 16th
    hub.command_text(actor("u8"), "profile", "set reviewer:on")
    story_flow.write(hub, "u7", title="Waited two days for its reviews")
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", "start Spring start:2027-03-15 weeks:1 timezone:UTC")
    hub.command_text(actor("u1"), "practice", "daily at:07:30 timezone:UTC")
    hub.command_text(actor("u1"), "prep", "start date:2027-04-20 role:MLE rounds:bar_raiser")
    lp_channel = actor("boss", admin=True, channel="lp")
    hub.command_text(lp_channel, "question", "schedule time:08:00 timezone:UTC track:lp")
    runner = JobRunner(hub.engine, clock, {"console": FakeMessenger()})
    for day in (15, 16):  # Monday's post; Tuesday's reveal, post and practice message
        clock.set(datetime(2027, 3, day, 9, 0, tzinfo=UTC))
        asyncio.run(runner.tick())
        for who in ("u1", "u2"):
            answer(hub, who, f"{who}'s answer on the {day}th: a hash map, O(n).")
    story_flow.write(hub, "u1")
    story_flow.review(hub, "u2")
    hub.command_text(ADMIN, "story", "settings reviews:1")
    hub.command_text(ADMIN, "admin", "limits rate:30 stories:40")
    mock_flow.pair(hub, "u3", "u4")
    mock_flow.pair(hub, "u5", "u6")
    clock.advance(days=1)  # `/mock done` and no-show reports open at the proposed time
    mock_flow.done(hub, "u3")
    mock_flow.mock(hub, "u5", "noshow")
    mock_flow.mock(hub, "boss", "settings odd:wait", admin=True)
    mock_flow.mock(hub, "boss", "round round:phone_screen", admin=True)
    suggestion_flow.suggest(hub, "u2")
    hub.command_text(ADMIN, "dashboard", "public on:yes")  # the web board, and one who left it
    hub.command_text(actor("u6"), "profile", "board on:no")


def answer(hub: Hub, who: str, text: str) -> None:
    """Open today's question, answer it and rate it."""
    shown = hub.command_text(actor(who), "question", "")
    buttons = {b.label: b for b in shown.messages[0].card.buttons}
    opened = hub.press(actor(who), buttons["Answer"].action, buttons["Answer"].value)
    assert opened.modal is not None
    hub.submit(actor(who), opened.modal.action, opened.modal.value, {"answer": text})
    hub.press(actor(who), buttons["Partial"].action, buttons["Partial"].value)


def dump(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every PrepLoop table, in primary-key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                dict(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in SQLModel.metadata.sorted_tables
        }
