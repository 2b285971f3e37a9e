"""The per-member rate limit through the real discord.py client: one friendly word, a minute."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import ALICE, BOB, Harness, callbacks, logged_in
from tests.fakes import FakeClock

TOO_FAST = "You're going a bit fast. Try again in 3 seconds."


@pytest.fixture
async def limited(api: FakeDiscord, limited_hub: Hub, settings: Settings) -> AsyncIterator[Harness]:
    """The bot over the hub as production builds it (20 a minute per member)."""
    client = await logged_in(limited_hub, settings)
    yield Harness(api, client)
    await client.close()


def _said(response: dict[str, Any]) -> str:
    data = response.get("data") or {}
    shown = [str(data.get("content") or "")]
    for embed in data.get("embeds", []):
        shown += [str(embed.get("title", "")), str(embed.get("description", ""))]
        shown += [str(field.get("value", "")) for field in embed.get("fields", [])]
    return "\n".join(shown)


async def _mine(app: Harness, count: int, member: Any = BOB) -> list[str]:
    """Run `/story mine` `count` times; return what each answer said."""
    said = []
    for _ in range(count):
        [response] = callbacks(await app.slash("story", "mine", member=member))
        said.append(_said(response))
    return said


async def test_the_21st_command_gets_the_friendly_word_and_a_minute_later_it_works(
    limited: Harness, clock: FakeClock
) -> None:
    said = await _mine(limited, 21)
    assert not any(TOO_FAST in s for s in said[:20])
    assert TOO_FAST in said[20]
    clock.advance(minutes=1)
    [later] = await _mine(limited, 1)
    assert "going a bit fast" not in later


async def test_presses_after_the_friendly_word_are_acknowledged_silently(
    limited: Harness,
) -> None:
    await limited.slash("question", "today")
    question = limited.latest()
    await _mine(limited, 19)
    first = callbacks(await limited.press(question, "Hint"))
    assert [TOO_FAST in _said(r) for r in first] == [True]
    for _ in range(3):
        [quiet] = callbacks(await limited.press(question, "Hint"))
        assert quiet["type"] == 6  # DEFERRED_UPDATE_MESSAGE: answered, nothing shown
        assert not quiet.get("data")


async def test_a_server_manager_is_not_limited(limited: Harness) -> None:
    said = await _mine(limited, 25, member=ALICE)
    assert not any("going a bit fast" in s for s in said)


async def test_a_member_cannot_change_the_limits(limited: Harness) -> None:
    [refused] = callbacks(await limited.slash("admin", "limits", member=BOB, rate=600))
    assert "Only community admins can use that command." in _said(refused)
    said = await _mine(limited, 21)
    assert TOO_FAST in said[-1]


async def test_a_server_manager_raises_the_rate(limited: Harness) -> None:
    [changed] = callbacks(await limited.slash("admin", "limits", member=ALICE, rate=30))
    assert "30 a minute per member" in _said(changed)
    said = await _mine(limited, 22)
    assert not any("going a bit fast" in s for s in said)
