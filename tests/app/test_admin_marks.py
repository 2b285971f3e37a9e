"""Buttons and forms that only admins may use are marked so, and only those.

Slack asks users.info afresh for a marked button or form (a demoted admin loses it within a
minute) and reuses a recent "no" for every other one, so an unmarked admin button would let a
newly promoted admin wait, and a marked member button would cost a Slack call per press.
"""

from __future__ import annotations

from bot.app.hub import Hub
from bot.core.cards import Reply, plain
from tests.conftest import actor

ADMINS_ONLY = "Only community admins"


def _said(reply: Reply) -> str:
    return " ".join(plain(m.card.text) for m in reply.messages)


def test_every_button_a_member_is_refused_as_a_non_admin_is_marked_and_no_other(
    hub: Hub,
) -> None:
    member = actor("ana")
    refused = {
        name for name in hub.registry.actions if ADMINS_ONLY in _said(hub.press(member, name, "1"))
    }
    assert refused == hub.registry.admin_actions
    assert {"q.repost", "sg.approve"} <= refused


def test_every_form_a_member_is_refused_as_a_non_admin_is_marked_and_no_other(hub: Hub) -> None:
    member = actor("ana")
    refused = {
        name
        for name in hub.registry.submits
        if ADMINS_ONLY in _said(hub.submit(member, name, "1", {"reason": "x"}))
    }
    assert refused == hub.registry.admin_submits
    assert {"bank.add", "sg.deny"} <= refused
