"""Story nudges with the injected clock: offers after 48 hours, reminders, releases, the line."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Message, Reply, Visibility, plain
from bot.features.story.tables import StoryOffer
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.story.flow import card_text, press, review, take, text_of, write

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
OTHER = "Cut the nightly cost in half"


async def tick(hub: Hub, clock: FakeClock) -> list[Message]:
    """Run the scheduler once, as a freshly started process; return what it sent."""
    messenger = FakeMessenger("console")
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return [m for _, m in messenger.sent]


async def ticks(hub: Hub, clock: FakeClock, count: int = 3) -> list[Message]:
    """Run the scheduler a few times (offers are chosen on one tick and sent on the next)."""
    sent: list[Message] = []
    for _ in range(count):
        sent += await tick(hub, clock)
    return sent


def opt_in(hub: Hub, *who: str, zone: str = "UTC") -> None:
    for name in who:
        saved = text_of(
            hub.command_text(actor(name), "profile", f"set reviewer:on timezone:{zone}")
        )
        assert "Story reviewer: on" in saved


def dms(sent: list[Message]) -> dict[str, Message]:
    return {m.to_member or "": m for m in sent if m.visibility is Visibility.DIRECT}


def one_review_wanted(hub: Hub) -> None:
    hub.command_text(actor("boss", admin=True), "story", "settings reviews:1")


async def test_a_story_waiting_48_hours_is_offered_to_three_volunteers_with_fewest_reviews(
    hub: Hub, clock: FakeClock
) -> None:
    one_review_wanted(hub)
    opt_in(hub, "author", "r1", "r2", "r3", "r4")
    hub.command_text(actor("r5"), "profile", "set reviewer:off")
    write(hub, "other", title=OTHER)
    review(hub, "r1")  # r1 has reviewed lately: the others come first
    write(hub, "author")
    clock.set(START + timedelta(hours=47, minutes=59))
    assert await ticks(hub, clock) == []
    clock.set(START + timedelta(hours=48))
    offered = dms(await ticks(hub, clock))
    assert sorted(offered) == ["r2", "r3", "r4"]
    shown = card_text(offered["r2"].card)
    assert "A story is waiting for you: Fixed the flaky ranking pipeline" in shown
    assert "This story has waited about 2 days for a reviewer." in shown
    assert "/profile set reviewer:off" in shown
    assert [b.label for b in offered["r2"].card.buttons] == ["Take it"]
    assert await ticks(hub, clock) == []

    button = offered["r3"].card.buttons[0]
    taken = hub.press(actor("r3"), button.action, button.value)
    assert taken.messages[-1].card.buttons[0].label == "Write review"
    late = text_of(hub.press(actor("r2"), button.action, button.value))
    assert "This story already has its reviewers, so it no longer needs you." in late


async def test_a_story_with_its_reviews_under_way_is_not_offered(
    hub: Hub, clock: FakeClock
) -> None:
    one_review_wanted(hub)
    opt_in(hub, "r1", "r2")
    write(hub, "author")
    take(hub, "r1")
    clock.set(START + timedelta(hours=48))
    assert dms(await ticks(hub, clock)).keys() <= {"r1"}  # at most r1's own reminder
    assert all("A story is waiting" not in card_text(m.card) for m in await ticks(hub, clock))


async def test_an_offer_waits_for_the_reviewers_morning(hub: Hub, clock: FakeClock) -> None:
    opt_in(hub, "early")
    opt_in(hub, "west", zone="America/Los_Angeles")  # 09:00 UTC is 01:00 there
    write(hub, "author")
    clock.set(START + timedelta(hours=48))
    assert sorted(dms(await ticks(hub, clock))) == ["early"]
    clock.set(datetime(2026, 12, 3, 15, 59, tzinfo=UTC))
    assert await ticks(hub, clock) == []
    clock.set(datetime(2026, 12, 3, 16, 0, tzinfo=UTC))  # 08:00 in Los Angeles
    assert sorted(dms(await ticks(hub, clock))) == ["west"]


async def test_a_restart_between_choosing_and_sending_sends_each_offer_once(
    hub: Hub, clock: FakeClock
) -> None:
    opt_in(hub, "r1", "r2")
    write(hub, "author")
    clock.set(START + timedelta(hours=48))
    assert await tick(hub, clock) == []  # this process chose the reviewers, then stopped
    first = await tick(hub, clock)  # a new process sends the offers
    assert sorted(dms(first)) == ["r1", "r2"]
    clock.set(START + timedelta(hours=60))
    assert await ticks(hub, clock) == []


async def test_a_taken_story_is_reminded_once_then_goes_back_to_waiting(
    hub: Hub, clock: FakeClock
) -> None:
    one_review_wanted(hub)
    write(hub, "author")
    take(hub, "slow")
    mine = text_of(hub.command_text(actor("author"), "story", "mine"))
    assert "in review by 1 · reviewed 0/1" in mine
    clock.set(START + timedelta(hours=23, minutes=59))
    assert await ticks(hub, clock) == []
    clock.set(START + timedelta(hours=24))
    [reminder] = await ticks(hub, clock)
    assert reminder.to_member == "slow"
    shown = card_text(reminder.card)
    assert "Your review is waiting: Fixed the flaky ranking pipeline" in shown
    assert "If it is not in by Wed 2 Dec, 21:00 (UTC), the story goes back to waiting" in shown
    assert [b.label for b in reminder.card.buttons] == ["Write review", "Hand it back"]
    assert "No story is waiting" in text_of(hub.command_text(actor("other"), "story", "review"))

    clock.set(START + timedelta(hours=36))
    assert await ticks(hub, clock) == []
    mine = text_of(hub.command_text(actor("author"), "story", "mine"))
    assert "waiting for a reviewer · reviewed 0/1" in mine
    offered = text_of(hub.command_text(actor("other"), "story", "review"))
    assert "Review this story: Fixed the flaky ranking pipeline" in offered
    clock.set(START + timedelta(days=3))
    assert all(m.to_member != "slow" for m in await ticks(hub, clock))


async def test_a_reminder_waits_out_the_night_and_the_release_follows_it(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 1, 23, 0, tzinfo=UTC))
    write(hub, "author")
    take(hub, "owl")
    clock.set(datetime(2026, 12, 2, 23, 0, tzinfo=UTC))
    assert await ticks(hub, clock) == []
    clock.set(datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    [reminder] = await ticks(hub, clock)
    assert "If it is not in by Thu 3 Dec, 20:00 (UTC)" in card_text(reminder.card)


async def test_handing_a_story_back_frees_it_for_another_reviewer(
    hub: Hub, clock: FakeClock
) -> None:
    one_review_wanted(hub)
    write(hub, "author")
    take(hub, "slow")
    clock.set(START + timedelta(hours=24))
    [reminder] = await ticks(hub, clock)
    back = text_of(press(hub, "slow", Reply([reminder]), "Hand it back"))
    assert "Handed back: the story waits for another reviewer." in back
    assert "Review this story" in text_of(hub.command_text(actor("other"), "story", "review"))
    clock.set(START + timedelta(hours=40))
    assert await ticks(hub, clock) == []


async def test_the_last_wanted_review_tells_the_author_the_averages(hub: Hub) -> None:
    write(hub, "author")
    first = review(hub, "r1", scores="4 4 4 4 4")
    [note] = [m for m in first.messages if m.to_member == "author"]
    assert "All 2 reviews are in" not in card_text(note.card)
    second = review(hub, "r2", scores="2 2 2 2 3")
    [note] = [m for m in second.messages if m.to_member == "author"]
    shown = card_text(note.card)
    assert "All 2 reviews are in: Average 3.1/4 · STAR structure 3.0" in shown
    assert "Fit to the principle 3.5" in shown
    mine = text_of(hub.command_text(actor("author"), "story", "mine"))
    assert "reviewed 2/2 · average 3.1/4" in mine


def test_an_author_is_told_the_expected_wait_honestly(hub: Hub, clock: FakeClock) -> None:
    saved = text_of(write(hub, "author"))
    assert "No story here has been reviewed lately, so I can't tell how long it will take." in saved
    assert "members who opted in as reviewers are asked directly" in saved
    clock.advance(hours=5)
    review(hub, "r1")
    saved = text_of(write(hub, "second"))
    assert (
        "Expect a first review in about 5 hours (the middle of 1 recent story). "
        "1 other story also waits."  # the first still wants its second review
    ) in saved


async def test_the_channel_of_a_running_sprint_hears_once_a_day_how_many_stories_wait(
    hub: Hub, clock: FakeClock
) -> None:
    admin = actor("boss", admin=True)
    hub.command_text(admin, "sprint", "start Winter start:2026-12-01 timezone:Europe/Berlin")
    write(hub, "author")
    write(hub, "second")
    clock.set(datetime(2026, 12, 1, 11, 59, tzinfo=UTC))  # 12:59 in Berlin
    assert not lines(await ticks(hub, clock))
    clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    [line] = lines(await ticks(hub, clock))
    assert line.channel == "c1"
    assert card_text(line.card).strip() == "2 stories are waiting for review - /story review"
    clock.set(datetime(2026, 12, 1, 19, 0, tzinfo=UTC))
    assert not lines(await ticks(hub, clock))
    hub.command_text(admin, "story", "settings reviews:1")
    review(hub, "r1")
    review(hub, "r2")
    clock.set(datetime(2026, 12, 2, 12, 30, tzinfo=UTC))
    assert not lines(await ticks(hub, clock))  # nothing waits: no line


async def test_no_line_without_a_running_sprint(hub: Hub, clock: FakeClock) -> None:
    write(hub, "author")
    clock.set(datetime(2026, 12, 1, 14, 0, tzinfo=UTC))
    assert not lines(await ticks(hub, clock))


def lines(sent: list[Message]) -> list[Message]:
    return [m for m in sent if "waiting for review - /story review" in card_text(m.card)]


async def test_forgetting_a_reviewer_or_an_author_drops_their_offers(
    hub: Hub, clock: FakeClock
) -> None:
    opt_in(hub, "r1", "r2")
    write(hub, "author")
    clock.set(START + timedelta(hours=48))
    await ticks(hub, clock)
    assert offers(hub) == 2
    forget(hub, "r1")
    assert offers(hub) == 1
    forget(hub, "author")
    assert offers(hub) == 0


def offers(hub: Hub) -> int:
    with Session(hub.engine) as session:
        return len(session.exec(select(StoryOffer)).all())


def forget(hub: Hub, who: str) -> None:
    asked = hub.command_text(actor(who), "profile", "forget")
    button = asked.messages[0].card.buttons[0]
    assert "Done: your data is gone" in text_of(hub.press(actor(who), button.action, button.value))


async def test_two_processes_ticking_together_send_each_offer_and_reminder_once(
    hub: Hub, clock: FakeClock
) -> None:
    opt_in(hub, "r1", "r2")
    write(hub, "author")
    write(hub, "other", title=OTHER)
    take(hub, "r1")
    clock.set(START + timedelta(hours=48))
    sent: list[Message] = []
    for _ in range(3):
        for batch in await asyncio.gather(tick(hub, clock), tick(hub, clock)):
            sent += batch
    titles = sorted((m.to_member or "", plain(m.card.title)) for m in sent)
    assert titles == [
        ("r1", "A story is waiting for you: Cut the nightly cost in half"),
        ("r1", "Your review is waiting: Fixed the flaky ranking pipeline"),
        ("r2", "A story is waiting for you: Cut the nightly cost in half"),
        ("r2", "A story is waiting for you: Fixed the flaky ranking pipeline"),
    ]
