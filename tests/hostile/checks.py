"""Find what must never happen in an answer: a crash, a ping, a leak, an unclear refusal."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.adapters.discord.components import CUSTOM_ID_LIMIT, custom_id
from bot.adapters.discord.render import embed
from bot.adapters.slack.blocks import message_payload, modal_view
from bot.app.hub import OOPS
from bot.core.cards import Card, Modal, Reply, Rich, Text, UserText, plain
from tests.adapters.slack.fake_slack import block_problem
from tests.hostile.inputs import INTERNALS, MARKER

DISCORD_PING = re.compile(r"@(?:everyone|here)|(?<!\\)<@&|(?<!\\)<@!?(?P<user>\d+)>")
SLACK_PING = re.compile(r"<!|<#|<@(?P<user>[^>|]*)[^>]*>|<(?!@)")
# Outside plain_text objects (which Slack never formats), a bare @here must be defused too.
SLACK_BROADCAST = re.compile(r"(?<![\w\u200b])@(?:channel|here|everyone)\b", re.IGNORECASE)
CONSOLE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
NOT_SHOWN = {  # Slack payload keys whose strings a member never reads as text
    "type",
    "action_id",
    "block_id",
    "value",
    "style",
    "callback_id",
    "private_metadata",
    "initial_value",  # a member's own draft, shown in an input box literally
    "channel",
    "user",
    "trigger_id",
    "thread_ts",
    "response_type",
    "url",
    "response_url",
    "token",
}
EMBED_LIMITS = {"title": 256, "description": 4096, "footer": 2048}


@dataclass(frozen=True)
class Problem:
    kind: str  # exception, ping, leak, unclear, unanswered, rejected
    detail: str


@dataclass
class Watch:
    """What one platform's answers are checked against."""

    members: frozenset[str]  # platform ids a bot-intended mention may name
    secrets: tuple[str, ...] = (MARKER,)  # text only the other community's rows hold
    problems: list[Problem] = field(default_factory=list)

    def flag(self, kind: str, detail: str) -> None:
        self.problems.append(Problem(kind, detail[:300]))

    def secret_in(self, text: str, where: str) -> None:
        lowered = text.lower()
        for secret in self.secrets:
            if secret.lower() in lowered:
                self.flag("leak", f"{where} shows {secret!r}: {text[:200]!r}")

    def internals_in(self, text: str, where: str) -> None:
        found = INTERNALS.search(text)
        if found:
            self.flag("unclear", f"{where} shows {found.group(0)!r}: {text[:200]!r}")
        if OOPS in text:
            self.flag("exception", f"{where} says something went wrong")

    # Discord -------------------------------------------------------------------------

    def discord_text(self, text: str, where: str) -> None:
        for found in DISCORD_PING.finditer(text):
            user = found.group("user")
            if user is None or user not in self.members:
                self.flag("ping", f"{where}: {found.group(0)!r} in {text[:200]!r}")

    def discord_message(self, payload: dict[str, Any], where: str) -> None:
        """A message payload discord.py sent: no ping can work, nothing leaks, within limits."""
        if payload.get("allowed_mentions") != {"parse": []}:
            self.flag("ping", f"{where}: allowed_mentions is {payload.get('allowed_mentions')!r}")
        content = str(payload.get("content") or "")
        if len(content) > 2000:
            self.flag("rejected", f"{where}: content of {len(content)} characters")
        texts = [content]
        for shown in payload.get("embeds") or []:
            texts += self._embed(shown, where)
        for row in payload.get("components") or []:
            for item in row.get("components", []):
                texts.append(str(item.get("label") or ""))
                if len(str(item.get("custom_id") or "")) > CUSTOM_ID_LIMIT:
                    self.flag("rejected", f"{where}: custom_id over {CUSTOM_ID_LIMIT}")
        for text in texts:
            self.discord_text(text, where)
            self.secret_in(text, where)
            self.internals_in(text, where)

    def _embed(self, shown: dict[str, Any], where: str) -> list[str]:
        parts = {
            "title": str(shown.get("title") or ""),
            "description": str(shown.get("description") or ""),
            "footer": str((shown.get("footer") or {}).get("text") or ""),
        }
        fields = shown.get("fields") or []
        total = sum(len(v) for v in parts.values())
        for key, limit in EMBED_LIMITS.items():
            if len(parts[key]) > limit:
                self.flag("rejected", f"{where}: embed {key} of {len(parts[key])} characters")
        for item in fields:
            name, value = str(item.get("name")), str(item.get("value"))
            total += len(name) + len(value)
            if len(name) > 256 or len(value) > 1024 or not name or not value:
                self.flag("rejected", f"{where}: embed field of {len(name)}/{len(value)}")
        if len(fields) > 25 or total > 6000:
            self.flag("rejected", f"{where}: embed of {len(fields)} fields, {total} characters")
        return [*parts.values(), *(str(f.get(k)) for f in fields for k in ("name", "value"))]

    # Slack ---------------------------------------------------------------------------

    def slack_text(self, text: str, where: str, formatted: bool = True) -> None:
        for found in SLACK_PING.finditer(text):
            user = found.group("user")
            if user is None or user not in self.members:
                self.flag("ping", f"{where}: {found.group(0)!r} in {text[:200]!r}")
        broadcast = SLACK_BROADCAST.search(text) if formatted else None
        if broadcast:
            self.flag("ping", f"{where}: {broadcast.group(0)!r} in {text[:200]!r}")

    def slack_payload(self, payload: dict[str, Any], where: str) -> None:
        """A message Slack would show: no broadcast or foreign mention, nothing leaked."""
        blocks = payload.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if blocks is not None and block_problem(blocks):
            self.flag("rejected", f"{where}: Slack would answer invalid_blocks")
        for text, formatted in shown_strings({**payload, "blocks": blocks}):
            self.slack_text(text, where, formatted)
            self.secret_in(text, where)
            self.internals_in(text, where)

    def slack_view(self, view: dict[str, Any], where: str) -> None:
        for text, formatted in shown_strings(view):
            self.slack_text(text, where, formatted)
        self.secret_in(json.dumps(view, ensure_ascii=False), where)

    # The hub's own answers -------------------------------------------------------------

    def reply(self, reply: Reply, where: str) -> None:
        """A hub reply: rendered for Discord and Slack as the adapters would, then checked."""
        if not reply.messages and reply.modal is None:
            self.flag("unclear", f"{where}: an empty reply")
        for number, message in enumerate(reply.messages):
            self.card(message.card, f"{where} message {number}")
        if reply.modal is not None:
            self.modal(reply.modal, f"{where} form")

    def card(self, card: Card, where: str) -> None:
        words = [*texts_of(card), *(b.label for b in card.buttons)]
        if not any(w.strip() for w in words) and not card.files:
            self.flag("unclear", f"{where}: a card with nothing to read")
        for text in trusted_parts(card):
            self.internals_in(text, where)
        for button in card.buttons:
            if len(custom_id(button.action, button.value)) > CUSTOM_ID_LIMIT:
                self.flag("rejected", f"{where}: button {button.action!r} over 100 characters")
        hidden = [b.value for b in card.buttons] + [f.filename for f in card.files]
        hidden += [f.data.decode("utf-8", "ignore") for f in card.files if "text" in f.mime]
        for text in [*words, *hidden]:
            self.secret_in(text, where)
        shown = embed(card).to_dict()
        self.discord_message({"embeds": [shown], "allowed_mentions": {"parse": []}}, where)
        self.slack_payload(message_payload(card), where)

    def modal(self, modal: Modal, where: str) -> None:
        texts = [modal.title, modal.value, modal.submit_label]
        texts += [t for box in modal.inputs for t in (box.label, box.placeholder, box.value)]
        for text in texts:
            self.secret_in(text, where)
        self.slack_view(modal_view(modal, "C1"), where)

    def console(self, output: str, where: str) -> None:
        """What the console printed: no terminal control character, nothing leaked."""
        if not output.strip():
            self.flag("unanswered", f"{where}: nothing printed")
        found = CONSOLE_CONTROL.search(output)
        if found:
            self.flag("ping", f"{where}: control character {found.group(0)!r} printed")
        self.secret_in(output, where)
        self.internals_in(output, where)


def texts_of(card: Card) -> list[str]:
    """Every text of a card, plain."""
    return [
        plain(card.title),
        plain(card.text),
        *(plain(t) for f in card.fields for t in (f.name, f.value)),
        plain(card.footer),
    ]


def trusted_parts(card: Card) -> Iterator[str]:
    """The parts of a card's texts that the bot wrote (not member text)."""
    values: list[Text] = [card.title, card.text, card.footer]
    values += [t for f in card.fields for t in (f.name, f.value)]
    for value in values:
        parts = value.parts if isinstance(value, Rich) else (value,)
        yield from (p for p in parts if not isinstance(p, UserText))


def shown_strings(node: Any, key: str = "", formatted: bool = True) -> Iterable[tuple[str, bool]]:
    """Every string of a Slack payload a member reads, and whether Slack formats it."""
    if key in NOT_SHOWN:
        return
    if isinstance(node, str):
        yield node, formatted
    elif isinstance(node, dict):
        formatted = node.get("type") != "plain_text"
        for name, value in node.items():
            yield from shown_strings(value, name, formatted)
    elif isinstance(node, list):
        for value in node:
            yield from shown_strings(value, key, formatted)
