"""Mock rounds: an RSVP window in a channel, then everyone who opted in is paired at once."""

from __future__ import annotations

from datetime import datetime

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, row_id
from bot.core.cards import Button, Card, Message, Reply, Style, Visibility
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_plan import Leftover, plan_round
from bot.core.words import plural
from bot.features.mock.cards import round_name
from bot.features.mock.match import seekers_for
from bot.features.mock.pairing import Scope, pair_members
from bot.features.mock.profile import no_profile_reply
from bot.features.mock.queue import PAUSED
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockRequest, MockRound

ROUTES = Registry()

DEFAULT_HOURS = 24
CLOSED = "This mock round has closed. `/mock request` puts you in the queue for the next one."


def open_mock_round(
    *,
    store: MockStore,
    clock: Clock,
    channel_id: str,
    round: str,
    closes_at: datetime,
    claim: str | None = None,
) -> list[Message]:
    """Open an RSVP window and return the channel card with its Join button.

    The scheduler calls this on a sprint's mock-round days and delivers the messages. Each round
    is claimed once per community and `claim` (default: channel, round and day), so several
    processes calling it for the same day post one card; repeats return no messages.
    """
    now = clock.now()
    opened = MockRound(
        community_id=store.community_id,
        channel_id=channel_id,
        round=round,
        claim=claim or f"{channel_id}:{round}:{now.date().isoformat()}",
        opens_at=now,
        closes_at=closes_at,
    )
    if not store.claim_round(opened):
        return []
    # Everyone waiting outside an open round is part of this one, as they were promised.
    store.gather_waiting(opened)
    tz = store.channel_zone(channel_id)
    return [Message(rsvp_card(opened, tz), Visibility.CHANNEL, channel=channel_id)]


def rsvp_card(opened: MockRound, tz: str) -> Card:
    """The channel card inviting everyone to a mock round."""
    closes = local_label(opened.closes_at, tz)
    return Card(
        title=f"Mock round: {round_name(opened.round)}",
        text=(
            "Want a peer mock interview? Press **Join this round** (or `/mock request` while it "
            "is open). When the round closes I pair everyone by target role and send each pair "
            "a private message with the time, the order and an interviewer packet."
        ),
        buttons=(Button("Join this round", "mock.join", str(opened.id), Style.PRIMARY),),
        footer=f"RSVPs close {closes} · no profile yet? `/profile set` first",
    )


def close_mock_round(*, store: MockStore, clock: Clock, round_id: int) -> list[Message]:
    """Close an RSVP window and pair everyone waiting; return the messages to deliver.

    Pairs everyone who joined the round and everyone else still waiting in the community.
    An odd member out joins a trio, or (if the community prefers) keeps first priority for next
    time; either way they are told. The close is claimed in the database, so it happens once:
    a second call returns no messages.
    """
    community = store.community()
    if community is None or store.round(round_id) is None:
        return []
    closed = store.close_round(round_id, clock.now())
    if closed is None:
        return []
    return _pair_round(Scope(store, clock, community), closed)


def _pair_round(scope: Scope, closed: MockRound) -> list[Message]:
    still_open = {r.id for r in scope.store.open_rounds()}
    requests = [r for r in scope.store.waiting_requests() if r.mock_round_id not in still_open]
    seekers = seekers_for(scope, requests)
    by_id = {r.id: r for r in requests}
    policy = scope.store.odd_policy()
    plan = plan_round(list(seekers.values()), (scope.community_id, closed.id), policy)
    messages: list[Message] = []
    for group in (*plan.pairs, *plan.trios):
        messages += pair_members(scope, [by_id[key] for key in group], closed.id)
    for leftover in plan.leftovers:
        messages.append(_left_out(scope, by_id[leftover.key], leftover))
    assert closed.id is not None
    pairs, trios = scope.store.groups_of_round(closed.id)
    messages.append(_summary(closed, pairs, trios, len(plan.leftovers)))
    return messages


def _left_out(scope: Scope, request: MockRequest, leftover: Leftover) -> Message:
    """Tell a member this round had no partner for them; they keep first priority."""
    request.priority, request.mock_round_id = True, None
    request.updated_at = scope.clock.now()
    member = scope.store.member(request.member_id)
    why = (
        "Nobody else with your target role joined this round."
        if leftover.alone
        else "An odd number with your target role joined, and you were the one left over."
    )
    card = Card(
        title="No partner this round, but you are first in line",
        text=f"{why} You keep your request and first priority: the next partner who asks, or the "
        "next round, pairs with you.",
        footer="`/mock status` · `/mock cancel`",
    )
    return Message(card, Visibility.DIRECT, to_member=member.external_id)


def _summary(closed: MockRound, pairs: int, trios: int, waiting: int) -> Message:
    shown = [plural(n, noun) for n, noun in ((pairs, "pair"), (trios, "trio")) if n]
    if shown:
        verb = "is" if pairs + trios == 1 else "are"
        text = f"{' and '.join(shown)} {verb} out; check your private messages."
    else:
        text = "Nobody could be paired this time."
    if waiting:
        keep = "keeps" if waiting == 1 else "keep"
        text += f" {plural(waiting, 'member')} {keep} first priority for next time."
    card = Card(title=f"Mock round closed: {round_name(closed.round)}", text=text)
    return Message(card, Visibility.CHANNEL, channel=closed.channel_id)


@ROUTES.action("mock.join")
def join_round(ctx: Ctx, value: str) -> Reply:
    opened = ctx.store(MockStore).round(_id(value))
    if opened is None:
        raise UserError("That mock round is not one of this community's. Run `/mock status`.")
    if opened.status != "open" or ctx.clock.now() >= opened.closes_at:
        raise UserError(CLOSED)
    profile = ctx.store(MockStore).profile(ctx.member_id)
    if profile is None:
        return no_profile_reply(ctx)
    if profile.paused:
        raise UserError(PAUSED)
    if ctx.store(MockStore).active_seat(ctx.member_id) is not None:
        raise UserError("You already have a mock partner. `/mock status` shows who and when.")
    request = ctx.store(MockStore).waiting_request(ctx.member_id)
    if request is None:
        request = MockRequest(
            community_id=ctx.community_id, member_id=ctx.member_id, round=opened.round
        )
        request.waiting_since = ctx.clock.now()
        ctx.store(MockStore).add(request)
    request.round, request.mock_round_id, request.updated_at = (
        opened.round,
        opened.id,
        ctx.clock.now(),
    )
    closes = local_label(opened.closes_at, timezone_of(ctx.member, ctx.community))
    return Reply.note(
        f"You are in the {round_name(opened.round)} round. Pairs go out when it closes, {closes}.",
        title="See you there!",
    )


def _id(value: str) -> int:
    found = row_id(value)
    if found is None:
        raise UserError("That button no longer works. Run the command again.")
    return found
