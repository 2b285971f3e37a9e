"""After a mock, through the real bolt app: nudge, feedback, Helpful once, history, rematch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import Workspace, buttons, texts
from tests.adapters.slack.fake_slack import view_submission
from tests.fakes import FakeClock
from tests.features.mock.flow import FEEDBACK, STARTS, points


def _runner(hub: Hub, clock: FakeClock, settings: Settings) -> JobRunner:
    return JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(settings))})


def _letters(slack: Workspace, title: str) -> list[dict[str, Any]]:
    return [c for c in slack.fake.of("chat.postMessage") if title in texts(c)]


async def _press(slack: Workspace, message: dict[str, Any], label: str, user: str) -> str:
    """Press a button; return the text of the private answer it brings."""
    answered = len(slack.fake.responses)
    pressed = buttons(message)[label]
    await slack.press(pressed["action_id"], pressed["value"], user=user)
    return texts((await slack.fake.wait_responses(answered + 1))[-1])


async def _agreed(slack: Workspace) -> None:
    """Pair U1 and U2 and have both accept the proposed time, so the mock is confirmed."""
    await slack.pair_for_a_mock()
    [first, second] = [
        next(c for c in _letters(slack, "You have a mock interview partner") if c["channel"] == dm)
        for dm in ("DU1", "DU2")
    ]
    assert "Accepted" in await _press(slack, first, "Accept", "U1")
    posted = len(slack.fake.of("chat.postMessage"))
    pressed = buttons(second)["Accept"]
    await slack.press(pressed["action_id"], pressed["value"], user="U2")
    await slack.fake.wait_for("chat.postMessage", posted + 2)  # both are sent the confirmation


async def test_nudge_then_feedback_then_helpful_once_then_history(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await _agreed(slack)
    runner = _runner(hub, clock, slack_settings)
    clock.set(STARTS + timedelta(hours=2))
    await runner.tick()
    nudges = _letters(slack, "How did your mock go?")
    assert len(nudges) == 2
    await runner.tick()
    assert len(_letters(slack, "How did your mock go?")) == 2

    to_bob = next(n for n in nudges if "with @U1" in texts(n))
    assert "on Tue 1 Dec, 12:00 (America/New_York) go?" in texts(to_bob)
    opened = buttons(to_bob)["Give feedback"]
    await slack.press(opened["action_id"], opened["value"], user="U2")
    view = dict((await slack.fake.wait_for("views.open"))[-1]["view"])
    assert view["title"]["text"] == "Feedback: Coding"
    values = {"s0": "4", "s1": "3", "s2": "3", "s3": "2", "comment": FEEDBACK}
    sent = len(slack.fake.of("chat.postMessage"))
    await slack.dispatch(view_submission(view, values, user="U2"))
    await slack.fake.wait_for("chat.postMessage", sent + 1)
    [letter] = _letters(slack, "Feedback from your mock interview")

    before = points(hub, "U2")
    assert "They get +5 points." in await _press(slack, letter, "Helpful", "U1")
    await slack.fake.wait_for("chat.postMessage", sent + 2)
    assert len(_letters(slack, "Your feedback helped")) == 1
    again = await _press(slack, letter, "Helpful", "U1")
    assert "You already marked this feedback helpful. Thanks!" in again
    assert points(hub, "U2") - before == 5

    answered = len(slack.fake.responses)
    await slack.command("history", user="U1", command="/mock")
    shown = texts((await slack.fake.wait_responses(answered + 1))[-1])
    assert "Your mock feedback" in shown
    assert "Average: Problem solving 4.0" in shown and "marked helpful" in shown


async def test_did_you_meet_no_partner_did_not_come_puts_the_member_first_in_line(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await _agreed(slack)
    clock.set(STARTS + timedelta(hours=48))
    await _runner(hub, clock, slack_settings).tick()
    asked = next(c for c in _letters(slack, "Did you meet?") if "with @U2" in texts(c))
    answered = len(slack.fake.responses)
    pressed = buttons(asked)["No, we didn't meet"]
    await slack.press(pressed["action_id"], pressed["value"], user="U1")
    why = (await slack.fake.wait_responses(answered + 1))[-1]
    assert "What happened?" in texts(why)
    sorry = await _press(slack, why, "My partner didn't come", "U1")
    assert "Sorry your partner didn't come to your mock interview." in sorry
    assert _letters(slack, "Back in the mock queue, first in line")
    answered = len(slack.fake.responses)
    await slack.command("status", user="U1", command="/mock")
    assert "You are first in line." in texts((await slack.fake.wait_responses(answered + 1))[-1])
