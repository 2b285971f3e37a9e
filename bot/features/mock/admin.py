"""Admin commands of the mock feature: `/mock round` (open or close a round), `/mock settings`."""

from __future__ import annotations

from datetime import timedelta

from bot.app.context import Ctx
from bot.app.registry import Args, Option, Registry, UserError
from bot.content import ROUNDS
from bot.core.cards import Card, Field, Reply
from bot.core.mock_plan import ODD_POLICIES
from bot.core.mock_rules import DEFAULT_ROLES, RuleError, parse_roles
from bot.core.words import plural
from bot.features.mock.rounds import DEFAULT_HOURS, close_mock_round, open_mock_round
from bot.features.mock.store import open_rounds, settings_of
from bot.features.mock.tables import MockSettings

ROUTES = Registry()

ODD_TEXT = {
    "trio": "joins a pair as a trio (A interviews B, B interviews C, C interviews A)",
    "wait": "keeps first priority for the next round",
}


@ROUTES.command_untyped(
    "mock",
    "round",
    "Open a mock round here (RSVP window), or `close` the open one and pair everyone now",
    Option(
        "round",
        "The round to practise, or close",
        kind="choice",
        required=True,
        choices=(*ROUNDS, "close"),
    ),
    Option(
        "hours",
        "Hours the RSVP window stays open (default 24)",
        kind="int",
        min_value=1,
        max_value=168,
    ),
    admin=True,
)
def mock_round(ctx: Ctx, args: Args) -> Reply:
    if args["round"] == "close":
        return _close_now(ctx)
    if any(
        r.channel_id == ctx.actor.channel_id for r in open_rounds(ctx.session, ctx.community_id)
    ):
        raise UserError(
            "A mock round is already open in this channel. `/mock round close` pairs it now."
        )
    closes = ctx.clock.now() + timedelta(hours=args.get("hours", DEFAULT_HOURS))
    messages = open_mock_round(
        session=ctx.session,
        clock=ctx.clock,
        community_id=ctx.community_id,
        channel_id=ctx.actor.channel_id,
        round=args["round"],
        closes_at=closes,
        claim=f"admin:{ctx.actor.channel_id}:{ctx.clock.now().isoformat()}",
    )
    return Reply(messages)


def _close_now(ctx: Ctx) -> Reply:
    rounds = open_rounds(ctx.session, ctx.community_id)
    here = [r for r in rounds if r.channel_id == ctx.actor.channel_id] or rounds
    if not here:
        return Reply.note("No mock round is open. `/mock round round:onsite_coding` opens one.")
    assert here[0].id is not None
    messages = close_mock_round(
        session=ctx.session, clock=ctx.clock, community_id=ctx.community_id, round_id=here[0].id
    )
    return Reply(messages)


@ROUTES.command_untyped(
    "mock",
    "settings",
    "Set target roles, what happens to an odd member out, and the wait for someone new",
    Option("roles", 'Comma-separated, e.g. "MLE, SDE, Applied Scientist"', max_length=500),
    Option(
        "odd",
        "trio: join a pair as a trio; wait: first priority next time",
        kind="choice",
        choices=ODD_POLICIES,
    ),
    Option(
        "wait_hours",
        "Hours a request waits for someone new before a past partner will do (default 24)",
        kind="int",
        min_value=1,
        max_value=168,
    ),
    admin=True,
)
def mock_settings(ctx: Ctx, args: Args) -> Reply:
    found = settings_of(ctx.session, ctx.community_id)
    if found is None:
        found = MockSettings(community_id=ctx.community_id, roles=list(DEFAULT_ROLES))
        ctx.session.add(found)
    if "roles" in args:
        try:
            found.roles = list(parse_roles(args["roles"]))
        except RuleError as error:
            raise UserError(error.text) from None
    found.odd_policy = args.get("odd", found.odd_policy)
    found.wait_hours = args.get("wait_hours", found.wait_hours)
    ctx.session.flush()
    odd = ODD_TEXT.get(found.odd_policy, ODD_TEXT["trio"])
    return Reply.ephemeral(
        Card(
            title="Mock settings",
            fields=(
                Field("Target roles", " · ".join(found.roles)),
                Field("Odd member out", odd),
                Field("Waiting for someone new", wait_text(found.wait_hours)),
            ),
            footer='Change with `/mock settings roles:"MLE, SDE" odd:trio wait_hours:24`',
        )
    )


def wait_text(hours: int) -> str:
    """Say what the wait limit means for a member, in plain words."""
    return (
        f"up to {plural(hours, 'hour')}; then a member is paired with anyone waiting with their "
        "target role, even a past partner or someone whose hours do not overlap"
    )
