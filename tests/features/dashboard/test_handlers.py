"""`/dashboard` and `/profile board` as admins and members read them."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.features.dashboard.api import Site, configure_site
from bot.features.dashboard.tables import DashboardHidden
from tests.conftest import actor
from tests.replies import reply_text
from tests.web.helpers import BASE, admin_link, publish

ADMIN = actor("boss", admin=True)


def test_an_admin_gets_a_private_link_that_works_for_an_hour(hub: Hub) -> None:
    reply = hub.command_text(ADMIN, "dashboard", "")
    [message] = reply.messages
    assert message.visibility == "ephemeral"
    text = reply_text(reply)
    assert text.startswith("Your admin dashboard\n" + BASE + "/admin/")
    assert "This link is yours alone and works for 60 minutes" in text


def test_members_are_refused_every_dashboard_command(hub: Hub) -> None:
    for typed in ("", "link", "public on:yes", "public on:no"):
        refused = reply_text(hub.command_text(actor("bob"), "dashboard", typed))
        assert refused.strip() == "Only community admins can use that command."


def test_with_the_web_server_off_the_admin_is_told_instead_of_given_a_dead_link(
    hub: Hub,
) -> None:
    configure_site(Site(""))
    text = reply_text(hub.command_text(ADMIN, "dashboard", ""))
    assert "The web dashboard is not switched on for this bot" in text
    assert "/admin/" not in text


def test_publishing_twice_keeps_the_address_and_taking_down_says_so(hub: Hub) -> None:
    first, second = reply_text(publish(hub)), reply_text(publish(hub))
    assert "The leaderboard is on the web at " + BASE + "/board/" in first
    assert first == second
    assert "The web leaderboard is down" in reply_text(publish(hub, on=False))
    assert "was not published" in reply_text(publish(hub, on=False))


def test_each_community_gets_its_own_link_key(hub: Hub) -> None:
    assert admin_link(hub, "g1").split("/")[-1] != admin_link(hub, "g2").split("/")[-1]


def test_a_member_leaves_the_board_and_forgetting_removes_the_choice(hub: Hub) -> None:
    left = reply_text(hub.command_text(actor("bob"), "profile", "board on:no"))
    assert "You are left off the web leaderboard" in left
    asked = hub.command_text(actor("bob"), "profile", "forget")
    button = asked.messages[0].card.buttons[0]
    done = reply_text(hub.press(actor("bob"), button.action, button.value))
    assert "your choice to be left off the web leaderboard" in done
    with Session(hub.engine) as session:
        assert session.exec(select(DashboardHidden)).all() == []


def test_a_member_can_come_back_onto_the_board(hub: Hub) -> None:
    hub.command_text(actor("bob"), "profile", "board on:no")
    back = reply_text(hub.command_text(actor("bob"), "profile", "board on:yes"))
    assert "You are shown on the web leaderboard" in back
    with Session(hub.engine) as session:
        assert session.exec(select(DashboardHidden)).all() == []
