"""The per-member rate limit through the real bolt app: one friendly word, then a minute."""

from __future__ import annotations

import pytest

from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.slack.conftest import ADMIN, Workspace, build, buttons, texts
from tests.adapters.slack.fake_slack import FakeSlack
from tests.fakes import FakeClock

TOO_FAST = "You're going a bit fast. Try again in 3 seconds."


@pytest.fixture
def limited(limited_hub: Hub, slack_settings: Settings, fake: FakeSlack) -> Workspace:
    """The bolt app over the hub as production builds it (20 a minute per member)."""
    return build(limited_hub, slack_settings, fake)


async def _commands(slack: Workspace, count: int, user: str = "U1") -> list[str]:
    """Run `/story mine` `count` times, one answer at a time; return what each answer said."""
    for _ in range(count):
        before = len(slack.fake.responses)
        await slack.command("mine", user=user, command="/story")
        await slack.fake.wait_responses(before + 1)
    return [texts(r) for r in slack.fake.responses[-count:]]


async def test_the_21st_command_gets_the_friendly_word_and_a_minute_later_it_works(
    limited: Workspace, clock: FakeClock
) -> None:
    said = await _commands(limited, 21)
    assert not any(TOO_FAST in s for s in said[:20])
    assert TOO_FAST in said[20]
    clock.advance(minutes=1)
    [later] = await _commands(limited, 1)
    assert TOO_FAST not in later
    assert "going a bit fast" not in later


async def test_presses_after_the_friendly_word_are_acknowledged_silently(
    limited: Workspace, clock: FakeClock
) -> None:
    hint = buttons(await limited.todays_card())["Hint"]
    await _commands(limited, 19)
    before = len(limited.fake.responses)
    for _ in range(4):
        await limited.press(hint["action_id"], hint["value"])
    [told] = (await limited.fake.wait_responses(before + 1))[before:]
    assert TOO_FAST in texts(told)
    clock.advance(minutes=1)
    [later] = await _commands(limited, 1)
    assert TOO_FAST not in later
    answers = limited.fake.responses[before:]
    assert [TOO_FAST in texts(r) for r in answers] == [True, False]  # the first refused press


async def test_a_workspace_admin_is_not_limited(limited: Workspace) -> None:
    limited.fake.admins.add(ADMIN)
    said = await _commands(limited, 25, user=ADMIN)
    assert not any(TOO_FAST in s for s in said)


async def test_a_member_cannot_change_the_limits(limited: Workspace) -> None:
    await limited.command("limits rate:600", user="U1", command="/admin")
    [refused] = await limited.fake.wait_responses(1)
    assert "Only community admins can use that command." in texts(refused)
    said = await _commands(limited, 21)
    assert TOO_FAST in said[-1]


async def test_an_admin_raises_the_rate_for_the_workspace(limited: Workspace) -> None:
    limited.fake.admins.add(ADMIN)
    await limited.command("limits rate:30", user=ADMIN, command="/admin")
    [changed] = await limited.fake.wait_responses(1)
    assert "30 a minute per member" in texts(changed)
    said = await _commands(limited, 22)
    assert not any("going a bit fast" in s for s in said)
