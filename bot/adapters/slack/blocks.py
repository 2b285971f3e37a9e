"""Render cards as Block Kit messages and modals as Block Kit views, within Slack's limits."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.adapters.slack.mrkdwn import clip, mrkdwn, plain, split
from bot.core.cards import Button, Card, Field, Input, Modal, Style, Text

Block = dict[str, Any]

HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
FIELDS_PER_SECTION = 10
BUTTONS_PER_BLOCK = 25
BUTTON_TEXT_MAX = 75
VALUE_MAX = 2000
ID_MAX = 255
BLOCKS_MAX = 50
FALLBACK_MAX = 3000
TITLE_MAX = 24
LABEL_MAX = 2000
PLACEHOLDER_MAX = 150
INPUT_MAX = 3000
INPUTS_MAX = 100
_COPY = re.compile(r"#\d+$")


def message_payload(card: Card) -> dict[str, Any]:
    """Return chat.postMessage arguments for a card: Block Kit blocks and a plain fallback."""
    shown = _render(card)
    return {"text": _fallback(shown), "blocks": _blocks(card, shown)}


def fallback(card: Card) -> str:
    """The notification text: the title and the start of the text, escaped."""
    return _fallback(_render(card))


def card_blocks(card: Card) -> list[Block]:
    """Header, text sections, field sections, button rows and footer, at most 50 blocks."""
    return _blocks(card, _render(card))


def button_elements(buttons: tuple[Button, ...]) -> list[Block]:
    """Button elements for an actions block (a repeated action gets a `#n` copy suffix)."""
    return _buttons(buttons)


def section(text: str) -> Block:
    """A section of rendered mrkdwn (at most SECTION_MAX characters: use `split` first)."""
    return _section(text)


def action_of(action_id: str) -> str:
    """The service action behind a button's action_id (copies get a `#n` suffix)."""
    return _COPY.sub("", action_id)


@dataclass(frozen=True)
class _Shown:
    """A card's title, text and footer as mrkdwn, rendered once for every block that shows them."""

    title: str
    text: str
    footer: str


def _render(card: Card) -> _Shown:
    return _Shown(mrkdwn(card.title), mrkdwn(card.text), mrkdwn(card.footer))


def _fallback(shown: _Shown) -> str:
    lines = [part for part in (shown.title, shown.text) if part.strip()]
    return clip("\n".join(lines), FALLBACK_MAX) or "PrepLoop"


def _blocks(card: Card, shown: _Shown) -> list[Block]:
    head = [_header(card.title)] if plain(card.title).strip() else []
    tail = _field_sections(card.fields) + _action_rows(card.buttons)
    if shown.footer.strip():
        tail.append(_context(shown.footer))
    body = _sections(shown.text)
    room = max(BLOCKS_MAX - len(head) - len(tail), 1)
    if len(body) > room:
        body = [*body[: room - 1], _section("…")]
    return (head + body + tail)[:BLOCKS_MAX]


def plain_text(text: Text, limit: int) -> dict[str, Any]:
    """A plain_text object, escaped and shortened to `limit`."""
    return {"type": "plain_text", "text": clip(plain(text), limit) or "…", "emoji": True}


def _header(title: Text) -> Block:
    return {"type": "header", "text": plain_text(title, HEADER_MAX)}


def _section(text: str) -> Block:
    # verbatim: Slack must not turn "@here" or channel names in the text into live links.
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _sections(text: str) -> list[Block]:
    return [_section(chunk) for chunk in split(text, SECTION_MAX) if chunk.strip()]


def _field_text(field: Field) -> dict[str, Any]:
    name, value = mrkdwn(field.name).strip(), mrkdwn(field.value)
    shown = f"*{name}*\n{value}" if name else value
    return {"type": "mrkdwn", "text": clip(shown, FIELD_MAX) or " ", "verbatim": True}


def _field_sections(fields: tuple[Field, ...]) -> list[Block]:
    rows = [fields[i : i + FIELDS_PER_SECTION] for i in range(0, len(fields), FIELDS_PER_SECTION)]
    return [{"type": "section", "fields": [_field_text(f) for f in row]} for row in rows]


def _action_rows(buttons: tuple[Button, ...]) -> list[Block]:
    elements = _buttons(buttons)
    return [
        {"type": "actions", "elements": elements[i : i + BUTTONS_PER_BLOCK]}
        for i in range(0, len(elements), BUTTONS_PER_BLOCK)
    ]


def _buttons(buttons: tuple[Button, ...]) -> list[Block]:
    seen: dict[str, int] = {}
    elements = []
    for button in buttons:
        seen[button.action] = seen.get(button.action, 0) + 1
        copy = seen[button.action]
        action_id = button.action if copy == 1 else f"{button.action}#{copy}"
        elements.append(_button(button, action_id))
    return elements


def _button(button: Button, action_id: str) -> Block:
    element: Block = {
        "type": "button",
        "text": plain_text(button.label, BUTTON_TEXT_MAX),
        "action_id": action_id[:ID_MAX],
        "value": button.value[:VALUE_MAX],
    }
    if button.style in (Style.PRIMARY, Style.DANGER):
        element["style"] = button.style.value
    return element


def _context(footer: str) -> Block:
    text = {"type": "mrkdwn", "text": clip(footer, SECTION_MAX), "verbatim": True}
    return {"type": "context", "elements": [text]}


def modal_view(modal: Modal, channel_id: str) -> dict[str, Any]:
    """A modal view whose callback_id is the action; the value and channel ride along."""
    return {
        "type": "modal",
        "callback_id": modal.action[:ID_MAX],
        "private_metadata": json.dumps({"value": modal.value, "channel": channel_id}),
        "title": plain_text(modal.title, TITLE_MAX),
        "submit": plain_text(modal.submit_label, TITLE_MAX),
        "close": plain_text("Cancel", TITLE_MAX),
        "blocks": [_input(box) for box in modal.inputs[:INPUTS_MAX]],
    }


def _input(box: Input) -> Block:
    longest = max(1, min(box.max_length, INPUT_MAX))
    element: Block = {
        "type": "plain_text_input",
        "action_id": box.id[:ID_MAX],
        "multiline": box.multiline,
        "max_length": longest,
    }
    if box.min_length > 0:
        element["min_length"] = min(box.min_length, longest)
    if box.placeholder:
        element["placeholder"] = plain_text(box.placeholder, PLACEHOLDER_MAX)
    if box.value:
        # The member's own draft goes back in raw: Slack shows input values literally.
        element["initial_value"] = box.value[:longest]
    return {
        "type": "input",
        "block_id": box.id[:ID_MAX],
        "label": plain_text(box.label, LABEL_MAX),
        "optional": not box.required,
        "element": element,
    }


def read_metadata(raw: str) -> tuple[str, str]:
    """The modal's value and the channel it was opened from."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return raw, ""
    if not isinstance(data, dict):
        return raw, ""
    return str(data.get("value", "")), str(data.get("channel", ""))


def read_fields(view: dict[str, Any]) -> dict[str, str]:
    """The typed values of a submitted modal, by input id."""
    values: dict[str, dict[str, Any]] = view.get("state", {}).get("values", {})
    return {
        action_id: str(state.get("value") or "")
        for block in values.values()
        for action_id, state in block.items()
    }
