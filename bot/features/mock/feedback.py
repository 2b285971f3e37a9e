"""After a mock: `/mock done` (rubric feedback, completion points) and `/mock noshow`."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, row_id
from bot.core.cards import (
    Card,
    Field,
    Input,
    Mention,
    Message,
    Modal,
    Reply,
    UserText,
    Visibility,
    rich,
)
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_rules import (
    SCORE_HIGH,
    SCORE_LOW,
    RuleError,
    has_started,
    is_substantive,
    parse_score,
    rubric_for,
)
from bot.core.points import Reason
from bot.features.mock.cards import round_name
from bot.features.mock.dispute import pending_report_against
from bot.features.mock.helpful import helpful_button
from bot.features.mock.match import dissolve
from bot.features.mock.pairing import Scope
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockFeedback, MockPairing, MockSeat
from bot.storage.tables import Member
from bot.storage.uow import Session

ROUTES = Registry()

COMMENT_LIMIT = 3000
NOTHING_TO_CONFIRM = "You have no mock waiting for feedback. `/mock status` shows where you are."
# A pairing closed unconfirmed after 48 hours ("expired") still takes the feedback of a member
# who says they met.
OPEN_FOR_FEEDBACK = ("scheduled", "completed", "expired")
SEATS_FOR_FEEDBACK = ("active", "done", "expired")
NOT_YOURS = "That mock is not one of yours any more. `/mock status` shows where you are."


def seat_in(ctx: Ctx, raw_id: str) -> tuple[MockSeat, MockPairing]:
    """Return the caller's seat in a pairing named by a button or form, or refuse."""
    found = row_id(raw_id)
    pairing = None if found is None else ctx.store(MockStore).pairing(found)
    if pairing is None or pairing.id is None:
        raise UserError(NOT_YOURS)
    mine = [s for s in ctx.store(MockStore).seats(pairing.id) if s.member_id == ctx.member_id]
    if not mine:
        raise UserError(NOT_YOURS)
    return mine[0], pairing


def feedback_modal(seat: MockSeat, pairing: MockPairing) -> Modal:
    """The rubric form for the interview the caller ran: four scores and comments."""
    rubric = rubric_for(seat.round)
    scores = tuple(
        Input(
            f"s{index}",
            f"{criterion} ({SCORE_LOW}-{SCORE_HIGH})",
            max_length=1,
            min_length=1,
            multiline=False,
            placeholder=f"{SCORE_LOW} = not yet · {SCORE_HIGH} = strong",
        )
        for index, criterion in enumerate(rubric.criteria)
    )
    comment = Input(
        "comment",
        "What went well, what to work on",
        max_length=COMMENT_LIMIT,
        required=False,
        placeholder="Specific moments help most: what they said, what was missing.",
    )
    title = f"Feedback: {rubric.name}"
    return Modal(title, "mock.fb", str(pairing.id), (*scores, comment), submit_label="Send")


def refuse_before_start(ctx: Ctx, pairing: MockPairing) -> None:
    """Refuse `/mock done` until the mock's proposed time, saying when it opens."""
    if not has_started(pairing.proposed_at, ctx.clock.now()):
        assert pairing.proposed_at is not None
        when = local_label(pairing.proposed_at, timezone_of(ctx.member, ctx.community))
        raise UserError(
            f"Your mock is planned for {when}. `/mock done` opens then, "
            "to confirm it happened and give feedback."
        )


def feedback_seat(ctx: Ctx, value: str) -> tuple[MockSeat, MockPairing]:
    """Return the caller's seat in a mock they may give feedback on now, or refuse."""
    seat, pairing = seat_in(ctx, value)
    if pairing.status not in OPEN_FOR_FEEDBACK or seat.status not in SEATS_FOR_FEEDBACK:
        raise UserError(NOT_YOURS)
    refuse_before_start(ctx, pairing)
    return seat, pairing


@ROUTES.command("mock", "done", "After your mock: confirm it happened and give feedback")
def mock_done(ctx: Ctx, _: NoOptions) -> Reply:
    active = ctx.store(MockStore).active_seat(ctx.member_id)
    if active is None:
        # Reported absent: the report came first, so Dispute is the answer, not `/mock done`.
        reported = pending_report_against(ctx)
        return reported or Reply.note(NOTHING_TO_CONFIRM)
    refuse_before_start(ctx, active[1])
    return Reply.open(feedback_modal(*active))


@ROUTES.action("mock.done")
def done_button(ctx: Ctx, value: str) -> Reply:
    return Reply.open(feedback_modal(*feedback_seat(ctx, value)))


@ROUTES.submit("mock.fb")
def save_feedback(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    seat, pairing = feedback_seat(ctx, value)
    scores, comment = _read(seat.round, fields)
    row = _store(ctx, seat, pairing, scores, comment)
    again = row.id is not None
    ctx.store(MockStore).flush()
    seat.status, seat.done_at = "done", seat.done_at or ctx.clock.now()
    store = ctx.store(MockStore)
    gained = (
        store.award(ctx.clock, ctx.member, Reason.FEEDBACK_GIVEN, f"mockfb:{pairing.id}")
        if is_substantive(comment)
        else 0
    )
    target = ctx.store(MockStore).member(seat.interviews_member_id)
    messages = [_feedback_message(ctx, target, row, again)]
    completed, earned, others = _complete(ctx, pairing)
    thanks = _thanks(target, gained, comment, completed=completed, earned=earned)
    return Reply([thanks, *messages, *others])


def _read(round_id: str, fields: dict[str, str]) -> tuple[dict[str, int], str]:
    rubric = rubric_for(round_id)
    try:
        scores = {c: parse_score(fields.get(f"s{i}", ""), c) for i, c in enumerate(rubric.criteria)}
    except RuleError as error:
        raise UserError(rich(*error.text.parts, " Nothing was sent; please try again.")) from None
    comment = (fields.get("comment") or "").strip()
    if len(comment) > COMMENT_LIMIT:
        raise UserError(
            f"Your comments are {len(comment):,} characters; the limit is {COMMENT_LIMIT:,}. "
            "Trim them and send again."
        )
    return scores, comment


def _store(
    ctx: Ctx, seat: MockSeat, pairing: MockPairing, scores: dict[str, int], comment: str
) -> MockFeedback:
    """Save the feedback (a second send updates it); a new row has no id until flushed."""
    assert pairing.id is not None
    store = ctx.store(MockStore)
    found = store.feedback_from(pairing.id, ctx.member_id)
    if found is None:
        found = MockFeedback(
            pairing_id=pairing.id,
            community_id=ctx.community_id,
            from_member_id=ctx.member_id,
            to_member_id=seat.interviews_member_id,
            round=seat.round,
        )
        store.add(found)
    found.scores, found.comment, found.updated_at = scores, comment, ctx.clock.now()
    return found


def _feedback_message(ctx: Ctx, target: Member, row: MockFeedback, again: bool) -> Message:
    round_id, scores, comment = row.round, row.scores, row.comment
    fields = tuple(
        Field(name, f"{value} / {SCORE_HIGH}", inline=True) for name, value in scores.items()
    )
    text = rich(Mention(ctx.member.external_id), f" scored your {round_name(round_id)} interview.")
    if comment:
        text = rich(*text.parts, "\n\n> ", UserText(comment))
    title = "Updated feedback from your mock" if again else "Feedback from your mock interview"
    card = Card(
        title=title,
        text=text,
        fields=fields,
        buttons=(helpful_button(row),),  # helpful.py: +5 to the giver, once
        footer="Only you see this feedback.",
    )
    return Message(card, Visibility.DIRECT, to_member=target.external_id)


def _complete(ctx: Ctx, pairing: MockPairing) -> tuple[bool, int, list[Message]]:
    """Mark the pairing completed once everyone confirmed; award completion points once each.

    Return whether it is complete, the points the caller earned by this confirmation (0 when
    they had them already) and the notes to the others who earned theirs now.
    """
    assert pairing.id is not None
    store = ctx.store(MockStore)
    seats = store.seats(pairing.id)
    if any(s.status != "done" for s in seats):
        return False, 0, []
    pairing.status, pairing.closed_at = "completed", pairing.closed_at or ctx.clock.now()
    messages: list[Message] = []
    earned = 0
    for seat in seats:
        member = store.member(seat.member_id)
        gained = store.award(ctx.clock, member, Reason.MOCK_COMPLETED, f"mock:{pairing.id}")
        if seat.member_id == ctx.member_id:
            earned = gained
        elif gained:
            card = Card(
                title=f"Mock interview completed. +{gained} points.", text="Everyone confirmed it."
            )
            messages.append(Message(card, Visibility.DIRECT, to_member=member.external_id))
    return True, earned, messages


def _thanks(target: Member, gained: int, comment: str, *, completed: bool, earned: int) -> Message:
    lines = [rich("Your feedback is on its way to ", Mention(target.external_id), ".")]
    if gained:
        lines.append(rich(f"+{gained} points for detailed feedback."))
    elif not is_substantive(comment):
        lines.append(rich("A few sentences of comments (80+ characters) earn feedback points."))
    if completed and earned:
        lines.append(rich(f"Everyone confirmed the mock: +{earned} points."))
    elif completed:
        lines.append(rich("Everyone confirmed the mock; its points are already yours."))
    else:
        lines.append(rich("Completion points arrive when your partner confirms too."))
    parts = [p for index, line in enumerate(lines) for p in (("\n",) if index else ()) + line.parts]
    return Message(Card(title="Thanks for the feedback!", text=rich(*parts)))


def member_left(session: Session, clock: Clock, community_id: int, member_id: int) -> list[Message]:
    """Forget a member who left the server or workspace: cancel their request, free partners.

    The hub calls this on a member-removed event and delivers the returned messages: each
    partner is told and put back in the queue with first priority. Nothing else of the member
    is lost.
    """
    store = MockStore(session, community_id)
    community, member = store.community(), store.member_or_none(member_id)
    if community is None or member is None:
        return []
    request = store.waiting_request(member_id)
    if request is not None:
        request.status, request.updated_at = "cancelled", clock.now()
    active = store.active_seat(member_id)
    if active is None:
        return []
    name = UserText(member.display_name or "Your partner")
    why = rich(name, " left this community, so your mock interview is off.")
    return dissolve(Scope(store, clock, community), active[1], member_id, "left", why)
