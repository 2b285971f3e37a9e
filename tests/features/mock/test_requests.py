"""Profiles, requests and instant pairing through the hub, on a real SQLite database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Mention, Visibility
from bot.features.daily.tables import Answer, DailyPost
from bot.features.mock.tables import MockRequest, MockSeat
from bot.storage.tables import Member
from tests.conftest import actor
from tests.features.mock.flow import (
    add_question,
    card_text,
    mock,
    pair,
    profile,
    request,
    retire_all,
    text_of,
    to,
)


def test_mock_without_a_profile_walks_the_member_through_profile_set(hub: Hub) -> None:
    shown = text_of(mock(hub, "u1", ""))
    assert "First, your mock profile" in shown
    assert '/profile set role:MLE level:mle2 timezone:Europe/London availability:"mon-fri' in shown
    assert "role: MLE · SDE · Applied Scientist · Data Scientist" in shown
    assert "`mle1` (MLE I) · `mle2` (MLE II) · `senior` (Senior) · `principal` (Principal)" in shown
    assert "Then `/mock request` finds you a partner." in shown
    assert "First, your mock profile" in text_of(request(hub, "u1"))


def test_profile_set_saves_everything_and_the_members_time_zone(hub: Hub) -> None:
    saved = text_of(profile(hub, "u1", role='"applied scientist"', zone="europe/paris"))
    assert "Your mock profile is saved." in saved
    assert "Target role: Applied Scientist" in saved
    assert "Level: MLE II" in saved
    assert "Time zone: Europe/Paris" in saved
    assert "Weekly availability: mon-fri 18:00-21:00, sat 10:00-14:00" in saved
    with Session(hub.engine) as session:
        assert session.exec(select(Member.timezone)).one() == "Europe/Paris"


def test_profile_set_changes_only_what_is_given(hub: Hub) -> None:
    profile(hub, "u1")
    changed = text_of(hub.command_text(actor("u1"), "profile", "set level:senior"))
    assert "Level: Senior" in changed
    assert "Target role: MLE" in changed
    assert "Weekly availability: mon-fri 18:00-21:00" in changed


def test_a_new_profile_needs_a_role_and_a_level(hub: Hub) -> None:
    refused = text_of(hub.command_text(actor("u1"), "profile", "set role:MLE"))
    assert "A new profile needs a role and a level; `level` is missing." in refused
    bare = text_of(hub.command_text(actor("u1"), "profile", "set"))
    assert "What would you like to set?" in bare


def test_preferences_are_saved_without_a_mock_profile_and_shown_with_one(hub: Hub) -> None:
    saved = text_of(
        hub.command_text(actor("u1"), "profile", "set reviewer:on digest:off timezone:Asia/Tokyo")
    )
    assert "Saved." in saved and "Story reviewer: on" in saved and "Weekly digest: off" in saved
    assert "Time zone: Asia/Tokyo" in saved and "A new profile needs" not in saved
    with Session(hub.engine) as session:
        member = session.exec(select(Member)).one()
        assert (member.reviewer, member.weekly_digest, member.mock_reminders) == (True, False, True)
    later = text_of(profile(hub, "u1"))
    assert "Your mock profile is saved." in later
    assert "Story reviewer: on" in later and "Mock reminders: on" in later
    off = text_of(hub.command_text(actor("u1"), "profile", "set reminders:off"))
    assert "Mock reminders: off" in off and "Target role: MLE" in off


def test_without_hours_the_default_hours_are_shown(hub: Hub) -> None:
    saved = text_of(profile(hub, "u1", hours=""))
    assert "Weekly availability: daily 09:00-21:00 (the default)" in saved


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "set role:Astronaut level:mle1",
            "“Astronaut” is not a target role here. Choose one of: MLE",
        ),
        ("set role:MLE level:intern", "`level` must be one of: mle1, mle2, senior, principal."),
        ("set role:MLE level:mle1 timezone:Mars/Base", "I don't know the time zone “Mars/Base”."),
        ('set role:MLE level:mle1 availability:"mon 21:00-18:00"', "“21:00-18:00” ends before"),
        ('set role:MLE level:mle1 availability:"someday 10-12"', "“someday” is not a day"),
    ],
)
def test_bad_profile_input_gets_a_clear_message_and_saves_nothing(
    hub: Hub, line: str, message: str
) -> None:
    refused = text_of(hub.command_text(actor("u1"), "profile", line))
    assert message in refused
    assert "First, your mock profile" in text_of(mock(hub, "u1", "status"))


def test_an_unknown_round_lists_the_rounds(hub: Hub) -> None:
    profile(hub, "u1")
    refused = text_of(request(hub, "u1", "round:juggling"))
    assert "`round` must be one of: online_assessment, phone_screen, onsite_coding" in refused


def test_a_lone_member_waits_and_is_told_nobody_shares_their_role(hub: Hub) -> None:
    profile(hub, "u1")
    waiting = text_of(request(hub, "u1"))
    assert "You are in the mock queue." in waiting
    assert "Round: **Onsite coding**." in waiting
    assert "Nobody else here has MLE as target role yet, so you may wait a while" in waiting
    assert "You stay in the queue until someone with your target role asks." in waiting
    assert "mock round" not in waiting  # a round cannot pair a member nobody shares a role with


def test_a_second_request_updates_the_first(hub: Hub) -> None:
    profile(hub, "u1")
    request(hub, "u1")
    again = text_of(request(hub, "u1", 'round:bar_raiser window:"sat 10:00-12:00"'))
    assert "Updated your mock request." in again
    assert "Only these hours: sat 10:00-12:00." in again
    with Session(hub.engine) as session:
        rows = session.exec(select(MockRequest)).all()
    assert [(r.round, r.window, r.status) for r in rows] == [
        ("bar_raiser", "sat 10:00-12:00", "waiting")
    ]


def test_a_bad_window_is_refused_and_the_request_is_kept(hub: Hub) -> None:
    profile(hub, "u1")
    request(hub, "u1")
    refused = text_of(request(hub, "u1", 'round:ml_depth window:"sat 14:00-10:00"'))
    assert "“14:00-10:00” ends before it starts." in refused
    assert "Onsite coding" in text_of(mock(hub, "u1", "status"))


def test_members_of_different_roles_are_not_paired(hub: Hub) -> None:
    profile(hub, "u1")
    profile(hub, "u2", role="SDE")
    request(hub, "u1")
    assert "You are in the mock queue." in text_of(request(hub, "u2"))


def test_members_without_shared_hours_are_told_when_they_will_be_paired_anyway(hub: Hub) -> None:
    profile(hub, "u1", hours='"sat 10:00-12:00"')
    profile(hub, "u2", hours='"mon 10:00-12:00"')
    request(hub, "u1")
    waiting = text_of(request(hub, "u2"))
    assert "I'll pair you as soon as someone new with your target role and hours" in waiting
    assert (
        "If nobody new asks (and no mock round opens) by Wed 2 Dec, 10:00 (Europe/Paris), "
        "I'll pair you with someone waiting whose hours do not overlap yours "
        "(you agree a time together)."
    ) in waiting


def test_a_waiting_partner_gives_an_instant_pairing_announced_privately(hub: Hub) -> None:
    reply = pair(hub)
    assert reply.messages[0].visibility is Visibility.EPHEMERAL
    assert "You have a partner!" in card_text(reply.messages[0].card)
    first, second = to(reply, "u1"), to(reply, "u2")
    assert len(first) == len(second) == 2
    mine = card_text(first[0].card)
    assert "You have a mock interview partner" in mine
    assert Mention("u2") in first[0].card.text.parts  # type: ignore[union-attr]
    # 17:00 UTC: the first hour both share after a 4-hour lead, in each member's own zone.
    assert "Proposed time: Tue 1 Dec, 18:00 (Europe/Paris)" in mine
    assert "Proposed time: Tue 1 Dec, 12:00 (America/New_York)" in card_text(second[0].card)
    assert "1. u2 interviews you (Onsite coding)\n2. You interview u2 (ML depth)" in mine
    assert "You will be asked: Onsite coding · MLE II" in mine
    assert [b.label for b in first[0].card.buttons] == [
        "Give feedback",
        "Partner didn't show",
        "Accept",
        "Another time",
    ]


def test_the_calendar_invite_is_a_valid_ics_file(hub: Hub) -> None:
    invite = to(pair(hub), "u1")[0].card.files[0]
    assert (invite.filename, invite.mime) == ("mock-interview.ics", "text/calendar")
    event = Calendar.from_ical(invite.data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 17, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
    assert str(event.get("summary")) == "Mock interview: U2 & U1"


def test_each_member_gets_a_packet_for_the_partners_round_and_level(hub: Hub) -> None:
    retire_all(hub)
    add_question(hub, "depth-senior", ["ml_depth"], ["senior"])
    add_question(hub, "coding-mle2", ["onsite_coding"], ["mle2"], category="coding")
    reply = pair(hub)
    packet_for_u2 = card_text(to(reply, "u1")[1].card)
    assert "Interviewer packet: ML depth · Question depth-senior" in packet_for_u2
    assert "You ask u2:\n\nPrompt of depth-senior" in packet_for_u2
    assert "Hints to give when stuck: 1. Hint one for depth-senior\n2. Hint two" in packet_for_u2
    assert "A strong answer covers: • Strong point A of depth-senior" in packet_for_u2
    assert "keep this private" in packet_for_u2
    assert "Question coding-mle2" in card_text(to(reply, "u2")[1].card)


def test_a_round_without_questions_gets_a_packet_that_says_so(hub: Hub) -> None:
    retire_all(hub)
    packet = card_text(to(pair(hub), "u1")[1].card)
    assert "The question bank has no question for this round that u2 has not met yet." in packet
    assert "Ask them one you know well from this round" in packet


def test_the_packet_question_is_never_one_the_partner_answered_as_a_daily(hub: Hub) -> None:
    retire_all(hub, but="two-sum")
    shown = hub.command_text(actor("u2"), "question", "")
    answer = shown.messages[0].card.buttons[0]
    opened = hub.press(actor("u2"), answer.action, answer.value)
    assert opened.modal is not None
    hub.submit(actor("u2"), opened.modal.action, opened.modal.value, {"answer": "a hash map"})
    add_question(hub, "oa-two", ["online_assessment"], ["mle2"], category="coding")
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1")
    reply = request(hub, "u2", "round:online_assessment")
    with Session(hub.engine) as session:
        answered = session.exec(select(DailyPost.question_id).join(Answer)).one()
        asked = session.exec(
            select(MockSeat.question_id).where(MockSeat.round == "online_assessment")
        ).one()
    assert answered == "two-sum"
    assert asked == "oa-two"
    assert "oa-two" in card_text(to(reply, "u1")[1].card)


def test_no_one_is_asked_the_question_in_their_own_packet(hub: Hub) -> None:
    retire_all(hub)
    add_question(hub, "shared", ["onsite_coding"], ["mle2"], category="coding")
    add_question(hub, "other", ["onsite_coding"], ["mle2"], category="coding")
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1")
    request(hub, "u2")
    with Session(hub.engine) as session:
        asked = sorted(q for q in session.exec(select(MockSeat.question_id)) if q)
    assert asked == ["other", "shared"]


def test_status_shows_the_queue_then_the_partner(hub: Hub) -> None:
    profile(hub, "u1")
    assert "Not in the queue. `/mock request round:onsite_coding`" in text_of(
        mock(hub, "u1", "status")
    )
    request(hub, "u1")
    waiting = text_of(mock(hub, "u1", "status"))
    assert (
        "Waiting for a partner for **Onsite coding** since Tue 1 Dec, 10:00 (Europe/Paris)."
        in waiting
    )
    profile(hub, "u2")
    request(hub, "u2")
    paired = text_of(mock(hub, "u1", ""))
    assert "Paired with u2 · proposed time Tue 1 Dec, 18:00 (Europe/Paris)." in paired


def test_a_paired_member_cannot_ask_again_until_the_mock_is_over(hub: Hub) -> None:
    pair(hub)
    refused = text_of(request(hub, "u1"))
    assert "You are already paired with u2. After your mock, `/mock done` gives feedback" in refused


def test_cancelling_a_waiting_request(hub: Hub) -> None:
    profile(hub, "u1")
    request(hub, "u1")
    assert "Cancelled your Onsite coding request. Nothing else changed." in text_of(
        mock(hub, "u1", "cancel")
    )
    assert "You have nothing to cancel." in text_of(mock(hub, "u1", "cancel"))


def test_cancelling_after_matching_requeues_the_partner_first_in_line_and_tells_them(
    hub: Hub,
) -> None:
    pair(hub)
    reply = mock(hub, "u1", "cancel")
    assert "Cancelled your mock with u2. They are back in the queue, first in line" in text_of(
        reply
    )
    told = card_text(to(reply, "u2")[0].card)
    assert "Back in the mock queue, first in line" in told
    assert "u1 had to cancel your mock interview." in told
    status = text_of(mock(hub, "u2", "status"))
    assert "Waiting for a partner for **ML depth**" in status
    assert "You are first in line." in status


def test_a_requeued_member_is_paired_at_once_when_someone_waits(hub: Hub) -> None:
    pair(hub)
    profile(hub, "u3", zone="America/New_York", hours="")
    request(hub, "u3")
    reply = mock(hub, "u1", "cancel")
    assert "You have a mock interview partner" in card_text(to(reply, "u2")[1].card)
    assert to(reply, "u3")


def test_another_communitys_requests_are_never_seen(hub: Hub) -> None:
    profile(hub, "u1")
    request(hub, "u1")
    profile(hub, "u2", community="g2")
    waiting = text_of(request(hub, "u2", community="g2"))
    assert "Nobody else here has MLE as target role yet" in waiting
