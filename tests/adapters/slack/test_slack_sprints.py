"""Sprints, the scheduled daily loop and the leaderboard, end to end on Slack."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import ADMIN_ONLY, Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import ADMIN, CHANNEL, Workspace, buttons, texts
from tests.fakes import FakeClock


async def test_a_member_cannot_start_a_sprint(slack: Workspace) -> None:
    await slack.command("start Mine", user="U2", command="/sprint")
    [refusal] = await slack.fake.wait_responses()
    assert refusal["text"] == ADMIN_ONLY


async def test_the_scheduled_question_is_posted_answered_and_revealed_in_its_thread(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await slack.start_sprint(clock)
    runner = JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(slack_settings))})
    clock.set(datetime(2026, 12, 7, 9, tzinfo=UTC))
    assert await runner.tick() == 2  # the question, and the admin's digest (no news: not sent)
    posted = slack.fake.of("chat.postMessage")[-1]
    assert "Question of the day" in texts(posted)

    answer = buttons(posted)["Answer"]
    await slack.press(answer["action_id"], answer["value"], user="U2")
    [opened] = await slack.fake.wait_for("views.open")
    await slack.submit(dict(opened["view"]), "Use a hash map.", user="U2")
    confirmations = await slack.fake.wait_for("chat.postEphemeral")
    assert "+10 points" in texts(confirmations[-1])

    clock.set(datetime(2026, 12, 8, 8, 5, tzinfo=UTC))
    await runner.tick()
    reveal = slack.fake.of("chat.postMessage")[-1]
    assert "What a strong answer covers" in texts(reveal)
    assert reveal["thread_ts"]


async def test_the_leaderboard_and_profile_answer_privately(slack: Workspace) -> None:
    await slack.command("period:all", command="/leaderboard")
    [board] = await slack.fake.wait_responses()
    assert board["response_type"] == "ephemeral"
    assert "Leaderboard — all time" in texts(board)
    await slack.command("", command="/profile")
    profile = (await slack.fake.wait_responses(2))[-1]
    assert "Streak" in texts(profile)


async def test_a_self_rating_from_slack_schedules_practice(slack: Workspace) -> None:
    missed = buttons(await slack.todays_card())["Missed"]
    await slack.press(missed["action_id"], missed["value"])
    said = (await slack.fake.wait_responses(2))[-1]
    assert "comes back in /practice tomorrow" in texts(said)


async def test_members_on_equal_points_see_the_same_shared_rank_on_board_and_profile(
    slack: Workspace,
) -> None:
    for user in ("U1", "U2"):
        answer = buttons(await slack.todays_card(user))["Answer"]
        await slack.press(answer["action_id"], answer["value"], user=user)
        opened = await slack.fake.wait_for("views.open", 1 if user == "U1" else 2)
        await slack.submit(dict(opened[-1]["view"]), "Use a hash map.", user=user)
        await slack.fake.wait_for("chat.postEphemeral", 1 if user == "U1" else 2)
    seen = len(slack.fake.responses)
    await slack.command("period:all", user="U2", command="/leaderboard")
    board = texts((await slack.fake.wait_responses(seen + 1))[-1])
    assert "🥇 =1 u1 — 10 pts\n🥇 =1 u2 — 10 pts" in board
    assert "You: =1 with 10 pts" in board
    await slack.command("", user="U2", command="/profile")
    assert "10 (rank =1)" in texts((await slack.fake.wait_responses(seen + 2))[-1])


async def test_ending_a_sprint_nobody_took_part_in_posts_no_recap_and_says_so(
    slack: Workspace, clock: FakeClock
) -> None:
    await slack.start_sprint(clock)
    posted = len(slack.fake.of("chat.postMessage"))
    await slack.command("end", user=ADMIN, command="/sprint")
    [said] = await slack.fake.wait_responses()
    assert said["response_type"] == "ephemeral"
    assert "Ended Winter. Nobody took part, so there is no recap to post." in texts(said)
    assert len(slack.fake.of("chat.postMessage")) == posted


async def test_pressing_a_self_rating_twice_on_slack_says_the_same_days(slack: Workspace) -> None:
    nailed = buttons(await slack.todays_card())["Nailed it"]
    await slack.press(nailed["action_id"], nailed["value"])
    await slack.fake.wait_responses(2)
    await slack.press(nailed["action_id"], nailed["value"])
    first, second = (await slack.fake.wait_responses(3))[-2:]
    assert "comes back in /practice in 21 days" in texts(first)
    assert "comes back in /practice in 21 days" in texts(second)


def _reply_posts(hub: Hub, outcome: str) -> float:
    labels = {"platform": "slack", "outcome": outcome}
    return hub.metrics.registry.get_sample_value("preploop_reply_posts_total", labels) or 0.0


async def test_a_sprint_announcement_posted_from_a_command_is_counted_in_metrics(
    slack: Workspace, hub: Hub, clock: FakeClock
) -> None:
    await slack.start_sprint(clock)
    assert (_reply_posts(hub, "delivered"), _reply_posts(hub, "failed")) == (1, 0)
    await slack.command("end", user=ADMIN, command="/sprint")
    await slack.fake.wait_responses()
    slack.fake.broken[CHANNEL] = "channel_not_found"
    await slack.command("start Spring start:2026-12-14", user=ADMIN, command="/sprint")
    told = (await slack.fake.wait_responses(2))[-1]
    assert "I couldn't deliver that." in texts(told)
    assert (_reply_posts(hub, "delivered"), _reply_posts(hub, "failed")) == (1, 1)
