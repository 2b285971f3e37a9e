"""Every command that takes a time zone checks it the same way and stores IANA's spelling."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.storage.tables import Member
from tests.conftest import actor
from tests.replies import reply_text

ADMIN = actor("boss", admin=True)
PROFILE = "set role:MLE level:mle2 timezone:"
COMMANDS = [
    ("sprint", "start Prep timezone:"),
    ("practice", "daily at:08:00 timezone:"),
    ("profile", PROFILE),
]


@pytest.mark.parametrize(("group", "line"), COMMANDS)
def test_an_abbreviation_is_refused_with_a_city_zone_to_use(
    hub: Hub, group: str, line: str
) -> None:
    refused = reply_text(hub.command_text(ADMIN, group, f"{line}CET"))
    assert "I don't know the time zone “CET”. Did you mean Europe/Berlin?" in refused


@pytest.mark.parametrize(("group", "line"), COMMANDS)
def test_localtime_is_refused_by_every_command(hub: Hub, group: str, line: str) -> None:
    refused = reply_text(hub.command_text(ADMIN, group, f"{line}localtime"))
    assert "I don't know the time zone “localtime”. Use a place's name" in refused


def test_a_sprint_zone_typed_in_lower_case_is_shown_as_iana_spells_it(hub: Hub) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep timezone:europe/berlin")
    assert "09:00 Europe/Berlin" in reply_text(hub.command_text(ADMIN, "sprint", "status"))


def test_a_practice_zone_typed_in_lower_case_is_shown_as_iana_spells_it(hub: Hub) -> None:
    reply = reply_text(hub.command_text(ADMIN, "practice", "daily at:08:00 timezone:asia/tokyo"))
    assert "every day at 08:00 (Asia/Tokyo)" in reply


def test_a_profile_zone_typed_in_lower_case_is_shown_as_iana_spells_it(hub: Hub) -> None:
    hub.command_text(ADMIN, "profile", f"{PROFILE}america/new_york")
    assert "America/New_York" in reply_text(hub.command_text(ADMIN, "profile", "set"))


def test_a_zone_saved_before_the_rule_is_not_used_unchecked(hub: Hub) -> None:
    hub.command_text(actor("u1"), "practice", "stop")  # the member exists
    with Session(hub.engine) as session:
        member = session.exec(select(Member).where(Member.external_id == "u1")).one()
        member.timezone = "CET"
        session.add(member)
        session.commit()
    refused = reply_text(hub.command_text(actor("u1"), "practice", "daily at:08:00"))
    assert "“CET”. Did you mean Europe/Berlin?" in refused
    assert refused.strip().endswith("Add `timezone:` to the command.")
