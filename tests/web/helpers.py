"""Helpers of the dashboard tests: members who answer, links the bot gives, a served app."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from aiohttp.test_utils import TestClient, TestServer

from bot.app.hub import Hub
from bot.core.cards import Reply
from bot.web.server import create_app
from tests.conftest import actor
from tests.replies import reply_text

BASE = "http://dash.example"


def answer(hub: Hub, who: str, *, community: str = "g1", name: str | None = None) -> Reply:
    """`who` opens today's question and answers it (10 points)."""
    member = replace(actor(who, community=community), community_name=f"Group {community}")
    if name is not None:
        member = replace(member, display_name=name)
    shown = hub.command_text(member, "question", "")
    button = shown.messages[0].card.buttons[0]
    opened = hub.press(member, button.action, button.value)
    assert opened.modal is not None
    return hub.submit(
        member, opened.modal.action, opened.modal.value, {"answer": "An answer with substance."}
    )


def link_in(reply: Reply) -> str:
    """The dashboard address in a reply, without the base."""
    found = re.search(re.escape(BASE) + r"(/\S+)", reply_text(reply))
    assert found, reply_text(reply)
    return found.group(1)


def admin_link(hub: Hub, community: str = "g1") -> str:
    """The admin page's path that `/dashboard` gives an admin of `community`."""
    return link_in(
        hub.command_text(actor("boss", admin=True, community=community), "dashboard", "")
    )


def publish(hub: Hub, on: bool = True, community: str = "g1") -> Reply:
    """An admin turns the web leaderboard on or off."""
    admin = actor("boss", admin=True, community=community)
    return hub.command_text(admin, "dashboard", f"public on:{'yes' if on else 'no'}")


@asynccontextmanager
async def served(hub: Hub, secret: str | None = None) -> AsyncIterator[TestClient]:
    """The dashboard on a free port, with a client for it."""
    client = TestClient(TestServer(create_app(hub, server_secret=secret)))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()
