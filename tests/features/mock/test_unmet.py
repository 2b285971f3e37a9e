"""48 hours after a mock nobody confirmed: "No, we didn't meet" asks why, and acts on it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Message, Reply
from bot.features.mock.tables import MockProfile, MockRequest, MockSeat
from bot.storage.tables import Member
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock.flow import (
    FEEDBACK,
    STARTS,
    card_text,
    mock,
    pair,
    points,
    profile,
    request,
    text_of,
    to,
)
from tests.features.mock.test_followup import tick

STALE = STARTS + timedelta(hours=48)


async def asked(hub: Hub, clock: FakeClock) -> dict[str, Message]:
    """Let the mock close unconfirmed; return each member's "Did you meet?" by member."""
    clock.set(STALE)
    sent = await tick(hub, clock)
    return {m.to_member or "": m for m in sent if m.card.title == "Did you meet?"}


def answer_no(hub: Hub, user: str, question: Message, reason: str) -> Reply:
    """Press No, then the reason given."""
    [no] = [b for b in question.card.buttons if b.label == "No, we didn't meet"]
    why = hub.press(actor(user), no.action, no.value)
    [pick] = [b for b in why.messages[0].card.buttons if b.label == reason]
    return hub.press(actor(user), pick.action, pick.value)


async def test_no_asks_what_happened_with_three_reasons(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    question = (await asked(hub, clock))["u1"]
    assert "**No** asks what happened: if your partner didn't come, you go first in line" in (
        card_text(question.card)
    )
    [no] = [b for b in question.card.buttons if b.label == "No, we didn't meet"]
    why = hub.press(actor("u1"), no.action, no.value)
    assert text_of(why) == (
        "What happened?\nTell me why you didn't meet, so I can help with the next one. Nobody "
        "loses points.\nMy partner didn't come\nWe rescheduled\nI couldn't make it"
    )


async def test_a_member_whose_partner_did_not_come_is_rematched_at_once(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    profile(hub, "u3")
    assert "You are in the mock queue." in text_of(request(hub, "u3"))
    question = (await asked(hub, clock))["u1"]
    reply = answer_no(hub, "u1", question, "My partner didn't come")
    assert reply.messages[0].card.text == (
        "Sorry your partner didn't come to your mock interview. I found you a new partner at "
        "once: see your direct messages."
    )
    [notice, announced, *_] = to(reply, "u1")
    assert notice.card.title == "Back in the mock queue, first in line"
    assert announced.card.title == "You have a mock interview partner"
    assert "You are paired with u3" in card_text(announced.card)
    assert to(reply, "u3")[0].card.title == "You have a mock interview partner"
    assert points(hub, "u2") == 0  # nobody is penalised on one side's word


async def test_the_rematched_member_waits_first_in_line_when_nobody_is_free(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    question = (await asked(hub, clock))["u1"]
    reply = answer_no(hub, "u1", question, "My partner didn't come")
    assert reply.messages[0].card.text == (
        "Sorry your partner didn't come to your mock interview. You are first in line: see your "
        "direct messages."
    )
    assert "You are first in line." in text_of(mock(hub, "u1", "status"))
    with Session(hub.engine) as session:
        waiting = session.exec(select(MockRequest).where(MockRequest.status == "waiting")).one()
        assert waiting.priority


async def test_pressing_a_reason_again_changes_nothing(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    question = (await asked(hub, clock))["u1"]
    answer_no(hub, "u1", question, "My partner didn't come")
    again = answer_no_again(hub, "u1", question)
    assert text_of(again) == (
        "You already told me why you didn't meet: “My partner didn't come”. "
        "`/mock request` finds you a new partner."
    )
    assert to(again, "u1") == []


def answer_no_again(hub: Hub, user: str, question: Message) -> Reply:
    [no] = [b for b in question.card.buttons if b.label == "No, we didn't meet"]
    return hub.press(actor(user), no.action, no.value)


async def test_a_pair_that_rescheduled_can_still_give_feedback_later(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    question = (await asked(hub, clock))["u2"]
    reply = answer_no(hub, "u2", question, "We rescheduled")
    assert text_of(reply) == (
        "Enjoy your mock\nThis mock is closed here, so I won't remind you of the new time. Once "
        "you have met, press **Give feedback** here: your partner gets it, and the mock counts "
        "when everyone confirms.\nGive feedback"
    )
    clock.set(STALE + timedelta(days=2))
    button = reply.messages[0].card.buttons[0]
    opened = hub.press(actor("u2"), button.action, button.value)
    assert opened.modal is not None
    fields = {f"s{i}": "3" for i in range(4)} | {"comment": FEEDBACK}
    sent = hub.submit(actor("u2"), opened.modal.action, opened.modal.value, fields)
    assert to(sent, "u1")[0].card.title == "Feedback from your mock interview"


async def test_a_member_who_could_not_make_it_is_thanked_and_not_requeued(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    question = (await asked(hub, clock))["u2"]
    reply = answer_no(hub, "u2", question, "I couldn't make it")
    assert to(reply, "u2") == []
    assert "Not in the queue." in text_of(mock(hub, "u2", "status"))
    with Session(hub.engine) as session:
        seat = session.exec(select(MockSeat).where(MockSeat.status == "missed")).one()
        assert seat.unmet_reason == "could_not"


async def test_another_member_cannot_answer_for_the_pair(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    profile(hub, "u3")
    question = (await asked(hub, clock))["u1"]
    [no] = [b for b in question.card.buttons if b.label == "No, we didn't meet"]
    refused = hub.press(actor("u3"), "mock.unmet.why", f"{no.value}:absent")
    assert "That mock is not one of yours any more." in text_of(refused)
    forged = hub.press(actor("u1"), "mock.unmet.why", f"{no.value}:bogus")
    assert "That mock is not one of yours any more." in text_of(forged)


async def test_a_paused_member_is_told_how_to_come_back_instead_of_a_rematch(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    question = (await asked(hub, clock))["u1"]
    with Session(hub.engine) as session:
        u1 = session.exec(select(Member).where(Member.external_id == "u1")).one()
        found = session.exec(select(MockProfile).where(MockProfile.member_id == u1.id)).one()
        found.paused = True
        session.add(found)
        session.commit()
    reply = answer_no(hub, "u1", question, "My partner didn't come")
    assert text_of(reply) == (
        "Sorry your partner didn't come to your mock interview. Your mock interviews are "
        "paused: `/mock resume`, then `/mock request` finds you a new partner."
    )
    assert to(reply, "u1") == []


async def test_did_you_meet_waits_out_quiet_hours_but_the_mock_closes_on_time(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    profile(hub, "u1", zone="Asia/Tokyo")  # 48 hours after, it is 02:00 in Tokyo
    assert list(await asked(hub, clock)) == ["u2"]
    assert "Not in the queue." in text_of(mock(hub, "u1", "status"))  # closed all the same
    clock.set(STALE + timedelta(hours=5, minutes=59))  # 07:59 in Tokyo
    assert await tick(hub, clock) == []
    clock.set(STALE + timedelta(hours=6))
    [late] = await tick(hub, clock)
    assert (late.to_member, late.card.title) == ("u1", "Did you meet?")
    assert "planned for Wed 2 Dec, 02:00 (Asia/Tokyo)" in card_text(late.card)
    clock.set(STALE + timedelta(hours=9))
    assert await tick(hub, clock) == []
