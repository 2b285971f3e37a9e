"""Writing, checking, editing and deleting stories through the hub."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Visibility
from bot.features.story.tables import Story
from tests.conftest import actor
from tests.features.story.flow import GOOD, points_of, press, text_of, write


def _stories(hub: Hub) -> list[Story]:
    with Session(hub.engine) as session:
        return list(session.exec(select(Story).order_by(Story.id)))  # type: ignore[arg-type]


def test_new_opens_a_form_with_a_title_and_the_four_star_parts(hub: Hub) -> None:
    opened = hub.command_text(actor("u1"), "story", "new principle:dive-deep second:ownership")
    assert opened.modal is not None
    assert opened.modal.title == "Your STAR story"
    labels = [box.label for box in opened.modal.inputs]
    assert labels == [
        "Title (a few words you will recognise)",
        "Situation: where, when, what was at stake",
        "Task: what you were responsible for",
        "Action: what YOU did, step by step",
        "Result: what happened, with numbers",
    ]


def test_a_good_story_is_saved_privately_with_points_and_a_clean_check(hub: Hub) -> None:
    reply = write(hub)
    shown = text_of(reply)
    assert reply.messages[0].visibility is Visibility.EPHEMERAL
    assert "Story #1 saved: Fixed the flaky ranking pipeline. +15 points." in shown
    assert "**Automatic check: nothing to fix.**" in shown
    assert "it shows Ownership" in shown
    assert "Speaking time: about 2:35 (aim for 2–3 min)" in shown
    assert "It goes to 2 reviewers; their feedback reaches you by direct message." in shown
    labels = [b.label for b in reply.messages[0].card.buttons]
    assert labels == ["Edit", "Show", "Share in channel"]
    assert points_of(hub, "u1") == 15


def test_a_weak_story_is_saved_and_the_check_lists_each_finding_with_a_suggestion(
    hub: Hub,
) -> None:
    reply = write(
        hub,
        action="We rebuilt the pipeline and we tested it together with our team.",
        result="It went well.",
    )
    shown = text_of(reply)
    assert "Story #1 saved" in shown
    assert "**Automatic check:** 7 things to improve (advice only; your story is saved)." in shown
    for expected in (
        "The Situation (47 words) is longer than the Action (12 words).",
        "It takes about 0:40 to tell; aim for 2–3 minutes.",
        "The Action is thin (12 words).",
        'The Action says "we" 3 times and "I" never.',
        "The Result is thin (3 words).",
        "The Result has no measurable outcome.",
        "Ownership is not evident in the Action or the Result.",
    ):
        assert expected in shown
    assert "> We rebuilt the pipeline and we tested it together with our team." in shown


def test_a_draft_is_saved_without_points_until_all_four_parts_are_written(hub: Hub) -> None:
    draft = text_of(write(hub, result=""))
    assert "Story #1 saved: Fixed the flaky ranking pipeline." in draft
    assert "+15" not in draft
    assert "The Result is missing." in draft
    assert "Reviewers get it once all four parts are filled in." in draft
    assert points_of(hub, "u1") == 0
    opened = hub.command_text(actor("u1"), "story", "edit story:1")
    assert opened.modal is not None
    done = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, GOOD)
    assert "Story #1 updated: Fixed the flaky ranking pipeline. +15 points." in text_of(done)


def test_editing_opens_the_form_filled_in_and_never_pays_twice(hub: Hub) -> None:
    write(hub)
    opened = hub.command_text(actor("u1"), "story", "edit story:1 principle:dive-deep")
    assert opened.modal is not None
    assert {box.id: box.value for box in opened.modal.inputs} == GOOD
    changed = {**GOOD, "result": "It went fine in the end."}
    reply = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, changed)
    shown = text_of(reply)
    assert "Story #1 updated: Fixed the flaky ranking pipeline." in shown
    assert "The Result has no measurable outcome." in shown
    assert "Dive Deep is not evident" not in shown  # the Action traced logs: a cue
    assert points_of(hub, "u1") == 15
    assert _stories(hub)[0].principles == "dive-deep"


def test_the_edit_button_opens_the_same_form(hub: Hub) -> None:
    opened = press(hub, "u1", write(hub), "Edit")
    assert opened.modal is not None
    assert opened.modal.action == "story.edit"
    assert opened.modal.inputs[0].value == GOOD["title"]


def test_stories_are_numbered_per_member(hub: Hub) -> None:
    write(hub, "u1")
    write(hub, "u2")
    assert "Story #2 saved" in text_of(write(hub, "u1", title="Second"))
    assert [(s.number, s.title) for s in _stories(hub)] == [
        (1, GOOD["title"]),
        (1, GOOD["title"]),
        (2, "Second"),
    ]


def test_deleting_asks_first_then_removes_the_text_but_keeps_points_and_numbers(
    hub: Hub,
) -> None:
    write(hub)
    asked = hub.command_text(actor("u1"), "story", "delete story:1")
    shown = text_of(asked)
    assert "Delete story #1: Fixed the flaky ranking pipeline" in shown
    assert "Nothing happens unless you press the button." in shown
    assert _stories(hub)[0].title == GOOD["title"]
    done = press(hub, "u1", asked, "Delete story #1")
    assert "Story #1 is deleted, with its reviews. Points you earned stay." in text_of(done)
    row = _stories(hub)[0]
    assert (row.title, row.situation, row.task, row.action, row.result) == ("", "", "", "", "")
    assert points_of(hub, "u1") == 15
    assert "Story #1 was deleted." in text_of(
        hub.command_text(actor("u1"), "story", "edit story:1")
    )
    assert "Story #1 was deleted." in text_of(press(hub, "u1", asked, "Delete story #1"))
    assert "Story #2 saved" in text_of(write(hub))


def test_bad_options_get_clear_messages(hub: Hub) -> None:
    missing = text_of(hub.command_text(actor("u1"), "story", "new"))
    assert "`principle` is required. Usage: `/story new principle:<choice>" in missing
    unknown = text_of(hub.command_text(actor("u1"), "story", "new principle:charm"))
    assert "`principle` must be one of: customer-obsession, ownership" in unknown
    number = text_of(hub.command_text(actor("u1"), "story", "edit story:zero"))
    assert "`story` takes a whole number." in number


def test_a_forged_form_or_button_is_refused_and_saves_nothing(hub: Hub) -> None:
    refused = hub.submit(actor("u1"), "story.new", "99", GOOD)
    assert "That button no longer works." in text_of(refused)
    assert "That button no longer works." in text_of(hub.press(actor("u1"), "story.show", "x"))
    assert "not one of yours" in text_of(hub.press(actor("u1"), "story.edit", "404"))
    assert _stories(hub) == []


def test_an_oversized_part_is_refused_and_the_saved_story_is_untouched(hub: Hub) -> None:
    write(hub)
    opened = hub.command_text(actor("u1"), "story", "edit story:1")
    assert opened.modal is not None
    too_long = {**GOOD, "action": "I " * 1600}
    refused = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, too_long)
    assert (
        "Your Action is 3,199 characters; the limit is 3,000. Trim it and send it again; "
        "nothing was changed." in text_of(refused)
    )
    assert _stories(hub)[0].action == GOOD["action"]


def test_an_empty_story_or_title_is_refused(hub: Hub) -> None:
    empty = write(hub, situation="", task=" ", action="-", result="")
    assert "Your story is empty. Write at least one of Situation, Task, Action and Result" in (
        text_of(empty)
    )
    untitled = write(hub, title="   ")
    assert "Give your story a title, a few words you will recognise it by." in text_of(untitled)
    assert _stories(hub) == []


def test_editing_with_only_a_second_principle_keeps_the_first(hub: Hub) -> None:
    write(hub)
    opened = hub.command_text(actor("u1"), "story", "edit story:1 second:dive-deep")
    assert opened.modal is not None
    hub.submit(actor("u1"), opened.modal.action, opened.modal.value, GOOD)
    assert _stories(hub)[0].principles == "ownership,dive-deep"
