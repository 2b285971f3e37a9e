"""What a pairing looks like: the private announcement, the interviewer packet, the invite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from bot.core.cards import Attachment, Button, Card, Field, Mention, Rich, Style, Text, rich
from bot.core.mock_availability import local_label
from bot.core.mock_rules import rubric_for
from bot.core.vocabulary import LEVEL_LABELS, LEVELS, ROUND_NAMES
from bot.storage.tables import Question

MINUTES_PER_INTERVIEW = 45
FIELD_LIMIT = 1000
AFTER = (
    "`/mock done` to give feedback · `/mock noshow` if your partner does not come · "
    "`/mock cancel` if you cannot make it"
)


@dataclass(frozen=True)
class Person:
    """A member as a pairing card shows them."""

    member_id: int
    external_id: str
    name: str
    timezone: str
    round: str
    level: str


def round_name(round_id: str) -> str:
    return ROUND_NAMES.get(round_id, round_id)


def level_name(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


def announcement(
    pairing_id: int,
    me: Person,
    cycle: list[Person],
    start: datetime,
    shared: bool,
    why: str = "",
    answer_by: datetime | None = None,
) -> Card:
    """The private card telling a member who their partner is, when, and in which order.

    With `answer_by`, the card asks to accept the time (or pick another) by then.
    """
    others = [p for p in cycle if p.member_id != me.member_id]
    names = _join([Mention(p.external_id) for p in others])
    when = local_label(start, me.timezone)
    if not shared and answer_by is not None:
        when += "\nYour weekly hours do not overlap: accept this time or press **Another time**."
    elif not shared:
        when += "\nYour weekly hours do not overlap: this is a suggestion, agree a time together."
    return Card(
        title="You have a mock interview partner" if len(cycle) == 2 else "You are in a mock trio",
        text=rich("You are paired with ", *names.parts, " (same target role).", why),
        fields=(
            Field("Proposed time", when),
            Field("Order", _order(me, cycle)),
            Field("You will be asked", f"{round_name(me.round)} · {level_name(me.level)}"),
            Field("Afterwards", AFTER),
        ),
        buttons=(
            Button("Give feedback", "mock.done", str(pairing_id), Style.PRIMARY),
            Button("Partner didn't show", "mock.noshow", str(pairing_id)),
            *_answers(pairing_id, start, answer_by),
        ),
        footer=_answer_footer(answer_by, me.timezone)
        + "Calendar invite attached: mock-interview.ics",
        files=(invite(pairing_id, cycle, start, me.timezone),),
    )


def time_value(pairing_id: int, start: datetime) -> str:
    """What an Accept button carries: the pairing and the very time accepted."""
    return f"{pairing_id}:{int(start.timestamp())}"


def _answers(pairing_id: int, start: datetime, answer_by: datetime | None) -> tuple[Button, ...]:
    if answer_by is None:
        return ()
    return (
        Button("Accept", "mock.accept", time_value(pairing_id, start), Style.PRIMARY),
        Button("Another time", "mock.other", str(pairing_id)),
    )


def _answer_footer(answer_by: datetime | None, tz: str) -> str:
    if answer_by is None:
        return ""
    return (
        f"Accept or pick another time by {local_label(answer_by, tz)}: if you have not all "
        "accepted one by then, the pairing is released and you go back to the front of the "
        "queue.\n"
    )


def order_of(me: Person, cycle: list[Person]) -> Text:
    """Who interviews whom, in turn, as a member reads it."""
    return _order(me, cycle)


def _join(names: list[Mention]) -> Rich:
    joined: list[str] = []
    for index, name in enumerate(names):
        if index:
            joined.append(" and " if index == len(names) - 1 else ", ")
        joined.append(name)
    return rich(*joined)


def _order(me: Person, cycle: list[Person]) -> Text:
    parts: list[str] = []
    for step, person in enumerate(cycle, start=1):
        target = cycle[step % len(cycle)]
        mine = person.member_id == me.member_id
        parts += ["\n" if parts else "", f"{step}. "]
        parts += ["You interview "] if mine else [Mention(person.external_id), " interviews "]
        parts += ["you"] if target.member_id == me.member_id else [Mention(target.external_id)]
        parts.append(f" ({round_name(target.round)})")
    return rich(*parts)


def invite(
    pairing_id: int, cycle: list[Person], start: datetime, tz: str, sequence: int = 0
) -> Attachment:
    """A calendar invite for the proposed time, one interview slot per member.

    The event itself is in UTC (calendars show it in their own zone); its text names the time
    in the member's zone, as their message does. Each confirmation bumps `sequence` under the
    same UID, so a calendar moves the event instead of adding a second one.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//PrepLoop//mock interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"preploop-mock-{pairing_id}@preploop")
    event.add("sequence", sequence)
    event.add("dtstamp", start)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=MINUTES_PER_INTERVIEW * len(cycle)))
    event.add("summary", "Mock interview: " + " & ".join(p.name for p in cycle))
    label = "Confirmed time" if sequence else "Proposed time"
    proposed = f"{label}: {local_label(start, tz)}. "
    event.add(
        "description",
        "Peer mock interview arranged by PrepLoop. " + proposed + AFTER.replace("`", ""),
    )
    calendar.add_component(event)
    return Attachment("mock-interview.ics", calendar.to_ical(), "text/calendar", "Calendar invite")


def packet(interviewee: Person, question: Question | None) -> Card:
    """The private interviewer packet: what to ask, hints to give, what a strong answer covers."""
    title = f"Interviewer packet: {round_name(interviewee.round)}"
    if question is None:
        return Card(
            title=title,
            text=rich(
                "The question bank has no question for this round that ",
                Mention(interviewee.external_id),
                " has not met yet. Ask them one you know well from this round, "
                "and note what a strong answer covers.",
            ),
            fields=(_scored_on(interviewee.round),),
        )
    data: dict[str, Any] = question.data
    fields = [
        Field("Hints to give when stuck", _bullets(data.get("hints", []), numbered=True)),
        Field("A strong answer covers", _bullets(data.get("strong_answer", []))),
        Field("Follow-ups", _bullets(data.get("follow_ups", []))),
    ]
    for key, name in (("listen_for", "Listen for"), ("red_flags", "Red flags")):
        if data.get(key):
            fields.append(Field(name, _bullets(data[key])))
    fields.extend(_anchors(data.get("level_anchors") or {}, interviewee.level))
    fields.append(_scored_on(interviewee.round))
    return Card(
        title=f"{title} · {question.title}",
        text=rich(
            "You ask ", Mention(interviewee.external_id), ":\n\n", str(data.get("prompt", ""))
        ),
        fields=tuple(fields),
        footer=f"Question {question.id} · {level_name(interviewee.level)} · keep this private",
    )


def _anchors(anchors: dict[str, str], level: str) -> list[Field]:
    """What an answer at the interviewee's level shows, and what the next level up adds."""
    if level not in anchors:
        return []
    fields = [Field(f"At {level_name(level)} (their level), an answer shows", anchors[level])]
    above = LEVELS[LEVELS.index(level) + 1 :]
    if above and above[0] in anchors:
        fields.append(Field(f"At {level_name(above[0])}, an answer shows", anchors[above[0]]))
    return fields


def _scored_on(round_id: str) -> Field:
    """The rubric `/mock done` will ask the interviewer to score, so they listen for it."""
    rubric = rubric_for(round_id)
    return Field(f"You will score ({rubric.name})", " · ".join(rubric.criteria))


def _bullets(items: list[Any], numbered: bool = False) -> str:
    lines = [f"{n}. {item}" if numbered else f"• {item}" for n, item in enumerate(items, 1)]
    text = "\n".join(lines)
    return text if len(text) <= FIELD_LIMIT else text[: FIELD_LIMIT - 1] + "…"
