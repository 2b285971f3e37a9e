"""A small cohort on Slack: four days of a sprint across the EU clock change, through bolt.

The simulation in tests/scenario drives the hub directly; this is its check through the real
Slack adapter: the scheduler posts through SlackMessenger to the fake Slack, members answer by
pressing the buttons of the posts they received, and the invariants are read off what Slack
shows them.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import ADMIN, Workspace, buttons, texts
from tests.fakes import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
SPRINT = "start Autumn start:2026-10-19 weeks:2 timezone:Europe/Berlin"
MEMBERS = ("U1", "U2", "U3")  # U1 and U2 answer every day and tie; U3 every other day


async def _answer(slack: Workspace, post: dict[str, Any], user: str) -> None:
    """Press the post's Answer button and send the form, as the member would."""
    opened, said = len(slack.fake.of("views.open")), len(slack.fake.of("chat.postEphemeral"))
    answer = buttons(post)["Answer"]
    await slack.press(answer["action_id"], answer["value"], user=user)
    view = (await slack.fake.wait_for("views.open", opened + 1))[-1]["view"]
    await slack.submit(dict(view), f"{user}: a hash map from value to index.", user=user)
    await slack.fake.wait_for("chat.postEphemeral", said + 1)


async def _run_week(
    slack: Workspace, hub: Hub, clock: FakeClock, settings: Settings
) -> list[tuple[datetime, dict[str, Any]]]:
    """Run Friday to Monday tick by tick (15 minutes); return each channel post with its time."""
    clock.set(datetime(2026, 10, 18, 12, tzinfo=UTC))
    slack.fake.admins.add(ADMIN)
    await slack.command(SPRINT, user=ADMIN, command="/sprint")
    await slack.fake.wait_for("chat.postMessage")
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(settings))})
    posts: list[tuple[datetime, dict[str, Any]]] = []
    clock.set(datetime(2026, 10, 23, tzinfo=UTC))
    while clock.now() < datetime(2026, 10, 27, tzinfo=UTC):
        await runner.tick()
        for post in slack.fake.of("chat.postMessage")[1 + len(posts) :]:
            posts.append((clock.now(), post))
            if "Question of the day" in texts(post):
                day = len([p for _, p in posts if "Question of the day" in texts(p)])
                for user in MEMBERS[: 2 if day % 2 else 3]:
                    await _answer(slack, post, user)
        clock.advance(minutes=15)
    return posts


@pytest.fixture
async def week(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> list[tuple[datetime, dict[str, Any]]]:
    return await _run_week(slack, hub, clock, slack_settings)


KINDS = ("Question of the day", "What a strong answer covers", "Week of")
ALL_KINDS = (*KINDS, "Sprint recap", "Mock round closed", "Mock round")  # most specific first
MEDALS = {"🥇": "1", "🥈": "2", "🥉": "3"}


def _kind(post: dict[str, Any]) -> str:
    said = texts(post)
    return next((kind for kind in ALL_KINDS if kind in said), "")


async def test_every_scheduled_post_reaches_slack_once_at_nine_berlin_time_across_the_change(
    week: list[tuple[datetime, dict[str, Any]]],
) -> None:
    # Channel posts only: Monday's digests reach members by DM (channels "D…").
    posted = [(at, post) for at, post in week if not post["channel"].startswith("D")]
    days = Counter((_kind(post), at.astimezone(BERLIN).date()) for at, post in posted)
    questions = [at for at, post in posted if _kind(post) == "Question of the day"]
    assert [key for key, times in days.items() if times > 1] == []
    assert {kind for kind, _ in days} == {*KINDS, "Mock round", "Mock round closed"}
    assert {at.astimezone(BERLIN).hour for at in questions} == {9}
    assert {at.hour for at in questions} == {7, 8}  # 07:00 UTC in summer time, 08:00 in winter


def _number(pattern: str, text: str) -> str | None:
    found = re.search(pattern, text)
    return found[1] if found else None


def _board_rank(board: str, user: str) -> str | None:
    """The rank beside a member's row: its number, else its medal."""
    row = next(line for line in board.splitlines() if f"{user.lower()} —" in line)
    medal = next((rank for sign, rank in MEDALS.items() if sign in row), None)
    return _number(r"[#=](\d+)", row) or medal


async def _shown(slack: Workspace, user: str, command: str, text: str) -> str:
    count = len(slack.fake.responses) + 1
    await slack.command(text, user=user, command=command)
    return texts((await slack.fake.wait_responses(count))[-1])


async def test_each_members_rank_is_the_same_on_the_slack_board_their_you_line_and_profile(
    slack: Workspace, week: list[tuple[datetime, dict[str, Any]]]
) -> None:
    for user in MEMBERS:
        board = await _shown(slack, user, "/leaderboard", "period:all")
        profile = await _shown(slack, user, "/profile", "")
        shown = {
            "board": _board_rank(board, user),
            "you": _number(r"You: [#=](\d+)", board),
            "profile": _number(r"rank [#=](\d+)", profile),
        }
        assert len(set(shown.values())) == 1, (user, shown)
