"""Hostile slash commands, buttons and forms as INTERACTION_CREATE payloads into the real client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import discord
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.discord.components import CUSTOM_ID_LIMIT, custom_id
from bot.adapters.discord.layout import Entry, layout
from bot.app.feature import registry_of
from bot.app.registry import Command
from bot.config import Settings
from bot.features import FEATURES
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    CHANNEL,
    OWNER,
    Harness,
    Member,
    interaction,
    logged_in,
)
from tests.fakes import FakeClock
from tests.hostile.checks import Watch
from tests.hostile.conftest import START, Arena, hostile, new_hub, open_arena
from tests.hostile.figures import FIGURES
from tests.hostile.inputs import (
    ACTIONS,
    RoleId,
    action_names,
    commands,
    forged_value,
    hostile_text,
    options_for,
    resolved_role,
    short_text,
)

REGISTRY = registry_of(FEATURES)

OTHER_GUILD = "1299999999999999999"
OTHER_USERS = ("1777777777777777771", "1777777777777777772", "1777777777777777773")
MEMBERS = (ALICE, BOB, OWNER)  # Alice manages the server, Olga owns it, Bob is a member
ENTRIES = {(spec.group, spec.name): entry for entry in layout(REGISTRY) for spec in entry.specs}


@dataclass
class Guild:
    """The Discord client serving guild A on a fake Discord API, with B in another guild."""

    arena: Arena
    harness: Harness
    pressable: list[str] = field(default_factory=list)  # custom_ids of buttons the bot sent
    forms: list[dict[str, Any]] = field(default_factory=list)

    def __repr__(self) -> str:
        return "Guild()"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    async def feed(self, payload: dict[str, Any], watch: Watch, where: str) -> None:
        """Deliver one interaction, wait for what it caused, and check every request sent."""
        calls = await self.harness.feed(payload)
        answered = False
        for call in calls:
            if "/callback" in call.path:
                answered = True
                if call.body.get("type") == 9:
                    self._form(call.body["data"], watch, where)
            for message in call.messages:
                watch.discord_message(message, f"{where} {call.method} {call.path[:30]}")
                self._remember(message)
        if not answered:
            watch.flag("unanswered", f"{where}: no interaction response")

    def _form(self, data: dict[str, Any], watch: Watch, where: str) -> None:
        watch.secret_in(str(data), f"{where} form")
        self.forms = [*self.forms[-50:], data]

    def _remember(self, message: dict[str, Any]) -> None:
        for row in message.get("components") or []:
            for item in row.get("components", []):
                found = item.get("custom_id")
                if found and found not in self.pressable:
                    self.pressable = [*self.pressable[-300:], found]

    def press(self, custom: str, member: Member) -> dict[str, Any]:
        """A press of a button carrying this custom_id, on a message of the bot's."""
        custom = custom[:CUSTOM_ID_LIMIT]
        button = {"type": 2, "style": 2, "label": "Go", "custom_id": custom}
        message = self.harness.api.message(
            CHANNEL, {"components": [{"type": 1, "components": [button]}]}
        )
        return interaction(3, member, {"custom_id": custom, "component_type": 2}, message=message)


@pytest.fixture
async def guild(
    hostile_url: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Guild]:
    api = FakeDiscord()
    monkeypatch.setattr(discord.http.Route, "BASE", await api.start())
    hub = new_hub(hostile_url, FakeClock(START))
    arena = await asyncio.to_thread(
        open_arena,
        hub,
        caplog,
        adapter="discord",
        platform="discord",
        other_id=OTHER_GUILD,
        other_users=OTHER_USERS,
        members=tuple(m.id for m in MEMBERS),
        secrets=OTHER_USERS,
    )
    client = await logged_in(hub, Settings(_env_file=None))  # type: ignore[call-arg]
    yield Guild(arena, Harness(api, client))
    await client.close()
    await api.stop()
    arena.check_other_untouched()
    hub.engine.dispose()


def members() -> st.SearchStrategy[Member]:
    """Alice, Bob or Olga, under any display name."""
    return st.builds(
        lambda who, name: Member(who.id, name or who.name, who.permissions),
        st.sampled_from(MEMBERS),
        st.one_of(st.just(""), short_text()),
    )


def slash(
    api: FakeDiscord, spec: Command, member: Member, options: dict[str, Any]
) -> dict[str, Any]:
    """The interaction of `/group [name] options…` as Discord lays the registry out."""
    entry: Entry = ENTRIES[(spec.group, spec.name)]
    command = next(c for c in api.commands if c["name"] == entry.name)
    values = [{"name": k, "type": _kind(v), "value": v} for k, v in options.items()]
    if not entry.plain:
        values = [{"name": spec.name, "type": 1, "options": values}]
    data = {"id": command["id"], "name": entry.name, "type": 1, "options": values}
    roles = [v for v in options.values() if isinstance(v, RoleId)]
    if roles:  # Discord sends a picked role's details with the interaction
        data["resolved"] = {"roles": {role: resolved_role(role, role.name) for role in roles}}
    return interaction(2, member, data)


def _kind(value: Any) -> int:
    if isinstance(value, RoleId):
        return 8
    if isinstance(value, bool):
        return 5
    return 4 if isinstance(value, int) else 3


def submit(form: dict[str, Any], member: Member, texts: list[str]) -> dict[str, Any]:
    """A form sent back as Discord would: each input within its length, required ones filled."""
    rows = []
    for n, label in enumerate(form["components"]):
        box = label["component"]
        text = texts[n % len(texts)][: box.get("max_length", 4000)]
        if box.get("required", True) and len(text) < max(box.get("min_length") or 1, 1):
            text = (text + "3" * 40)[: box.get("max_length", 4000)]
        item = {"type": 4, "id": 2 * n + 2, "custom_id": box["custom_id"], "value": text}
        rows.append({"type": 18, "id": 2 * n + 1, "component": item})
    return interaction(5, member, {"custom_id": form["custom_id"], "components": rows})


@hostile(500)
@given(data=st.data())
async def test_slash_commands_with_hostile_options_get_clean_answers(
    guild: Guild, data: st.DataObject
) -> None:
    spec = data.draw(commands(), "command")
    options = data.draw(options_for(spec, typed=True), "options")
    member = data.draw(members(), "member")
    watch = guild.arena.watch()
    FIGURES.reached("discord", spec.group)
    payload = slash(guild.harness.api, spec, member, options)
    await guild.feed(payload, watch, f"/{spec.group} {spec.name}")
    guild.arena.settle(watch)


@hostile(500)
@given(data=st.data())
async def test_forged_and_real_buttons_get_clean_answers(guild: Guild, data: st.DataObject) -> None:
    ids = tuple(guild.arena.other.all_ids())
    pick = data.draw(st.integers(0, 2**16), "pick")
    action = data.draw(action_names(ACTIONS), "action")
    value = data.draw(forged_value(ids), "value")
    shape = data.draw(st.sampled_from(("real", "real", "forged", "other guild", "raw")), "shape")
    member = data.draw(members(), "member")
    custom = {
        "forged": custom_id(action, value),
        "other guild": custom_id(action, value, OTHER_GUILD),
        "raw": f"{action}:{value}",
    }.get(shape, custom_id(action, value))
    if shape == "real" and guild.pressable:
        custom = guild.pressable[pick % len(guild.pressable)]
    watch = guild.arena.watch()
    await guild.feed(guild.press(custom, member), watch, shape)
    guild.arena.settle(watch)


@hostile(300)
@given(data=st.data())
async def test_forms_sent_with_hostile_text_get_clean_answers(
    guild: Guild, data: st.DataObject
) -> None:
    opener = data.draw(st.sampled_from(OPENERS), "opener")
    member = data.draw(members(), "member")
    texts = data.draw(st.lists(hostile_text(), min_size=5, max_size=5), "texts")
    twice = data.draw(st.booleans(), "twice")
    watch = guild.arena.watch()
    spec = REGISTRY.commands[opener[:2]]
    await guild.feed(slash(guild.harness.api, spec, member, opener[2]), watch, f"/{opener[0]}")
    sent = 1
    if opener[0] == "question" and guild.pressable:
        answer = next((p for p in reversed(guild.pressable) if ":q.answer:" in p), None)
        if answer is not None:
            await guild.feed(guild.press(answer, member), watch, "Answer")
            sent += 1
    for _ in range(2 if twice and guild.forms else 1 if guild.forms else 0):
        await guild.feed(submit(guild.forms[-1], member, texts), watch, "form")  # or a replay
        sent += 1
    guild.arena.settle(watch, sent)


OPENERS = (
    ("question", "today", {}),
    ("story", "new", {"principle": "ownership"}),
    ("story", "edit", {"story": 1}),
    ("mock", "done", {}),
)
