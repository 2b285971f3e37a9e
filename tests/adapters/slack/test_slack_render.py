"""Cards and modals as Block Kit: escaping, markup translation and Slack's size limits."""

from __future__ import annotations

import json

import pytest

from bot.adapters.slack.blocks import action_of, card_blocks, fallback, modal_view, read_fields
from bot.adapters.slack.mrkdwn import ZWSP, mrkdwn, split
from bot.core.cards import Button, Card, Field, Input, Mention, Modal, Style, UserText, rich
from tests.adapters.slack.fake_slack import block_problem


def shown(text: str) -> str:
    """What a reader sees: the zero-width spaces are invisible."""
    return text.replace(ZWSP, "")


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<!here> <!everyone>", "&lt;!here&gt; &lt;!everyone&gt;"),
        ("<@U123>", "&lt;@U123&gt;"),
        ("<https://evil.example|click>", "&lt;https://evil.example|click&gt;"),
        ("Q&A", "Q&amp;A"),
        ("@here and @channel", "@here and @channel"),
    ],
)
def test_member_text_is_escaped(typed: str, seen: str) -> None:
    out = mrkdwn(rich("> ", UserText(typed)))
    assert shown(out) == f"&gt; {seen}"
    assert "<" not in out


@pytest.mark.parametrize("typed", ["*bold*", "_italic_", "~strike~", "`code`", "```block```"])
def test_member_text_cannot_format(typed: str) -> None:
    out = mrkdwn(UserText(typed))
    assert shown(out) == typed
    for char in "*_~`":
        assert char not in out.replace(f"{ZWSP}{char}{ZWSP}", "")


def test_a_members_quote_mark_does_not_start_a_quote() -> None:
    assert mrkdwn(UserText("> not a quote")).startswith(f"{ZWSP}&gt;")


@pytest.mark.parametrize(
    ("trusted", "slack"),
    [
        ("**Saved.** Well done", "*Saved.* Well done"),
        ("Run `a**b` now", "Run `a**b` now"),
        ("```\nx = 1 < 2\n```", "```\nx = 1 &lt; 2\n```"),
        ("> a quote", "&gt; a quote"),
    ],
)
def test_trusted_markup_becomes_mrkdwn(trusted: str, slack: str) -> None:
    assert mrkdwn(trusted) == slack


def test_bold_around_member_text_spans_the_parts() -> None:
    assert shown(mrkdwn(rich("**", UserText("Ana"), "** answered"))) == "*Ana* answered"


def test_a_mention_pings_one_member_only() -> None:
    assert mrkdwn(rich("Your partner is ", Mention("U42"), ".")) == "Your partner is <@U42>."
    assert "<" not in mrkdwn(Mention("!channel"))


def test_long_text_is_split_at_line_breaks_without_losing_a_word() -> None:
    text = "\n".join(f"Line {n}: " + "word " * 20 for n in range(120))
    blocks = card_blocks(Card(title="Long", text=text))
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert len(sections) > 1
    assert all(len(s) <= 3000 for s in sections)
    assert "\n".join(sections).split() == text.split()
    assert block_problem(blocks) is None


def test_a_split_code_block_is_closed_and_reopened() -> None:
    chunks = split("```\n" + "x = 1\n" * 1200 + "```", 3000)
    assert len(chunks) > 1
    assert all(chunk.count("```") % 2 == 0 for chunk in chunks)


def test_a_cut_never_breaks_an_escape() -> None:
    rendered = mrkdwn("&" * 1000)
    chunks = split(rendered, 3000)
    assert len(chunks) == 2
    assert all(chunk.endswith(";") for chunk in chunks)
    assert "".join(chunks) == rendered


def test_every_part_stays_within_slack_limits() -> None:
    card = Card(
        title="T" * 400,
        text="word " * 40_000,
        fields=tuple(Field(f"F{n}", "v" * 3000) for n in range(23)),
        buttons=tuple(Button("L" * 100, f"act.{n}", "v" * 2500) for n in range(30)),
        footer="f" * 5000,
    )
    blocks = card_blocks(card)
    assert block_problem(blocks) is None
    assert len(blocks) == 50
    assert blocks[0]["text"]["text"].endswith("…")
    assert [b["type"] for b in blocks].count("actions") == 2
    assert len(fallback(card)) <= 3000


def test_buttons_keep_their_action_value_and_style() -> None:
    card = Card(buttons=(Button("Go", "q.answer", "12", Style.PRIMARY), Button("No", "x", "")))
    [row] = card_blocks(card)
    go, no = row["elements"]
    assert (go["action_id"], go["value"], go["style"]) == ("q.answer", "12", "primary")
    assert "style" not in no


def test_repeated_actions_get_distinct_ids_that_map_back() -> None:
    card = Card(buttons=(Button("1", "q.hint", "1:0"), Button("2", "q.hint", "1:1")))
    ids = [e["action_id"] for e in card_blocks(card)[0]["elements"]]
    assert ids == ["q.hint", "q.hint#2"]
    assert {action_of(i) for i in ids} == {"q.hint"}


def test_the_fallback_text_is_escaped() -> None:
    text = fallback(Card(title="New story", text=rich("by ", UserText("<!channel>"))))
    assert shown(text) == "New story\nby &lt;!channel&gt;"


def test_a_modal_respects_slack_limits_and_keeps_the_draft_raw() -> None:
    modal = Modal(
        title="A title far longer than Slack allows",
        action="story.submit",
        value="42",
        inputs=(Input("body", "Your story", max_length=4000, min_length=50, value="a < b"),),
        submit_label="Send",
    )
    view = modal_view(modal, channel_id="C1")
    assert len(view["title"]["text"]) <= 24
    element = view["blocks"][0]["element"]
    assert (element["max_length"], element["min_length"]) == (3000, 50)
    assert element["initial_value"] == "a < b"
    assert json.loads(view["private_metadata"]) == {"value": "42", "channel": "C1"}


def test_submitted_values_are_read_by_input_id() -> None:
    view = {"state": {"values": {"answer": {"answer": {"value": "hi"}}, "note": {"note": {}}}}}
    assert read_fields(view) == {"answer": "hi", "note": ""}
