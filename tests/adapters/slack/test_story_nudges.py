"""Story nudges through the real bolt app: an offer by DM, Take it, the reminder, the line."""

from __future__ import annotations

from datetime import timedelta

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import Workspace, buttons, texts
from tests.adapters.slack.fake_slack import CHANNEL, view_submission
from tests.fakes import FakeClock
from tests.features.story.flow import GOOD


async def _write(slack: Workspace, user: str) -> None:
    await slack.command("new principle:ownership", user=user, command="/story")
    view = dict((await slack.fake.wait_for("views.open"))[-1]["view"])
    await slack.dispatch(view_submission(view, GOOD, user=user))
    await slack.fake.wait_for("chat.postEphemeral")


async def test_a_waiting_story_is_offered_by_dm_and_taken_and_its_reviewer_reminded(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await slack.command("set reviewer:on", user="U2", command="/profile")
    await slack.command("set reviewer:off", user="U3", command="/profile")
    await slack.fake.wait_responses(2)
    await _write(slack, "U1")
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})
    start = clock.now()
    clock.set(start + timedelta(hours=48))
    for _ in range(3):
        await runner.tick()
    [offer] = slack.fake.channel("DU2")
    assert "A story is waiting for you: Fixed the flaky ranking pipeline" in texts(offer)
    assert slack.fake.channel("DU1") == [] and slack.fake.channel("DU3") == []
    take = buttons(offer)["Take it"]
    before = len(slack.fake.responses)
    await slack.press(take["action_id"], take["value"], user="U2")
    shown = "\n".join(texts(m) for m in await slack.fake.wait_responses(before + 2))
    assert "Review this story: Fixed the flaky ranking pipeline" in shown

    clock.set(start + timedelta(hours=72))
    for _ in range(3):
        await runner.tick()
    reminder = slack.fake.channel("DU2")[-1]
    assert "Your review is waiting: Fixed the flaky ranking pipeline" in texts(reminder)
    assert "the story goes back to waiting" in texts(reminder)
    assert set(buttons(reminder)) == {"Write review", "Hand it back"}


async def test_a_running_sprints_channel_hears_how_many_stories_wait(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await slack.start_sprint(clock)
    await _write(slack, "U1")
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})
    clock.set(clock.now() + timedelta(days=1, hours=2))  # Monday 14:00 in the sprint's zone
    for _ in range(2):
        await runner.tick()
    lines = [m for m in slack.fake.channel(CHANNEL) if "waiting for review" in texts(m)]
    [line] = lines
    assert "1 story is waiting for review - /story review" in texts(line)
    assert "<!" not in str(line)


async def test_a_hostile_title_in_an_offer_pings_nobody(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await slack.command("set reviewer:on", user="U2", command="/profile")
    await slack.fake.wait_responses()
    await slack.command("new principle:ownership", user="U1", command="/story")
    view = dict((await slack.fake.wait_for("views.open"))[-1]["view"])
    hostile = {**GOOD, "title": "<!channel> @everyone <@U3> *bold*"}
    await slack.dispatch(view_submission(view, hostile, user="U1"))
    await slack.fake.wait_for("chat.postEphemeral")
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})
    clock.set(clock.now() + timedelta(hours=48))
    for _ in range(3):
        await runner.tick()
    [offer] = slack.fake.channel("DU2")
    assert "<!channel>" not in str(offer) and "<@U3>" not in str(offer)
    assert "&lt;!channel&gt;" in texts(offer)
