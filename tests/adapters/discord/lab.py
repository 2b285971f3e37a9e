"""A small registry of test-only commands, to show the adapter needs no change per feature."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import date

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, option
from bot.core.cards import (
    Button,
    Card,
    Field,
    Input,
    Message,
    Modal,
    Reply,
    UserText,
    Visibility,
    rich,
)

LAB = Registry()
TRACKED: list[tuple[str, str]] = []  # (track value, message ref) as the hub was told
SLOW_SECONDS = 0.3
OTHER_CHANNEL = "1600000000000000002"
OTHER_MEMBER = "1400000000000000008"


@LAB.command("ping", "go", "Answer pong", default=True)
def ping(ctx: Ctx, _: NoOptions) -> Reply:
    return Reply.note("pong")


@LAB.command("drill", "show", "Show the drill", default=True)
def show_drill(ctx: Ctx, _: NoOptions) -> Reply:
    return Reply.note("the drill")


@dataclass(frozen=True, kw_only=True)
class DrillOptions:
    topic: str | None = option("Topic of the drill", max_length=50)
    rounds: int = option("How many rounds", "int", required=True, min_value=1, max_value=5)
    level: str | None = option("How hard", "choice", choices=("easy", "hard"))
    public: bool | None = option("Post it for everyone", "bool")
    day: date | None = option("First day, like 2026-12-07", "date")


@LAB.command("drill", "set", "Set up a drill", DrillOptions)
def set_drill(ctx: Ctx, options: DrillOptions) -> Reply:
    given = {key: value for key, value in asdict(options).items() if value is not None}
    shown = ", ".join(f"{key}={value!r}" for key, value in sorted(given.items()))
    return Reply.note(rich("Drill set: ", UserText(shown)))


@LAB.command("lab", "huge", "A card far over every embed limit")
def huge(ctx: Ctx, _: NoOptions) -> Reply:
    fields = tuple(Field(f"Field {n} " + "n" * 300, "v" * 2000) for n in range(30))
    card = Card(title="T" * 300, text="d" * 5000, fields=fields, footer="f" * 3000)
    return Reply.channel(card)


@LAB.command("lab", "many", "Two private messages, the second one tracked")
def many(ctx: Ctx, _: NoOptions) -> Reply:
    card = Card(text="second", buttons=(Button("More", "lab.where"),))
    second = Message(card, Visibility.EPHEMERAL, track="seen:2")
    return Reply([Message(Card(text="first"), Visibility.EPHEMERAL, track="seen:1"), second])


@LAB.command("lab", "dm", "A direct message to the caller, with a button")
def direct(ctx: Ctx, _: NoOptions) -> Reply:
    card = Card(text="just for you", buttons=(Button("Where am I?", "lab.where"),))
    return Reply([Message(card, Visibility.DIRECT)])


@LAB.command("lab", "slow", "A slow answer: one public and one private message")
def slow(ctx: Ctx, _: NoOptions) -> Reply:
    time.sleep(SLOW_SECONDS)
    public = Message(Card(text="for everyone"), Visibility.CHANNEL)
    return Reply([public, Message(Card(text="for you"), Visibility.EPHEMERAL)])


@LAB.command("lab", "elsewhere", "A post in another channel, and nothing for the caller")
def elsewhere(ctx: Ctx, _: NoOptions) -> Reply:
    return Reply([Message(Card(text="over there"), Visibility.CHANNEL, channel=OTHER_CHANNEL)])


@LAB.command("lab", "tell", "A direct message to another member")
def tell(ctx: Ctx, _: NoOptions) -> Reply:
    return Reply([Message(Card(text="psst"), Visibility.DIRECT, to_member=OTHER_MEMBER)])


@LAB.command("lab", "slow-form", "A form that takes too long to open")
def slow_form(ctx: Ctx, _: NoOptions) -> Reply:
    time.sleep(SLOW_SECONDS)
    return Reply.open(Modal("Too late", "lab.form", "", (Input("x", "X"),)))


@LAB.action("lab.where")
def where(ctx: Ctx, _value: str) -> Reply:
    return Reply.note(f"community {ctx.actor.community_id}, admin {ctx.actor.is_admin}")


@LAB.tracker("seen")
def seen(ctx: Ctx, value: str, ref: str) -> None:
    TRACKED.append((value, ref))
