"""The App Home tab: a member's home as Block Kit, published on opening and after they act."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.blocks import (
    SECTION_MAX,
    Block,
    button_elements,
    card_blocks,
    plain_text,
    section,
)
from bot.adapters.slack.mrkdwn import clip, mrkdwn, split
from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.cards import Button, Text, UserText, rich
from bot.core.home import FIRST_STEPS, WELCOME_TEXT, WELCOME_TITLE, Home, StoryLine

log = logging.getLogger(__name__)

HOME_BLOCKS_MAX = 100  # Slack's limit for a Home tab view
REMEMBERED = 10_000  # members whose open homes are refreshed after they act (most recent)
TITLE = "Your PrepLoop home"
FOOTER = "Updated each time you open this tab and after you act · `/home` shows it anywhere"


def home_view(home: Home | None) -> dict[str, Any]:
    """The Home tab view: the member's home, or a welcome for someone new here."""
    blocks = welcome_blocks() if home is None else member_blocks(home)
    if len(blocks) > HOME_BLOCKS_MAX:
        blocks = [*blocks[: HOME_BLOCKS_MAX - 1], _context("…and more: `/home` shows it all")]
    return {"type": "home", "blocks": blocks}


def welcome_blocks() -> list[Block]:
    """What a member who never used PrepLoop here sees: what it is and the first steps."""
    steps = "\n".join(f"• `{command}`: {what}" for command, what in FIRST_STEPS)
    return [
        _header(WELCOME_TITLE),
        section(mrkdwn(WELCOME_TEXT)),
        section(mrkdwn(f"**First steps**\n{steps}")),
        _context(mrkdwn("`/help` lists every command.")),
    ]


def member_blocks(home: Home) -> list[Block]:
    """Standing, today's question, the next mock, reviews and stories; then the admin's part."""
    blocks = [_header(TITLE), _standing(home), {"type": "divider"}]
    blocks += _question(home) + _mock(home) + _reviews(home) + _stories(home.stories)
    if home.admin is not None:
        blocks += [{"type": "divider"}, _header("Community (admins)")]
        blocks.append(section(mrkdwn("\n".join(home.admin.numbers.lines()))))
        if home.admin.sprint is not None:
            blocks += card_blocks(home.admin.sprint)
        else:
            blocks.append(section("No live sprint. `/sprint start` starts one in a channel."))
    return [*blocks, _context(mrkdwn(FOOTER))]


def _standing(home: Home) -> Block:
    fields = [("Points", home.standing_line), ("Streak", home.streak_line)]
    fields.append(("Practice", home.practice_line))
    return {"type": "section", "fields": [_field(name, value) for name, value in fields]}


def _question(home: Home) -> list[Block]:
    question = home.question
    if question is None:
        text = "No question in your channel today yet: `/question` shows today's."
        return [_titled("Today's question", text)]
    state = "answered ✓" if question.answered else "not answered yet"
    title = question.title.parts if not isinstance(question.title, str) else (question.title,)
    line = rich("**", *title, f"**\n{question.track} · {state}")
    return [_titled("Today's question", line, question.button)]


def _mock(home: Home) -> list[Block]:
    if home.mock is None:
        return [_titled("Next mock", "None: `/mock request` finds you a partner.")]
    blocks = [_titled("Next mock", home.mock.text)]
    if home.mock.buttons:
        blocks.append({"type": "actions", "elements": button_elements(home.mock.buttons)})
    return blocks


def _reviews(home: Home) -> list[Block]:
    line = home.reviews_line
    if line is None:
        return [_titled("Stories to review", "None waiting.")]
    return [_titled("Stories to review", line, home.review_button)]


def _stories(stories: tuple[StoryLine, ...]) -> list[Block]:
    if not stories:
        return [_titled("Your stories", "None yet: `/story new principle:ownership` starts one.")]
    parts: list[str] = []
    for line in stories:
        parts += [f"**#{line.number}** ", UserText(line.title)]
        parts.append(f" — {line.principles} · {line.state}\n")
    text = mrkdwn(rich("**Your stories**\n", *parts))
    return [section(chunk) for chunk in split(text.rstrip("\n"), SECTION_MAX) if chunk.strip()]


def _titled(title: str, text: Text, button: Button | None = None) -> Block:
    body = mrkdwn(rich(f"**{title}**\n", *_parts(text)))
    block = section(clip(body, SECTION_MAX))
    if button is not None:
        block["accessory"] = button_elements((button,))[0]
    return block


def _parts(text: Text) -> tuple[str, ...]:
    return (text,) if isinstance(text, str) else text.parts


def _field(name: str, value: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(f"*{name}*\n{mrkdwn(value)}", 2000), "verbatim": True}


def _header(text: str) -> Block:
    return {"type": "header", "text": plain_text(text, 150)}


def _context(text: str) -> Block:
    element = {"type": "mrkdwn", "text": clip(text, SECTION_MAX), "verbatim": True}
    return {"type": "context", "elements": [element]}


class Homes:
    """Publish members' Home tabs; remember whose tab was opened, to refresh it after they act.

    The record is this process's memory of the most recent REMEMBERED members: a member
    whose tab another process published gets it refreshed the next time they open it.
    """

    def __init__(self, hub: Hub, client: AsyncWebClient, remembered: int = REMEMBERED) -> None:
        self._hub = hub
        self._client = client
        self._remembered = remembered
        self._opened: OrderedDict[tuple[str, str], None] = OrderedDict()

    async def opened(self, actor: Actor) -> None:
        """The member opened their Home tab: publish it, and keep it fresh from now on."""
        key = (actor.community_id, actor.user_id)
        self._opened[key] = None
        self._opened.move_to_end(key)
        while len(self._opened) > self._remembered:
            self._opened.popitem(last=False)
        await self.publish(actor)

    async def refresh(self, actor: Actor) -> None:
        """Publish the home again after the member acted, if they ever opened it here."""
        if (actor.community_id, actor.user_id) in self._opened:
            await self.publish(actor)

    async def publish(self, actor: Actor) -> None:
        """Gather and publish the member's home; a failure is logged, never raised."""
        try:
            home = await asyncio.to_thread(self._hub.home, actor)
            await self._client.views_publish(user_id=actor.user_id, view=home_view(home))
        except Exception:  # the member's action already succeeded: the tab just stays as it was
            log.warning("could not publish the home of %s", actor.user_id, exc_info=True)
