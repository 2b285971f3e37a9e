"""`/prep` through the real bolt app: start, the plan with its picture, the plan item."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import Workspace, buttons, texts


async def test_a_member_starts_a_plan_and_sees_it_with_its_picture(slack: Workspace) -> None:
    await slack.command("start date:2026-12-29 level:senior", user="U1", command="/prep")
    [started] = await slack.fake.wait_responses()
    assert started["response_type"] == "ephemeral"
    assert "28 items, one a day from Tue 1 Dec" in texts(started)
    await slack.command("", user="U1", command="/prep")
    await slack.fake.wait_for("files.completeUploadExternal")
    shown = json.dumps([slack.fake.calls, slack.fake.responses])
    assert "Your prep plan: 28 days to your interview (Tue 29 Dec)" in shown
    assert slack.fake.uploads and slack.fake.uploads[0].startswith(b"\x89PNG")


async def test_todays_item_has_the_usual_rating_buttons(slack: Workspace) -> None:
    await slack.command("start date:2026-12-29", user="U1", command="/prep")
    await slack.fake.wait_responses()
    await slack.press("pp.next", "", user="U1")
    [*_, item] = await slack.fake.wait_responses(2)
    assert "Prep plan · Coding · practice question" in texts(item)
    assert {"Hint", "Nailed it", "Partial", "Missed"} <= set(buttons(item))
    missed = buttons(item)["Missed"]
    await slack.press(missed["action_id"], missed["value"], user="U1")
    [*_, rated] = await slack.fake.wait_responses(3)
    assert "It counts toward your prep plan." in texts(rated)
