"""Rendering: member text never pings nor formats, and Discord's limits are respected."""

from __future__ import annotations

from typing import Any

import pytest

from bot.adapters.discord.components import ActionButton, Form, view_for
from bot.adapters.discord.render import embed, text
from bot.core.cards import Button, Card, Field, Input, Mention, Modal, UserText, rich
from tests.adapters.discord.harness import ALICE, BOB, Harness, callbacks, embeds

RUDE = "@everyone <@&123> **bold** ```"


@pytest.mark.parametrize(
    ("shown", "rendered"),
    [
        (UserText(RUDE), "@\u200beveryone \\<@&123> \\*\\*bold\\*\\* \\`\\`\\`"),
        (UserText("@here <@12345678901234567>"), "@\u200bhere \\<@\u200b12345678901234567>"),
        (
            UserText("# big\n> quote\n[link](https://x.test)"),
            "\\# big\n\\> quote\n\\[link](https://x.test)",
        ),
        (UserText("<#1> <t:1:R> <:e:2>"), "\\<#1> \\<t:1:R> \\<:e:2>"),
        (rich("**Bold** `code` ", UserText("_x_")), "**Bold** `code` \\_x\\_"),
        (
            rich("Paired with ", Mention("1400000000000000002"), "."),
            "Paired with <@1400000000000000002>.",
        ),
        (rich(Mention("@everyone")), "@\u200beveryone"),
        ("> trusted quote\n```py\nx = 1\n```", "> trusted quote\n```py\nx = 1\n```"),
    ],
)
def test_text_shows_member_text_literally_and_trusted_markup_as_is(
    shown: Any, rendered: str
) -> None:
    assert text(shown) == rendered


async def test_a_members_rude_answer_comes_back_escaped_and_nothing_can_ping(
    discord_app: Harness,
) -> None:
    await discord_app.slash("question-admin", "post-now", member=ALICE)
    posted = discord_app.latest()
    [opened] = callbacks(await discord_app.press(posted, "Answer", member=BOB))
    [reply] = embeds(await discord_app.submit(opened["data"], member=BOB, answer=RUDE))
    assert reply["description"] == "> @\u200beveryone \\<@&123> \\*\\*bold\\*\\* \\`\\`\\`"
    await discord_app.press(discord_app.latest(), "Share in the thread", member=BOB)

    sent = discord_app.api.sent_messages()
    assert len(sent) >= 4
    assert all(message["allowed_mentions"] == {"parse": []} for message in sent)


def _size(shown: dict[str, Any]) -> int:
    fields = shown.get("fields", [])
    return (
        len(shown.get("title", ""))
        + len(shown.get("description", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in fields)
        + len(shown.get("footer", {}).get("text", ""))
    )


async def test_a_card_over_the_embed_limits_is_truncated_not_rejected(lab_app: Harness) -> None:
    [response] = callbacks(await lab_app.slash("lab", "huge"))
    [shown] = response["data"]["embeds"]
    assert len(shown["title"]) == 256 and shown["title"].endswith("…")
    assert len(shown["description"]) == 4096 and shown["description"].endswith("…")
    assert 0 < len(shown["fields"]) <= 25
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in shown["fields"])
    assert _size(shown) <= 6000


def test_an_empty_card_still_makes_a_valid_embed() -> None:
    assert embed(Card()).to_dict()["description"] == "\u200b"


def test_a_field_with_an_empty_value_gets_a_blank_one() -> None:
    [field] = embed(Card(fields=(Field("Name", ""),))).to_dict()["fields"]
    assert field["value"] == "\u200b"


async def test_a_form_is_clipped_to_discords_limits() -> None:
    boxes = tuple(Input(f"box{n}", "L" * 60, max_length=9000, value="v" * 5000) for n in range(7))
    form = Form(Modal("T" * 60, "act", "1", boxes), community="1")
    shown = form.to_dict()
    assert len(shown["title"]) == 45
    assert len(shown["components"]) == 5
    for label in shown["components"]:
        assert len(label["label"]) <= 45
        assert label["component"]["max_length"] == 4000
        assert len(label["component"]["value"]) == 4000


async def test_buttons_are_clipped_to_discords_limits() -> None:
    buttons = [Button("B" * 100, "act", str(n)) for n in range(30)]
    buttons.insert(0, Button("Too long", "act", "x" * 120))
    view = view_for(Card(buttons=tuple(buttons)))
    assert view is not None
    items = [item for item in view.children if isinstance(item, ActionButton)]
    assert len(items) == 25
    assert all(len(item.item.label or "") <= 80 for item in items)
    assert all(len(item.custom_id) <= 100 for item in items)
    assert items[0].value == "0"  # the button whose custom_id could not fit was left out
