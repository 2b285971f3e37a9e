"""`/mock` through the real discord.py client: profiles, an instant pairing, feedback by DM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    EPHEMERAL,
    OWNER,
    Harness,
    callbacks,
    in_direct_messages,
    logged_in,
)
from tests.fakes import FakeClock
from tests.features.mock.flow import FEEDBACK, STARTS


@pytest.fixture
async def members_app(api: FakeDiscord, hub: Hub, settings: Settings) -> AsyncIterator[Harness]:
    """The bot with DISCORD_MEMBERS_INTENT on, so Discord tells it when a member leaves."""
    client = await logged_in(hub, settings.model_copy(update={"discord_members_intent": True}))
    yield Harness(api, client)
    await client.close()


def _titles(messages: list[dict[str, Any]]) -> list[str]:
    return [e.get("title", "") for m in messages for e in m.get("embeds", [])]


async def _profile(app: Harness, member: Any, zone: str, hours: str) -> dict[str, Any]:
    calls = await app.slash(
        "profile", "set", member=member, role="MLE", level="mle2", timezone=zone, availability=hours
    )
    [saved] = callbacks(calls)
    return saved


async def test_mock_and_profile_commands_are_synced_with_their_choices(
    discord_app: Harness,
) -> None:
    published = {c["name"]: c for c in discord_app.api.commands}
    mock = {o["name"]: o for o in published["mock"]["options"]}
    assert {"start", "request", "status", "cancel", "done", "noshow", "resume"} <= set(mock)
    rounds = next(o for o in mock["request"]["options"] if o["name"] == "round")
    assert {"name": "onsite_coding", "value": "onsite_coding"} in rounds["choices"]
    admin = {o["name"] for o in published["mock-admin"]["options"]}
    assert admin == {"round", "settings"}
    profile_set = next(o for o in published["profile"]["options"] if o["name"] == "set")
    assert [o["name"] for o in profile_set["options"]] == [
        "role",
        "level",
        "timezone",
        "availability",
        "reminders",
        "reviewer",
        "digest",
    ]


async def test_two_members_are_paired_by_dm_and_feedback_reaches_the_partner(
    discord_app: Harness, clock: FakeClock
) -> None:
    saved = await _profile(discord_app, ALICE, "Europe/Paris", "mon-fri 18:00-21:00")
    assert saved["data"]["flags"] == EPHEMERAL
    assert saved["data"]["embeds"][0]["title"] == "Your mock profile is saved."
    [queued] = callbacks(
        await discord_app.slash("mock", "request", member=ALICE, round="onsite_coding")
    )
    assert queued["data"]["embeds"][0]["title"] == "You are in the mock queue."

    await _profile(discord_app, BOB, "America/New_York", "mon-fri 12:00-15:00")
    [matched] = callbacks(await discord_app.slash("mock", "request", member=BOB, round="ml_depth"))
    assert matched["data"]["flags"] == EPHEMERAL
    assert matched["data"]["embeds"][0]["title"] == "You have a partner!"
    to_alice, to_bob = discord_app.dms_to(ALICE), discord_app.dms_to(BOB)
    assert _titles(to_alice)[0] == "You have a mock interview partner"
    assert _titles(to_alice)[1].startswith("Interviewer packet: ML depth")
    assert _titles(to_bob)[1].startswith("Interviewer packet: Onsite coding")
    announcement = to_alice[0]["embeds"][0]
    assert f"<@{BOB.id}>" in announcement["description"]
    fields = {f["name"]: f["value"] for f in announcement["fields"]}
    assert fields["Proposed time"] == "Tue 1 Dec, 18:00 (Europe/Paris)"
    # The DMs sent while answering Bob's command count in /metrics (not his own answer).
    counted = discord_app.client.hub.metrics.registry.get_sample_value(
        "preploop_reply_posts_total", {"platform": "discord", "outcome": "delivered"}
    )
    assert counted == len(to_alice) + len(to_bob)

    clock.set(STARTS)
    press = discord_app.press_payload(to_bob[0], "Give feedback", BOB)
    [opened] = callbacks(
        await discord_app.feed(in_direct_messages(press, BOB, to_bob[0]["channel_id"]))
    )
    assert opened["type"] == 9  # MODAL
    form = opened["data"]
    assert len(form["components"]) == 5
    assert form["title"] == "Feedback: Coding"
    calls = await discord_app.submit(
        form, member=BOB, s0="4", s1="3", s2="3", s3="2", comment=FEEDBACK
    )
    [thanks] = callbacks(calls)
    assert thanks["data"]["embeds"][0]["title"] == "Thanks for the feedback!"
    letter = discord_app.dms_to(ALICE)[-1]["embeds"][0]
    assert letter["title"] == "Feedback from your mock interview"
    assert letter["footer"]["text"] == "Only you see this feedback."


async def test_an_unknown_time_zone_is_refused_privately(discord_app: Harness) -> None:
    calls = await discord_app.slash(
        "profile", "set", member=BOB, role="MLE", level="mle1", timezone="Moon/Base"
    )
    [refused] = callbacks(calls)
    assert refused["data"]["flags"] == EPHEMERAL
    assert refused["data"]["embeds"][0]["description"].startswith(
        "I don't know the time zone “Moon/Base”."
    )


async def test_when_a_member_leaves_the_server_their_partner_is_told_once_and_requeued(
    members_app: Harness,
) -> None:
    await _profile(members_app, ALICE, "Europe/Paris", "mon-fri 18:00-21:00")
    await members_app.slash("mock", "request", member=ALICE, round="onsite_coding")
    await _profile(members_app, BOB, "Europe/Paris", "mon-fri 18:00-21:00")
    [matched] = callbacks(await members_app.slash("mock", "request", member=BOB, round="ml_depth"))
    assert matched["data"]["embeds"][0]["title"] == "You have a partner!"
    told_alice, told_bob = len(members_app.dms_to(ALICE)), len(members_app.dms_to(BOB))

    await members_app.leave(BOB)
    [notice] = members_app.dms_to(ALICE)[told_alice:]
    assert notice["embeds"][0]["title"] == "Back in the mock queue, first in line"
    assert notice["embeds"][0]["description"] == (
        "Bob left this community, so your mock interview is off."
    )
    assert len(members_app.dms_to(BOB)) == told_bob

    assert await members_app.leave(BOB) == []  # Discord may deliver the event again
    assert len(members_app.dms_to(ALICE)) == told_alice + 1


async def test_a_member_preploop_never_saw_leaving_changes_nothing(members_app: Harness) -> None:
    assert await members_app.leave(OWNER) == []


async def _paired(app: Harness) -> None:
    await _profile(app, ALICE, "Europe/Paris", "mon-fri 18:00-21:00")
    await app.slash("mock", "request", member=ALICE, round="onsite_coding")
    await _profile(app, BOB, "America/New_York", "mon-fri 12:00-15:00")
    await app.slash("mock", "request", member=BOB, round="ml_depth")


async def test_a_noshow_report_reaches_the_partner_who_disputes_it_with_the_button(
    discord_app: Harness, clock: FakeClock
) -> None:
    await _paired(discord_app)
    clock.set(STARTS + timedelta(minutes=15))
    [noted] = callbacks(await discord_app.slash("mock", "noshow", member=ALICE))
    assert noted["data"]["flags"] == EPHEMERAL
    assert "They can dispute it for 24 hours" in noted["data"]["embeds"][0]["description"]
    notice = discord_app.dms_to(BOB)[-1]
    assert notice["embeds"][0]["title"] == "Did you miss your mock interview?"
    assert "by Wed 2 Dec, 12:15 (America/New_York)" in notice["embeds"][0]["description"]

    press = discord_app.press_payload(notice, "Dispute", BOB)
    [answer] = callbacks(
        await discord_app.feed(in_direct_messages(press, BOB, notice["channel_id"]))
    )
    assert answer["data"]["embeds"][0]["description"].startswith(
        "Disputed. When the two of you disagree, nobody is penalised"
    )
    told = discord_app.dms_to(ALICE)[-1]["embeds"][0]
    assert told["title"] == "No-show report disputed"
