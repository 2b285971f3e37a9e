"""Hostile input straight into the hub: every command, option, button and form."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, col, func, select

from bot.app.feature import registry_of
from bot.core.actors import Actor
from bot.core.cards import Modal
from bot.features import FEATURES
from bot.features.leaderboard.ledger import ALL_TIME
from bot.features.leaderboard.tables import LedgerEntry, Score
from bot.storage.tables import Community, Member
from tests.features.story.flow import GOOD
from tests.hostile.conftest import Arena, actor_of, hostile
from tests.hostile.figures import FIGURES
from tests.hostile.inputs import (
    ACTIONS,
    FORM_FIELDS,
    SUBMITS,
    action_names,
    command_line,
    commands,
    forged_value,
    form_fields,
    hostile_text,
    options_for,
    short_text,
)

REGISTRY = registry_of(FEATURES)

NAMES = st.one_of(st.sampled_from(("", "Alice", "Bob")), short_text())


def someone(arena: Arena) -> st.SearchStrategy[Actor]:
    """A member of A, admin or not, under any display name."""
    return st.builds(
        lambda user, name: actor_of(arena, user, name), st.sampled_from(arena.members), NAMES
    )


@hostile(1200)
@given(data=st.data())
def test_every_command_with_hostile_options_is_answered_cleanly(
    hub_arena: Arena, data: st.DataObject
) -> None:
    command = data.draw(commands(), "command")
    raw = data.draw(options_for(command), "options")
    who = data.draw(someone(hub_arena), "who")
    watch = hub_arena.watch()
    reply = hub_arena.hub.command(who, command.group, command.name, raw)
    FIGURES.reached("hub", command.group)
    watch.reply(reply, f"/{command.group} {command.name}")
    hub_arena.settle(watch)


@hostile(1200)
@given(data=st.data())
def test_every_command_typed_as_hostile_text_is_answered_cleanly(
    hub_arena: Arena, data: st.DataObject
) -> None:
    command = data.draw(commands(), "command")
    group = data.draw(st.one_of(st.just(command.group), short_text()), "group")
    text = data.draw(st.one_of(command_line(command), hostile_text()), "text")
    who = data.draw(someone(hub_arena), "who")
    watch = hub_arena.watch()
    reply = hub_arena.hub.command_text(who, group, text)
    watch.reply(reply, f"/{group}")
    hub_arena.settle(watch)


@hostile(1200)
@given(data=st.data())
def test_forged_buttons_and_forms_naming_another_community_are_refused(
    hub_arena: Arena, data: st.DataObject
) -> None:
    ids = tuple(hub_arena.other.all_ids())
    who = data.draw(someone(hub_arena), "who")
    watch = hub_arena.watch()
    if data.draw(st.booleans(), "is a button"):
        action = data.draw(action_names(ACTIONS), "action")
        value = data.draw(forged_value(ids), "value")
        reply = hub_arena.hub.press(who, action, value)
    else:
        action = data.draw(action_names(SUBMITS), "form")
        value = data.draw(forged_value(ids), "value")
        fields = data.draw(form_fields(action), "fields")
        reply = hub_arena.hub.submit(who, action, value, fields)
    watch.reply(reply, f"{action} {value[:40]!r}")
    hub_arena.settle(watch)


@hostile(1200)
@given(data=st.data())
def test_real_buttons_and_forms_pressed_in_any_order_are_answered_cleanly(
    hub_arena: Arena, data: st.DataObject
) -> None:
    arena = hub_arena
    # Every draw is made whatever the state, so Hypothesis sees the same shape each time.
    who = data.draw(someone(arena), "who")
    step = data.draw(st.sampled_from(STEPS), "step")
    command = data.draw(commands(), "command")
    line = data.draw(command_line(command), "line")
    scripted = data.draw(st.sampled_from(SCRIPTED), "scripted")
    pick = data.draw(st.integers(0, 2**16), "pick")
    texts = data.draw(st.lists(hostile_text(), min_size=5, max_size=5), "texts")
    valid = data.draw(st.booleans(), "valid")
    watch = arena.watch()
    if step == "scripted":
        reply = arena.hub.command_text(who, *scripted)
    elif step == "command" or not arena.buttons or not arena.modals:
        reply = arena.hub.command_text(who, command.group, line)
    elif step == "press":
        button = arena.buttons[pick % len(arena.buttons)]
        reply = arena.hub.press(who, button.action, button.value)
    else:
        modal = arena.modals[pick % len(arena.modals)]
        fields = filled(modal, texts, valid)
        reply = arena.hub.submit(who, modal.action, modal.value, fields)
        if step == "replay":  # the same form sent twice: the second counts nothing twice
            watch.reply(reply, f"{modal.action} first")
            reply = arena.hub.submit(who, modal.action, modal.value, fields)
    watch.reply(reply, step)
    arena.remember(reply)
    arena.settle(watch, 2 if step == "replay" else 1)
    assert_scores_match_the_ledger(arena)


STEPS = ("scripted", "command", "press", "press", "press", "submit", "submit", "replay")
SCRIPTED = (  # commands that lead somewhere, so buttons and forms deep in each flow show up
    ("question", ""),
    ("question", "post-now"),
    ("practice", ""),
    ("profile", 'set role:MLE level:mle2 timezone:UTC availability:"daily 00:00-23:30"'),
    ("mock", "request round:onsite_coding"),
    ("mock", "done"),
    ("mock", "noshow"),
    ("mock", "round round:ml_depth hours:1"),
    ("mock", "round round:close"),
    ("story", "new principle:ownership second:dive-deep"),
    ("story", "review"),
    ("story", "mine"),
    ("story", "show story:1"),
    ("story", "delete story:2"),
    ("prep", 'start date:2027-01-20 role:"@everyone <!channel>" rounds:bar_raiser'),
    ("prep", ""),
    ("sprint", "start name:Prep"),
    ("sprint", "start name:Later start:9999-12-31 weeks:12"),
    ("sprint", "end"),
    ("leaderboard", "share:yes"),
    ("profile", "forget"),
)


def filled(modal: Modal, texts: list[str], valid: bool) -> dict[str, str]:
    """The form's inputs filled with hostile text, or with what it accepts around hostile text."""
    fields = {box.id: texts[n % len(texts)] for n, box in enumerate(modal.inputs)}
    if not valid:
        return fields
    accepted = {**GOOD, "scores": "3 4 3 4 3", "s0": "3", "s1": "4", "s2": "2", "s3": "1"}
    free = ("answer", "action", "comments", "comment")
    return {
        box.id: texts[0] if box.id in free else accepted.get(box.id, texts[1])[: box.max_length]
        for box in modal.inputs
    }


def assert_scores_match_the_ledger(arena: Arena) -> None:
    """Every member's all-time score is the sum of their ledger rows: nothing counted twice."""
    with Session(arena.hub.engine) as session:
        ledger = dict(
            session.exec(
                select(LedgerEntry.member_id, func.sum(LedgerEntry.points))
                .join(Member, col(Member.id) == LedgerEntry.member_id)
                .join(Community, col(Community.id) == Member.community_id)
                .where(Community.external_id == "alpha")
                .group_by(col(LedgerEntry.member_id))
            ).all()
        )
        scores = dict(
            session.exec(
                select(Score.member_id, Score.points).where(
                    col(Score.member_id).in_(list(ledger)), Score.period == ALL_TIME
                )
            ).all()
        )
    assert scores == ledger


def test_the_strategies_know_the_inputs_of_every_form() -> None:
    assert set(FORM_FIELDS) == set(REGISTRY.submits)
