"""Drive one adapter with a mix of commands and button presses and time each event.

Each driver measures from the platform event entering the adapter to the reply leaving it: the
console's `handle()` returning (the reply is printed); for Slack and Discord, the moment the
reply reaches the fake platform (Slack's response_url POST, Discord's interaction callback).
The fakes run in this process, so their HTTP handling shares the CPU with the adapter; a real
platform adds its network round trip instead.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from typing import Any

import discord
from pydantic import SecretStr

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.session import ConsoleSession
from bot.adapters.slack import build_app
from bot.app.hub import Hub
from bot.config import Settings
from bot.core.actors import Actor
from bot.core.cards import Button, Reply
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import CHANNEL, Harness, Member, interaction, logged_in
from tests.adapters.slack.fake_slack import (
    BOT_TOKEN,
    SECRET,
    FakeSlack,
    block_action,
    signed,
    slash,
)

Timings = list[tuple[str, float, float]]  # (event kind, wall milliseconds, CPU milliseconds)
COMMANDS = {  # event kind -> (group, text typed after it)
    "/question": ("question", ""),
    "/leaderboard": ("leaderboard", ""),
    "/profile": ("profile", ""),
    "/practice": ("practice", ""),
    "/leaderboard week": ("leaderboard", "period:week"),
    "/leaderboard all": ("leaderboard", "period:all"),
    "/mock request": ("mock", "request round:phone_screen"),
    "/mock status": ("mock", "status"),
    "/story review": ("story", "review"),
    "/story mine": ("story", "mine"),
    "/sprint status": ("sprint", "status"),
}
PRESSES = {  # event kind -> (the command that shows the button, the button's label)
    "press Hint": ("/question", "Hint"),
    "press Missed": ("/question", "Missed"),
    "press strong answer": ("/practice", "What a strong answer covers"),
}
KINDS = (*COMMANDS, *PRESSES)
ADMIN_KINDS = frozenset({"/sprint status"})  # admin commands: an admin sends them


@dataclass(frozen=True)
class Crowd:
    """The platform user ids the events come from, and which of them are admins."""

    users: list[str]
    admins: set[str]

    def sender(self, kind: str, rng: random.Random) -> str:
        """Who sends an event of this kind: an admin for an admin command, else anyone."""
        if kind in ADMIN_KINDS:
            return rng.choice(sorted(self.admins))
        return rng.choice(self.users)


def typed(session: ConsoleSession, line: str) -> tuple[float, float]:
    """Wall and CPU milliseconds the console takes to handle a typed line (and print the reply)."""
    began, cpu = time.perf_counter(), time.process_time()
    session.handle(line, iter(()))
    return (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000


def button(reply: Reply, label: str) -> Button:
    """The button with this label among a reply's cards."""
    return next(b for m in reply.messages for b in m.card.buttons if b.label == label)


class InstantHub(Hub):
    """A hub that answers every event at once: what is left is the adapter and the transport."""

    def command_text(self, actor: Actor, group: str, text: str) -> Reply:
        return Reply.note("ok")

    def command(self, actor: Actor, group: str, name: str | None, raw: dict[str, Any]) -> Reply:
        return Reply.note("ok")

    def press(self, actor: Actor, action: str, value: str) -> Reply:
        return Reply.note("ok")


def buttons_for(hub: Hub, actor: Actor) -> dict[str, Button]:
    """The buttons every press event uses, as the hub shows them to this member."""
    shown = {kind: hub.command_text(actor, *COMMANDS[kind]) for kind in ("/question", "/practice")}
    return {kind: button(shown[opener], label) for kind, (opener, label) in PRESSES.items()}


def console(hub: Hub, clock: ConsoleClock, events: int, rng: random.Random) -> Timings:
    """Type lines into the console session; a press first shows its card (not timed)."""
    printed: list[str] = []
    session = ConsoleSession(hub, printed.append, clock)
    timings: Timings = []
    for _ in range(events):
        kind = rng.choice(KINDS)
        session.member = "alice" if kind in ADMIN_KINDS else rng.choice(("alice", "bob", "carol"))
        if kind in COMMANDS:
            group, text = COMMANDS[kind]
            timings.append((kind, *typed(session, f"/{group} {text}")))
            continue
        opener, label = PRESSES[kind]
        session.handle(opener, iter(()))
        number = 1 + [b.label for b in session.buttons].index(label)
        timings.append((kind, *typed(session, f"/press {number}")))
    return timings


class Arrivals:
    """When requests reached a fake platform (perf_counter seconds), recorded by its handler."""

    def __init__(self, fake: Any, handler: str) -> None:
        self.times: list[tuple[float, float]] = []  # (perf_counter, process_time)
        original = getattr(fake, handler)

        async def record(request: Any) -> Any:
            self.times.append((time.perf_counter(), time.process_time()))
            return await original(request)

        setattr(fake, handler, record)  # before fake.start(), which routes to it

    def since(self, began: float, cpu: float) -> tuple[float, float]:
        """Wall and CPU milliseconds from (`began`, `cpu`) to the first arrival after it."""
        wall, used = min((t, c) for t, c in self.times if t >= began)
        return (wall - began) * 1000, (used - cpu) * 1000


async def _dispatch(app: Any, body: str, arrivals: Arrivals) -> tuple[float, float]:
    """Dispatch a signed request, wait for its listener; return wall and CPU ms till the answer.

    A quick answer to a slash command leaves in the acknowledgement (the HTTP response);
    any other reaches the fake Slack's response_url.
    """
    began, cpu = time.perf_counter(), time.process_time()
    before = asyncio.all_tasks()
    response = await app.async_dispatch(signed(body))
    answered, used = time.perf_counter(), time.process_time()  # a quick answer leaves in this
    assert response.status == 200, response.body
    started = {  # the fake's server keeps one task per open connection: not the listener's
        task
        for task in asyncio.all_tasks() - before - {asyncio.current_task()}
        if task.get_coro().__qualname__ != "RequestHandler.start"  # type: ignore[union-attr]
    }
    if started:
        await asyncio.wait(started)
    if response.body.startswith("{"):
        return (answered - began) * 1000, (used - cpu) * 1000
    return arrivals.since(began, cpu)


async def slack(
    hub: Hub, crowd: Crowd, events: int, rng: random.Random, pressed: dict[str, Button]
) -> Timings:
    """Signed slash commands and button presses into the bolt app, answered via response_url."""
    fake = FakeSlack(keep_alive=True)  # PrepLoop keeps its connections, as against Slack
    fake.admins |= crowd.admins
    arrivals = Arrivals(fake, "_respond")
    await fake.start()
    settings = Settings(
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=fake.api_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    app = build_app(hub, settings)
    for user in crowd.users:  # warm up: auth.test, and each member's admin lookup (cached 5 min)
        await _dispatch(
            app, slash("/help", "", user=user, response_url=fake.response_url()), arrivals
        )
    timings: Timings = []
    for _ in range(events):
        kind, url = rng.choice(KINDS), fake.response_url()
        user = crowd.sender(kind, rng)
        if kind in COMMANDS:
            group, text = COMMANDS[kind]
            body = slash(f"/{group}", text, user=user, response_url=url)
        else:
            shown = pressed[kind]
            body = block_action(shown.action, shown.value, user=user, response_url=url)
        timings.append((kind, *await _dispatch(app, body, arrivals)))
    await fake.stop()
    return timings


DISCORD_COMMANDS: dict[str, tuple[str, str | None, dict[str, str]]] = {
    # event kind -> (top-level command, subcommand, options)
    "/question": ("question", "today", {}),  # a group on Discord (today, suggest)
    "/leaderboard": ("leaderboard", None, {}),
    "/profile": ("profile", "show", {}),
    "/practice": ("practice", "next", {}),
    "/leaderboard week": ("leaderboard", None, {"period": "week"}),
    "/leaderboard all": ("leaderboard", None, {"period": "all"}),
    "/mock request": ("mock", "request", {"round": "phone_screen"}),
    "/mock status": ("mock", "status", {}),
    "/story review": ("story", "review", {}),
    "/story mine": ("story", "mine", {}),
    "/sprint status": ("sprint", "status", {}),
}


async def discord_client(
    hub: Hub, crowd: Crowd, events: int, rng: random.Random, pressed: dict[str, Button]
) -> Timings:
    """INTERACTION_CREATE payloads into the logged-in client, answered through the fake API."""
    api = FakeDiscord()
    arrivals = Arrivals(api, "_handle")
    discord.http.Route.BASE = await api.start()
    harness = Harness(api, await logged_in(hub, Settings(_env_file=None)))  # type: ignore[call-arg]
    permissions = discord.Permissions(view_channel=True, send_messages=True).value
    admin = discord.Permissions(administrator=True).value
    timings: Timings = []
    for number in range(events + 20):
        kind = rng.choice(KINDS)
        user = crowd.sender(kind, rng)
        member = Member(user, "member", admin if user in crowd.admins else permissions)
        if kind in DISCORD_COMMANDS:
            name, sub, options = DISCORD_COMMANDS[kind]
            payload = harness.slash_payload(name, sub, member=member, **options)
        else:
            payload = _press(harness, pressed[kind], member)
        began, cpu = time.perf_counter(), time.process_time()
        await harness.feed(payload)
        if number >= 20:  # the first few warm up discord.py's caches
            timings.append((kind, *arrivals.since(began, cpu)))
    await harness.client.close()
    await api.stop()
    return timings


def _press(harness: Harness, shown: Button, member: Member) -> dict[str, Any]:
    """A press of a button on a message the bot sent (stored by the fake API, not timed)."""
    custom = f"pl:{shown.action}:{shown.value}"
    item = {"type": 2, "style": 2, "label": shown.label, "custom_id": custom}
    message = harness.api.message(CHANNEL, {"components": [{"type": 1, "components": [item]}]})
    data = {"custom_id": custom, "component_type": 2}
    return interaction(3, member, data, message=message)
