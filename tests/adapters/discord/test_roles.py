"""Role rewards through the real discord.py code paths against the fake Discord API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import discord

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.actors import Actor
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    CHANNEL,
    EPHEMERAL,
    GUILD,
    Harness,
    Member,
    callbacks,
)
from tests.fakes import FakeClock
from tests.features.leaderboard.flow import give

ROLE = "1600000000000000001"
FIX = "Role rewards need a fix"
MANAGER = discord.Permissions(manage_roles=True, send_messages=True, view_channel=True)


def _role(name: str = "Top 3", **extra: Any) -> dict[str, Any]:
    return {
        "id": ROLE,
        "name": name,
        "color": 0,
        "hoist": False,
        "position": 1,
        "permissions": "0",
        "managed": False,
        "mentionable": False,
        "flags": 0,
        **extra,
    }


def _set_top3(
    app: Harness, member: Member = ALICE, *, manage: bool = True, **role: Any
) -> dict[str, Any]:
    """`/roles set top3:True role:@Top 3`, as Discord sends it with the role resolved."""
    payload = app.slash_payload("roles", "set", member)
    payload["data"]["options"][0]["options"] = [
        {"name": "role", "type": 8, "value": ROLE},
        {"name": "top3", "type": 5, "value": True},
    ]
    payload["data"]["resolved"] = {"roles": {ROLE: _role(**role)}}
    permissions = MANAGER if manage else discord.Permissions.text()
    payload["app_permissions"] = str(permissions.value)
    return payload


def _on_discord(member: Member) -> Actor:
    return Actor("discord", GUILD, member.id, member.name, channel_id=CHANNEL)


def _text(response: dict[str, Any]) -> str:
    embed = response["data"]["embeds"][0]
    fields = [f"{f['name']}: {f['value']}" for f in embed.get("fields", [])]
    footer = embed.get("footer", {}).get("text", "")
    return "\n".join([embed.get("title", ""), embed.get("description", ""), *fields, footer])


def _fixes(app: Harness) -> list[dict[str, Any]]:
    return [m for m in app.dms_to(ALICE) if m.get("embeds") and m["embeds"][0]["title"] == FIX]


async def _month_end(app: Harness, hub: Hub, clock: FakeClock, day: int) -> None:
    """Tick on a December day: the daily check, then its role changes a minute later."""
    runner = JobRunner(hub.engine, clock, {"discord": app.client.messenger})
    clock.set(datetime(2026, 12, day, 9, tzinfo=UTC))
    await runner.tick()
    clock.set(datetime(2026, 12, day, 9, 1, tzinfo=UTC))
    await runner.tick()


async def test_roles_is_published_for_server_managers_with_a_role_picker(
    discord_app: Harness,
) -> None:
    roles = next(c for c in discord_app.api.commands if c["name"] == "roles")
    assert int(roles["default_member_permissions"]) == 32  # Manage Server
    subs = {sub["name"]: sub for sub in roles["options"]}
    assert set(subs) == {"show", "set", "unset"}
    role = next(o for o in subs["set"]["options"] if o["name"] == "role")
    assert (role["type"], role["required"]) == (8, True)


async def test_the_top_3_role_is_given_with_one_add_role_call(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 20, 12, tzinfo=UTC))
    [saved] = callbacks(await discord_app.feed(_set_top3(discord_app)))
    assert saved["data"]["flags"] & EPHEMERAL
    assert "Saved: **@Top 3** goes to the top 3 of last month" in _text(saved)
    assert "can't give it" not in _text(saved)
    give(hub, _on_discord(BOB), 20)
    await _month_end(discord_app, hub, clock, 1)
    [grant] = discord_app.api.role_calls()
    assert (grant.method, grant.path) == ("PUT", f"/guilds/{GUILD}/members/{BOB.id}/roles/{ROLE}")
    assert grant.headers["X-Audit-Log-Reason"] == "PrepLoop role reward"
    assert discord_app.api.member_roles[BOB.id] == {ROLE}
    await _month_end(discord_app, hub, clock, 2)
    assert len(discord_app.api.role_calls()) == 1  # held already: nothing more to ask
    shown = _text(callbacks(await discord_app.slash("roles", "show", ALICE))[0])
    assert "✅ working · 1 member holds it" in shown


async def test_a_refused_role_tells_the_admin_once_and_nothing_else_breaks(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 20, 12, tzinfo=UTC))
    await discord_app.feed(_set_top3(discord_app))
    give(hub, _on_discord(BOB), 20)
    discord_app.api.refused_roles.add(ROLE)
    await _month_end(discord_app, hub, clock, 1)
    [fix] = _fixes(discord_app)
    text = fix["embeds"][0]["description"]
    assert "I couldn't give **@Top 3** (monthly top 3 reward): Discord refused (403)" in text
    assert "give PrepLoop's role the **Manage Roles** permission" in text
    assert "<@&" not in text  # the role is named, never mentioned
    await _month_end(discord_app, hub, clock, 2)
    assert len(discord_app.api.role_calls()) == 2  # tried again the next day…
    assert len(_fixes(discord_app)) == 1  # …without telling the admin again
    [reply] = callbacks(await discord_app.slash("question", "today", BOB))
    assert reply["data"]["embeds"]  # the rest of the bot carries on
    discord_app.api.refused_roles.clear()
    await _month_end(discord_app, hub, clock, 3)
    assert discord_app.api.member_roles[BOB.id] == {ROLE}


async def test_a_missing_manage_roles_permission_is_said_when_the_reward_is_set(
    discord_app: Harness,
) -> None:
    [saved] = callbacks(await discord_app.feed(_set_top3(discord_app, manage=False)))
    assert "I can't give it yet: I'm missing the Manage Roles permission" in _text(saved)
    shown = _text(callbacks(await discord_app.slash("roles", "show", ALICE))[0])
    assert "I'm missing the Manage Roles permission here" in shown


async def test_a_role_nobody_can_give_is_refused(discord_app: Harness) -> None:
    [refused] = callbacks(await discord_app.feed(_set_top3(discord_app, managed=True)))
    assert "belongs to an integration" in _text(refused)


async def test_a_member_may_not_run_roles(discord_app: Harness) -> None:
    for sub in ("show", "set"):
        payload = (
            _set_top3(discord_app, BOB)
            if sub == "set"
            else discord_app.slash_payload("roles", "show", BOB)
        )
        [refused] = callbacks(await discord_app.feed(payload))
        assert refused["data"]["flags"] & EPHEMERAL
        assert _text(refused).strip() == ADMIN_ONLY
    assert discord_app.api.role_calls() == []
