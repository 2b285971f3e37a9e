"""The admin page's numbers, read on each database backend, for one community only."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.features.dashboard.api import admin_report
from bot.storage.tables import Community
from bot.storage.uow import transact
from tests.conftest import actor
from tests.features.mock import flow as mock_flow
from tests.features.story import flow as story_flow
from tests.web.helpers import answer


def _id_of(hub: Hub, community: str) -> int:
    with Session(hub.engine) as session:
        found = session.exec(select(Community.id).where(Community.external_id == community))
        return int(found.one())


def test_each_table_counts_this_communitys_activity_only(hub: Hub) -> None:
    hub.command_text(actor("boss", admin=True), "sprint", "start Winter")
    for who in ("ann", "bob"):
        answer(hub, who)
    answer(hub, "zed", community="g2")
    story_flow.write(hub, "ann")
    hub.clock.advance(hours=5, minutes=30)
    story_flow.review(hub, "bob")
    mock_flow.pair(hub, "cat", "dan")
    now = hub.clock.now()
    report = transact(hub.engine, lambda s: admin_report(s, _id_of(hub, "g1"), now))
    assert report is not None and report.members == 5
    tables = {table.key: table for table in report.tables}
    assert tables["participation"].rows[0] == ("2026-12-01", 2, 2)
    [(_, _, _, answers, rate)] = tables["questions"].rows
    assert (answers, rate) == (2, "100%")
    assert tables["sprints"].rows[0][:4] == ("Winter", "active", "2026-12-02", "starts in 1 day")
    assert [row[:2] for row in tables["mocks"].rows] == [
        ("Requested", 2),
        ("Paired", 2),
        ("Met", 0),
        ("Feedback given", 0),
    ]
    assert tables["reviews"].rows[:2] == (("Reviews done", 1), ("Median wait (hours)", "5.5"))
    assert ("Ownership", 1, 1) in tables["coverage"].rows
    other = transact(hub.engine, lambda s: admin_report(s, _id_of(hub, "g2"), now))
    assert other is not None and other.members == 1
    assert other.tables[0].rows[0] == ("2026-12-01", 1, 1)


def _answer_in(hub: Hub, who: str, channel: str) -> None:
    member = actor(who, channel=channel)
    shown = hub.command_text(member, "question", "")
    button = shown.messages[0].card.buttons[0]
    opened = hub.press(member, button.action, button.value)
    assert opened.modal is not None
    hub.submit(member, opened.modal.action, opened.modal.value, {"answer": "A real answer here."})


def test_a_member_answering_in_two_channels_counts_once_that_day(hub: Hub) -> None:
    for channel in ("c1", "c2"):
        _answer_in(hub, "ann", channel)
    _answer_in(hub, "bob", "c2")
    now = hub.clock.now()
    report = transact(hub.engine, lambda s: admin_report(s, _id_of(hub, "g1"), now))
    assert report is not None
    assert report.tables[0].rows[0] == ("2026-12-01", 3, 2)
    assert len(report.tables[1].rows) == 2
