"""A button in a direct message works only for someone still in the server it belongs to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.adapters.discord import respond
from bot.app.hub import Hub
from bot.config import Settings
from bot.features.mock.tables import MockFeedback, MockSeat
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    GUILD,
    Harness,
    Member,
    callbacks,
    in_direct_messages,
    logged_in,
)
from tests.fakes import FakeClock
from tests.features.story.flow import COMMENTS, GOOD, points_of

EVENINGS = "mon-fri 18:00-21:00"
GONE = "You're no longer in {}, so this button no longer works."


@pytest.fixture
async def members_app(api: FakeDiscord, hub: Hub, settings: Settings) -> AsyncIterator[Harness]:
    """The bot with DISCORD_MEMBERS_INTENT on, so Discord tells it when a member leaves."""
    client = await logged_in(hub, settings.model_copy(update={"discord_members_intent": True}))
    yield Harness(api, client)
    await client.close()


async def _paired(app: Harness) -> dict[str, Any]:
    """Pair Alice and Bob; return Bob's DM that carries the "Give feedback" button."""
    for member, line in ((ALICE, "onsite_coding"), (BOB, "ml_depth")):
        profile = {"role": "MLE", "level": "mle2", "timezone": "Europe/Paris"}
        await app.slash("profile", "set", member=member, availability=EVENINGS, **profile)
        await app.slash("mock", "request", member=member, round=line)
    app.client.hub.clock.advance(days=2)  # type: ignore[attr-defined]  # feedback opens then
    return app.dms_to(BOB)[0]


async def _press_in_dm(
    app: Harness, message: dict[str, Any], member: Member, label: str = "Give feedback"
) -> dict[str, Any]:
    press = app.press_payload(message, label, member)
    [answer] = callbacks(await app.feed(in_direct_messages(press, member, message["channel_id"])))
    return answer


def _said(answer: dict[str, Any]) -> str:
    return str(answer["data"]["embeds"][0]["description"])


def _seats_done(hub: Hub) -> list[str]:
    with Session(hub.engine) as session:
        return [seat.status for seat in session.exec(select(MockSeat))]


@pytest.mark.parametrize("label", ["Give feedback", "Partner didn't show"])
async def test_a_member_who_left_the_server_is_told_the_button_no_longer_works(
    discord_app: Harness, hub: Hub, label: str
) -> None:
    dm = await _paired(discord_app)
    discord_app.api.gone.add(BOB.id)
    answer = await _press_in_dm(discord_app, dm, BOB, label)
    assert answer["type"] == 4  # a message, not the feedback form
    assert _said(answer) == GONE.format("that server")
    assert answer["data"]["flags"] == 64
    assert _seats_done(hub) == ["active", "active"]
    with Session(hub.engine) as session:
        assert session.exec(select(MockFeedback)).all() == []


async def test_the_server_is_named_when_preploop_knows_its_name(discord_app: Harness) -> None:
    dm = await _paired(discord_app)
    inside = discord_app.slash_payload("mock", "status", BOB)
    inside["guild"]["name"] = "Study Hall"  # the name arrives with any command run in the server
    await discord_app.feed(inside)
    discord_app.api.gone.add(BOB.id)
    assert _said(await _press_in_dm(discord_app, dm, BOB)) == GONE.format("Study Hall")


async def test_a_member_still_in_the_server_gets_the_form(discord_app: Harness) -> None:
    dm = await _paired(discord_app)
    answer = await _press_in_dm(discord_app, dm, BOB)
    assert answer["type"] == 9  # MODAL
    assert [c.path for c in discord_app.api.member_lookups()] == [
        f"/guilds/{GUILD}/members/{BOB.id}"
    ]


async def test_discord_is_asked_again_only_after_five_minutes(
    discord_app: Harness, clock: FakeClock
) -> None:
    dm = await _paired(discord_app)
    await _press_in_dm(discord_app, dm, BOB)
    await _press_in_dm(discord_app, dm, BOB)
    assert len(discord_app.api.member_lookups()) == 1
    discord_app.api.gone.add(BOB.id)
    clock.advance(minutes=5, seconds=1)
    assert _said(await _press_in_dm(discord_app, dm, BOB)) == GONE.format("that server")
    assert len(discord_app.api.member_lookups()) == 2


async def test_with_the_members_intent_a_member_who_left_is_refused_at_once(
    members_app: Harness,
) -> None:
    dm = await _paired(members_app)
    await _press_in_dm(members_app, dm, BOB)
    await members_app.leave(BOB)
    assert _said(await _press_in_dm(members_app, dm, BOB)) == GONE.format("that server")
    assert len(members_app.api.member_lookups()) == 1


async def test_a_failed_lookup_lets_the_press_through(discord_app: Harness) -> None:
    dm = await _paired(discord_app)
    discord_app.api.member_lookup_status = 500
    assert (await _press_in_dm(discord_app, dm, BOB))["type"] == 9  # MODAL


async def test_a_former_members_helpful_mark_gives_no_points(
    discord_app: Harness, hub: Hub
) -> None:
    [opened] = callbacks(await discord_app.slash("story", "new", member=BOB, principle="ownership"))
    await discord_app.submit(opened["data"], member=BOB, **GOOD)
    await discord_app.slash("story", "review", member=ALICE)
    await discord_app.press(discord_app.latest(), "Take it", member=ALICE)
    [form] = callbacks(await discord_app.press(discord_app.latest(), "Write review", member=ALICE))
    await discord_app.submit(form["data"], member=ALICE, scores="3 4 3 4 3", comments=COMMENTS)
    before = points_of(hub, ALICE.id, community=GUILD)
    [letter] = discord_app.dms_to(BOB)
    discord_app.api.gone.add(BOB.id)
    answer = await _press_in_dm(discord_app, letter, BOB, "Helpful")
    assert _said(answer) == GONE.format("that server")
    assert points_of(hub, ALICE.id, community=GUILD) == before


async def test_a_slow_lookup_counts_against_the_time_to_answer(
    discord_app: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    dm = await _paired(discord_app)
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.3)
    discord_app.api.member_lookup_delay = 0.4
    answer = await _press_in_dm(discord_app, dm, BOB)
    assert answer == {"type": 5, "data": {"flags": 64}}  # deferred at once, not after 0.3 s more
