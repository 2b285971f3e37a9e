"""Admin commands of the mock feature: `/mock round` (open or close a round), `/mock settings`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, option
from bot.core.cards import Card, Field, Reply
from bot.core.mock_plan import ODD_POLICIES
from bot.core.mock_rules import DEFAULT_ROLES, RuleError, parse_roles
from bot.core.vocabulary import ROUNDS
from bot.core.words import plural
from bot.features.mock.rounds import DEFAULT_HOURS, close_mock_round, open_mock_round
from bot.features.mock.space_settings import set_space, space_text
from bot.features.mock.store import MockStore
from bot.features.mock.tables import MockSettings

ROUTES = Registry()

ODD_TEXT = {
    "trio": "joins a pair as a trio (A interviews B, B interviews C, C interviews A)",
    "wait": "keeps first priority for the next round",
}


@dataclass(frozen=True, kw_only=True)
class RoundOptions:
    """`/mock round`: the round to open (or `close`), and how long RSVPs stay open."""

    round: str = option(
        "The round to practise, or close",
        kind="choice",
        required=True,
        choices=(*ROUNDS, "close"),
    )
    hours: int | None = option(
        "Hours the RSVP window stays open (default 24)",
        kind="int",
        min_value=1,
        max_value=168,
    )


@ROUTES.command(
    "mock",
    "round",
    "Open a mock round here (RSVP window), or `close` the open one and pair everyone now",
    RoundOptions,
    admin=True,
)
def mock_round(ctx: Ctx, options: RoundOptions) -> Reply:
    if options.round == "close":
        return _close_now(ctx)
    if any(r.channel_id == ctx.actor.channel_id for r in ctx.store(MockStore).open_rounds()):
        raise UserError(
            "A mock round is already open in this channel. `/mock round close` pairs it now."
        )
    hours = options.hours if options.hours is not None else DEFAULT_HOURS
    closes = ctx.clock.now() + timedelta(hours=hours)
    messages = open_mock_round(
        store=ctx.store(MockStore),
        clock=ctx.clock,
        channel_id=ctx.actor.channel_id,
        round=options.round,
        closes_at=closes,
        claim=f"admin:{ctx.actor.channel_id}:{ctx.clock.now().isoformat()}",
    )
    return Reply(messages)


def _close_now(ctx: Ctx) -> Reply:
    rounds = ctx.store(MockStore).open_rounds()
    here = [r for r in rounds if r.channel_id == ctx.actor.channel_id] or rounds
    if not here:
        return Reply.note("No mock round is open. `/mock round round:onsite_coding` opens one.")
    assert here[0].id is not None
    messages = close_mock_round(store=ctx.store(MockStore), clock=ctx.clock, round_id=here[0].id)
    return Reply(messages)


@dataclass(frozen=True, kw_only=True)
class SettingsOptions:
    """`/mock settings`: target roles, the odd member out, the wait for someone new."""

    roles: str | None = option(
        'Comma-separated, e.g. "MLE, SDE, Applied Scientist"', max_length=500
    )
    odd: str | None = option(
        "trio: join a pair as a trio; wait: first priority next time",
        kind="choice",
        choices=ODD_POLICIES,
    )
    wait_hours: int | None = option(
        "Hours a request waits for someone new before a past partner will do (default 24)",
        kind="int",
        min_value=1,
        max_value=168,
    )
    space: str | None = option(
        "on: a private thread (Discord) or group DM (Slack) for each confirmed pair",
        kind="choice",
        choices=("on", "off"),
    )


@ROUTES.command(
    "mock",
    "settings",
    "Set target roles, what happens to an odd member out, and the wait for someone new",
    SettingsOptions,
    admin=True,
)
def mock_settings(ctx: Ctx, options: SettingsOptions) -> Reply:
    store = ctx.store(MockStore)
    found = store.settings()
    if found is None:
        found = MockSettings(community_id=ctx.community_id, roles=list(DEFAULT_ROLES))
        store.add(found)
    if options.roles is not None:
        try:
            found.roles = list(parse_roles(options.roles))
        except RuleError as error:
            raise UserError(error.text) from None
    if options.odd is not None:
        found.odd_policy = options.odd
    if options.wait_hours is not None:
        found.wait_hours = options.wait_hours
    if options.space is not None:
        set_space(ctx, found, options.space == "on")
    store.flush()
    odd = ODD_TEXT.get(found.odd_policy, ODD_TEXT["trio"])
    return Reply.ephemeral(
        Card(
            title="Mock settings",
            fields=(
                Field("Target roles", " · ".join(found.roles)),
                Field("Odd member out", odd),
                Field("Waiting for someone new", wait_text(found.wait_hours)),
                Field("Private space for each pair", space_text(found)),
            ),
            footer='Change with `/mock settings roles:"MLE, SDE" odd:trio wait_hours:24 space:on`',
        )
    )


def wait_text(hours: int) -> str:
    """Say what the wait limit means for a member, in plain words."""
    return (
        f"up to {plural(hours, 'hour')}; then a member is paired with anyone waiting with their "
        "target role, even a past partner or someone whose hours do not overlap"
    )
