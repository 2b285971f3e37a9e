"""`/mock` through the real bolt app: profiles, an instant pairing, the invite, feedback by DM."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import ALICE, BOB, Workspace, buttons, texts
from tests.adapters.slack.fake_slack import view_submission
from tests.fakes import FakeClock
from tests.features.mock.flow import FEEDBACK, STARTS

PAIR_STEPS = [
    (ALICE, "U1", "/profile"),
    ("request round:onsite_coding", "U1", "/mock"),
    (BOB, "U2", "/profile"),
    ("request round:ml_depth", "U2", "/mock"),
]


def _shown(calls: list[Any]) -> str:
    return "\n".join(texts(call) for call in calls)


async def test_two_members_are_paired_by_dm_with_an_invite_and_feedback_reaches_the_partner(
    slack: Workspace, clock: FakeClock
) -> None:
    for count, (text, user, command) in enumerate(PAIR_STEPS, start=1):
        await slack.command(text, user=user, command=command)
        await slack.fake.wait_responses(count)  # one step at a time, as people type
    responses = _shown(slack.fake.responses)
    assert "Your mock profile is saved." in responses
    assert "You are in the mock queue." in responses
    assert "You have a partner!" in responses

    letters = await slack.fake.wait_for("chat.postMessage", 4)
    shown = _shown(letters)
    assert "You have a mock interview partner" in shown
    assert "Proposed time" in shown and "Tue 1 Dec, 18:00 (Europe/Paris)" in shown
    assert "Interviewer packet: ML depth" in shown
    assert "You are paired with @U2" in shown
    assert {c["users"] for c in slack.fake.of("conversations.open")} == {"U1", "U2"}
    await slack.fake.wait_for("files.completeUploadExternal", 2)
    assert any(b"BEGIN:VCALENDAR" in upload for upload in slack.fake.uploads)

    clock.set(STARTS)
    await slack.command("done", user="U2", command="/mock")
    view = dict((await slack.fake.wait_for("views.open"))[-1]["view"])
    assert view["title"]["text"] == "Feedback: Coding"
    assert len(view["blocks"]) == 5
    values = {"s0": "4", "s1": "3", "s2": "3", "s3": "2", "comment": FEEDBACK}
    await slack.dispatch(view_submission(view, values, user="U2"))
    letter = (await slack.fake.wait_for("chat.postMessage", 5))[-1]
    assert "Feedback from your mock interview" in texts(letter)
    assert slack.fake.of("conversations.open")[-1]["users"] == "U1"


async def test_a_bad_window_is_refused_privately(slack: Workspace) -> None:
    await slack.command(ALICE, user="U1", command="/profile")
    await slack.command(
        'request round:ml_depth window:"sat 14:00-10:00"', user="U1", command="/mock"
    )
    responses = _shown(await slack.fake.wait_responses(2))
    assert "ends before it starts" in responses


async def test_a_stale_mock_asks_by_dm_whether_they_met_and_yes_opens_the_feedback_form(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    for count, (text, user, command) in enumerate(PAIR_STEPS, start=1):
        await slack.command(text, user=user, command=command)
        await slack.fake.wait_responses(count)
    await slack.fake.wait_for("chat.postMessage", 4)
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})
    clock.set(STARTS + timedelta(hours=48))
    assert await runner.tick() == 1
    asked = [c for c in slack.fake.of("chat.postMessage") if "Did you meet?" in texts(c)]
    assert len(asked) == 2
    yes = buttons(asked[-1])["Yes, give feedback"]
    await slack.press(yes["action_id"], yes["value"], user="U2")
    view = dict((await slack.fake.wait_for("views.open"))[-1]["view"])
    assert view["title"]["text"] == "Feedback: Coding"
