"""What an admin and a member read on Slack about time zones, pauses, parsing and post-now."""

from __future__ import annotations

from tests.adapters.slack.conftest import ADMIN, Workspace, buttons, texts


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
