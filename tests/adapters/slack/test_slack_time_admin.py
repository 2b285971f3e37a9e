"""What an admin and a member read on Slack about time zones, pauses, parsing and post-now."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.adapters.slack.conftest import ADMIN, Workspace, buttons, texts
from tests.fakes import FakeClock


async def test_a_sprint_in_cet_is_refused_with_the_city_zone_to_use(slack: Workspace) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("start Prep timezone:CET", user=ADMIN, command="/sprint")
    [refused] = await slack.fake.wait_responses()
    assert refused["response_type"] == "ephemeral"
    assert "I don't know the time zone “CET”. Did you mean Europe/Berlin?" in texts(refused)


async def test_practice_daily_refuses_localtime_like_every_command(slack: Workspace) -> None:
    await slack.command("daily at:08:00 timezone:localtime", command="/practice")
    [refused] = await slack.fake.wait_responses()
    assert "I don't know the time zone “localtime”. Use a place's name" in texts(refused)


async def test_a_sprint_name_of_several_words_without_quotes_is_told_to_use_them(
    slack: Workspace,
) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("start name:December Loop Prep", user=ADMIN, command="/sprint")
    [refused] = await slack.fake.wait_responses()
    assert 'A value of several words needs quotes: `name:"December Loop Prep"`' in texts(refused)


async def test_an_unknown_profile_option_is_named(slack: Workspace) -> None:
    await slack.command("set unknown:1", command="/profile")
    [refused] = await slack.fake.wait_responses()
    assert "`/profile set` has no option `unknown`." in texts(refused)


async def test_a_second_post_now_answers_the_admin_alone_and_posts_once(slack: Workspace) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("post-now", user=ADMIN)
    await slack.fake.wait_for("chat.postMessage")
    await slack.command("post-now", user=ADMIN)
    [answer] = await slack.fake.wait_responses()
    assert answer["response_type"] == "ephemeral"
    assert "Today's question is already posted here" in texts(answer)
    assert "was posted on Tue 1 Dec, 09:00 (UTC). Nothing was posted again." in texts(answer)
    assert "Post it again" in buttons(answer)
    assert len(slack.fake.of("chat.postMessage")) == 1


async def test_a_paused_sprint_shows_since_when_and_then_how_far_the_end_moved(
    slack: Workspace, clock: FakeClock
) -> None:
    await slack.start_sprint(clock)
    clock.set(datetime(2026, 12, 8, 12, tzinfo=UTC))
    for step, command in enumerate(["pause", "status"], start=1):
        await slack.command(command, user=ADMIN, command="/sprint")
        await slack.fake.wait_responses(step)
    assert "paused since Wed 9 Dec" in texts(slack.fake.responses[-1])
    clock.set(datetime(2026, 12, 11, 8, tzinfo=UTC))
    for step, command in enumerate(["resume", "status"], start=3):
        await slack.command(command, user=ADMIN, command="/sprint")
        await slack.fake.wait_responses(step)
    assert "The next question posts Fri 11 Dec at 09:00 UTC" in texts(slack.fake.responses[-2])
    assert "Tue 5 Jan (moved 2 days by the pause)" in texts(slack.fake.responses[-1])
