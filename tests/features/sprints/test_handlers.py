"""Admins run sprints with /sprint; members cannot."""

from __future__ import annotations

import pytest

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.cards import Visibility
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.leaderboard.flow import give
from tests.replies import reply_text

ADMIN = actor("boss", admin=True)


def test_an_admin_starts_a_sprint_and_the_channel_sees_its_plan(hub: Hub) -> None:
    reply = hub.command_text(
        ADMIN, "sprint", 'start "Winter prep" start:2026-12-07 time:08:30 timezone:Europe/Berlin'
    )
    assert reply.messages[0].visibility is Visibility.CHANNEL
    text = reply_text(reply)
    assert "Winter prep" in text
    assert "2026-12-07 to 2027-01-03 (4 weeks)" in text
    assert "08:30 Europe/Berlin" in text
    assert "Week 1: Arrays, hashing" in text


@pytest.mark.parametrize(("weeks", "shown"), [(1, "(1 week)"), (2, "(2 weeks)")])
def test_the_sprint_length_is_counted_in_words(hub: Hub, weeks: int, shown: str) -> None:
    reply = hub.command_text(ADMIN, "sprint", f"start Prep weeks:{weeks}")
    assert shown in reply_text(reply)


def test_a_member_cannot_start_a_sprint(hub: Hub) -> None:
    assert reply_text(hub.command_text(actor("u1"), "sprint", "start Nope")).strip() == ADMIN_ONLY


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("start:2026-11-01", "is in the past"),
        ("start:next-week", "takes a date like 2026-12-01"),
        ("timezone:Mars/Base", "I don't know the time zone “Mars/Base”. Use a place's name"),
        ("timezone:CET", "I don't know the time zone “CET”. Did you mean Europe/Berlin?"),
        ("timezone:localtime", "I don't know the time zone “localtime”."),
        ("weeks:20", "between 1 and 12"),
        ("time:25:00", "takes a time like 09:00"),
        ("template:mle-9-week", "must be one of: mle-4-week, mle-6-week"),
    ],
)
def test_bad_sprint_options_get_clear_messages(hub: Hub, options: str, message: str) -> None:
    assert message in reply_text(hub.command_text(ADMIN, "sprint", f"start Prep {options}"))


def test_a_channel_has_one_sprint_at_a_time(hub: Hub) -> None:
    hub.command_text(ADMIN, "sprint", "start First")
    again = reply_text(hub.command_text(ADMIN, "sprint", "start Second"))
    assert "This channel already has a sprint, First." in again.replace("**", "")
    other = hub.command_text(actor("boss", admin=True, channel="c2"), "sprint", "start Second")
    assert other.messages[0].visibility is Visibility.CHANNEL


def test_status_plan_pause_resume_and_end(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-02 weeks:6 template:mle-6-week")
    clock.advance(days=2)
    status = reply_text(hub.command_text(ADMIN, "sprint", "status"))
    assert "active · week 1 of 6" in status
    assert "09:00 UTC" in status
    plan = reply_text(hub.command_text(ADMIN, "sprint", "plan"))
    assert "`2026-12-03 thu`" in plan
    assert "mock round:" in plan
    assert "Paused" in reply_text(hub.command_text(ADMIN, "sprint", "pause"))
    assert "already paused" in reply_text(hub.command_text(ADMIN, "sprint", "pause"))
    assert "Resumed" in reply_text(hub.command_text(ADMIN, "sprint", "resume"))
    give(hub, "ann", 10)  # someone took part, so there is a recap to post
    ended = hub.command_text(ADMIN, "sprint", "end")
    assert ended.messages[0].visibility is Visibility.CHANNEL
    assert "Sprint recap: Prep" in reply_text(ended)
    assert "There is no sprint in this channel" in reply_text(
        hub.command_text(ADMIN, "sprint", "status")
    )


def test_a_sprint_name_is_shown_literally(hub: Hub) -> None:
    reply = hub.command_text(ADMIN, "sprint", 'start "@everyone <!channel> **x**"')
    title_and_text = reply.messages[0].card.text
    assert not isinstance(title_and_text, str)
    assert any(
        "@everyone" in part and type(part).__name__ == "UserText" for part in title_and_text.parts
    )


def test_skip_swaps_todays_question_until_someone_answers(hub: Hub) -> None:
    first = hub.command_text(ADMIN, "question", "").messages[0].card.title
    skipped = reply_text(hub.command_text(ADMIN, "question", "skip"))
    assert "Skipped. Today's question is now" in skipped
    second = hub.command_text(ADMIN, "question", "").messages[0].card
    assert second.title != first
    answer = second.buttons[0]
    opened = hub.press(ADMIN, answer.action, answer.value)
    assert opened.modal is not None
    hub.submit(ADMIN, opened.modal.action, opened.modal.value, {"answer": "my answer"})
    assert "already answered" in reply_text(hub.command_text(ADMIN, "question", "skip"))
