"""Every admin command is refused to a member who is not an admin, on every platform."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from pydantic import SecretStr

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.session import ConsoleSession
from bot.adapters.slack import build_app
from bot.app.feature import registry_of
from bot.app.hub import ADMIN_ONLY
from bot.app.registry import Command, Option
from bot.config import Settings
from bot.core.actors import Actor
from bot.core.cards import plain
from bot.features import FEATURES
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import BOB, Harness, embeds, logged_in
from tests.adapters.slack.conftest import texts
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, signed, slash
from tests.fakes import FakeClock
from tests.hostile.conftest import START, new_hub
from tests.hostile.inputs import RoleId
from tests.hostile.test_discord_hostile import slash as discord_slash

REGISTRY = registry_of(FEATURES)

ADMIN_COMMANDS = sorted(
    (c for c in REGISTRY.commands.values() if c.admin), key=lambda c: (c.group, c.name)
)
EXAMPLES = {
    "int": 1,
    "date": "2026-12-07",
    "time": "09:00",
    "bool": True,
    "text": "Prep",
    "role": RoleId("1600000000000000001"),
}


def example(option: Option) -> Any:
    """A valid value for a required option, so only the admin check can refuse."""
    return option.choices[0] if option.choices else EXAMPLES[option.kind]


def required(command: Command) -> dict[str, Any]:
    return {o.name: example(o) for o in command.options if o.required}


def typed(command: Command) -> str:
    """The command as typed on Slack or in the console, after `/group`."""
    words = [] if command.default else [command.name]
    words += [f"{name}:{str(value).lower()}" for name, value in required(command).items()]
    return " ".join(words)


def test_there_are_admin_commands_in_every_admin_group() -> None:
    groups = {c.group for c in ADMIN_COMMANDS}
    assert {"question", "sprint", "mock", "story", "roles"} <= groups
    assert all(c.admin for c in REGISTRY.commands.values() if c.group == "sprint")


def test_the_hub_refuses_every_admin_command_to_a_member(hostile_url: str) -> None:
    hub = new_hub(hostile_url, FakeClock(START))
    member = Actor("test", "alpha", "U2", "Bob", channel_id="C1", is_admin=False)
    for command in ADMIN_COMMANDS:
        for reply in (
            hub.command(member, command.group, command.name, required(command)),
            hub.command_text(member, command.group, typed(command)),
        ):
            assert [plain(m.card.text) for m in reply.messages] == [ADMIN_ONLY], command.usage
            assert reply.modal is None
    hub.engine.dispose()


def test_the_console_refuses_every_admin_command_to_bob(hostile_url: str) -> None:
    clock = ConsoleClock(START)
    printed: list[str] = []
    session = ConsoleSession(new_hub(hostile_url, clock), printed.append, clock)
    session.handle("/as bob", iter(()))
    for command in ADMIN_COMMANDS:
        printed.clear()
        session.handle(f"/{command.group} {typed(command)}", iter(()))
        assert ADMIN_ONLY in "\n".join(printed), command.usage
    session.hub.engine.dispose()


async def test_slack_refuses_every_admin_command_to_a_member_who_is_not_a_workspace_admin(
    hostile_url: str,
) -> None:
    fake = FakeSlack()
    await fake.start()
    hub = new_hub(hostile_url, FakeClock(START))
    settings = Settings(
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=fake.api_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    app = build_app(hub, settings)
    for number, command in enumerate(ADMIN_COMMANDS, start=1):
        url = fake.response_url(f"admin{number}")
        body = slash(f"/{command.group}", typed(command), user="U2", response_url=url)
        assert fake.acked(await app.async_dispatch(signed(body))).status == 200
        answer = (await fake.wait_responses(number))[-1]
        assert ADMIN_ONLY in texts(answer), command.usage
    assert not [a for m, a in fake.calls if m == "chat.postMessage"]
    await fake.stop()
    hub.engine.dispose()


async def test_discord_refuses_every_admin_command_to_a_member_without_manage_server(
    hostile_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = FakeDiscord()
    monkeypatch.setattr(discord.http.Route, "BASE", await api.start())
    hub = new_hub(hostile_url, FakeClock(START))
    harness = Harness(api, await logged_in(hub, Settings(_env_file=None)))  # type: ignore[call-arg]
    for command in ADMIN_COMMANDS:
        calls = await harness.feed(discord_slash(api, command, BOB, required(command)))
        shown = [e.get("description") for e in embeds(calls)]
        assert shown == [ADMIN_ONLY], command.usage
        assert all(
            c.body.get("data", {}).get("flags") == 64 for c in calls if "/callback" in c.path
        )
    await harness.client.close()
    await api.stop()
    hub.engine.dispose()
