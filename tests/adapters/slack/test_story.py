"""`/story` through the real bolt app: write, review, the author's direct message, the map."""

from __future__ import annotations

import json
from typing import Any

from tests.adapters.slack.conftest import Workspace, buttons, texts
from tests.adapters.slack.fake_slack import CHANNEL, view_submission
from tests.features.story.flow import ACTION, COMMENTS, GOOD


async def _form(slack: Workspace, text: str, user: str, count: int = 1) -> dict[str, Any]:
    await slack.command(text, user=user, command="/story")
    opened = await slack.fake.wait_for("views.open", count)
    return dict(opened[-1]["view"])


async def _write(slack: Workspace, user: str = "U1") -> dict[str, Any]:
    view = await _form(slack, "new principle:ownership", user)
    assert [b["block_id"] for b in view["blocks"]] == [
        "title",
        "situation",
        "task",
        "action",
        "result",
    ]
    assert all(b["element"]["max_length"] <= 3000 for b in view["blocks"])
    await slack.dispatch(view_submission(view, GOOD, user=user))
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    return saved


async def test_a_story_is_saved_privately_with_its_check(slack: Workspace) -> None:
    saved = await _write(slack)
    assert (saved["channel"], saved["user"]) == (CHANNEL, "U1")
    shown = texts(saved)
    assert "Story #1 saved: Fixed the flaky ranking pipeline. +15 points." in shown
    assert "Automatic check: nothing to fix." in shown
    assert {"Edit", "Show", "Share in channel"} <= set(buttons(saved))
    assert slack.fake.of("chat.postMessage") == []


async def test_a_review_reaches_the_author_by_direct_message(slack: Workspace) -> None:
    await _write(slack, "U1")
    await slack.command("review", user="U2", command="/story")
    handed = await slack.fake.wait_responses()
    shown = "\n".join(texts(m) for m in handed)
    assert "Review this story: Fixed the flaky ranking pipeline" in shown
    take = buttons(handed[-1])["Take it"]
    await slack.press(take["action_id"], take["value"], user="U2")
    taken = (await slack.fake.wait_responses(len(handed) + 2))[len(handed) :]
    write = next(buttons(m)["Write review"] for m in taken if "Write review" in buttons(m))
    await slack.press(write["action_id"], write["value"], user="U2")
    view = dict((await slack.fake.wait_for("views.open", 2))[-1]["view"])
    assert view["title"]["text"] == "Review the story"
    values = {"scores": "3 4 3 4 3", "comments": COMMENTS}
    await slack.dispatch(view_submission(view, values, user="U2"))
    [letter] = await slack.fake.wait_for("chat.postMessage")
    assert slack.fake.of("conversations.open")[-1]["users"] == "U1"
    assert "New review of your story #1: Fixed the flaky ranking pipeline" in texts(letter)
    assert "Helpful" in buttons(letter)
    thanks = (await slack.fake.wait_for("chat.postEphemeral", 2))[-1]
    assert thanks["user"] == "U2"
    assert "+10 points." in texts(thanks)


async def test_the_coverage_map_comes_with_its_picture(slack: Workspace) -> None:
    await _write(slack)
    await slack.command("coverage", user="U1", command="/story")
    await slack.fake.wait_for("files.completeUploadExternal")
    shown = json.dumps([slack.fake.calls, slack.fake.responses])
    assert "Your Leadership Principle map: 1 of 16 covered" in shown
    assert slack.fake.uploads and slack.fake.uploads[0].startswith(b"\x89PNG")


async def _write_with(slack: Workspace, principle: str, **changes: str) -> str:
    view = await _form(slack, f"new principle:{principle}", "U1")
    await slack.dispatch(view_submission(view, GOOD | changes, user="U1"))
    [saved] = await slack.fake.wait_for("chat.postEphemeral")
    return texts(saved)


async def test_a_cue_inside_another_word_does_not_show_the_principle(slack: Workspace) -> None:
    action = ACTION.replace("scheduler logs and traced", "product catalogs and tied")
    shown = await _write_with(slack, "dive-deep", action=action)
    assert "Dive Deep is not evident in the Action or the Result." in shown


async def test_a_one_word_part_is_counted_as_one_word(slack: Workspace) -> None:
    shown = await _write_with(slack, "ownership", task="Reliability")
    assert "The Task is thin (1 word)." in shown


async def test_a_story_of_one_letter_parts_is_told_it_earns_no_points(slack: Workspace) -> None:
    shown = await _write_with(slack, "ownership", **dict.fromkeys(GOOD, "y"))
    assert "+15 points" not in shown
    assert "No points yet: the check found the Situation thin" in shown


async def test_after_three_skips_a_reviewer_is_told_the_story_stays(slack: Workspace) -> None:
    for count, user in enumerate(("U1", "U3", "U4", "U5"), start=1):
        view = await _form(slack, "new principle:ownership", user, count)
        await slack.dispatch(view_submission(view, GOOD, user=user))
    await slack.command("review", user="U2", command="/story")
    offered = (await slack.fake.wait_responses())[-1]
    assert "You can skip 3 more stories today." in texts(offered)
    assert ACTION[:40] not in texts(offered)
    for count in range(2, 5):
        skip = buttons(offered)["Skip this one"]
        await slack.press(skip["action_id"], skip["value"], user="U2")
        offered = (await slack.fake.wait_responses(count))[-1]
    assert "You have no skips left today." in texts(offered)
    assert list(buttons(offered)) == ["Take it"]
    await slack.press(skip["action_id"], buttons(offered)["Take it"]["value"], user="U2")
    refused = texts((await slack.fake.wait_responses(5))[-1])
    assert "You have used your 3 skips for today, so this story stays yours" in refused
