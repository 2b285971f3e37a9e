"""Role rewards lived day by day: given at the streak, taken back when it lapses, told once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from bot.app.hub import Hub
from bot.core.cards import plain
from bot.features import schedule_of
from bot.features.roles.feature import ROLES
from bot.scheduling.claims import find_due
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard.flow import answer, give
from tests.features.roles.flow import day, fixes, holders, roles, said

STREAK = "Streak 7"
ROLE_WORK = schedule_of((ROLES,))


def _at(d: int, hour: int = 10, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, d, hour, tzinfo=UTC)


async def test_a_seven_day_streak_earns_the_role_and_a_lapsed_one_loses_it(
    hub: Hub, clock: FakeClock
) -> None:
    messenger = FakeMessenger()
    clock.set(_at(1, 9))
    roles(hub, 'set streak:7 role:"@Streak 7"')
    for d in range(1, 8):
        clock.set(_at(d, 9))
        answer(hub, "ann")
        answer(hub, "bob") if d <= 3 else None
        await day(hub, clock, _at(d), messenger)
        assert holders(messenger, STREAK) == ({"ann"} if d == 7 else set())
    [given] = messenger.role_changes
    assert (given.member, given.role, given.give, given.role_name) == ("ann", STREAK, True, STREAK)
    await day(hub, clock, _at(8), messenger)
    await day(hub, clock, _at(9), messenger)  # one missed day: a freeze day bridges it
    assert holders(messenger, STREAK) == {"ann"}
    await day(hub, clock, _at(10), messenger)  # the second missed day ends the streak
    assert holders(messenger, STREAK) == set()
    assert [c.give for c in messenger.role_changes] == [True, False]


async def test_the_month_top_3_goes_to_everyone_tied_at_third_and_moves_on_next_month(
    hub: Hub, clock: FakeClock
) -> None:
    messenger = FakeMessenger()
    clock.set(_at(20, month=11))
    roles(hub, 'set top3:yes role:"Top 3"')
    for who, points in (("ann", 30), ("bob", 20), ("cat", 10), ("dan", 10), ("eve", 5)):
        give(hub, who, points)
    await day(hub, clock, _at(30, month=11), messenger)  # October had no points: no one
    assert holders(messenger, "Top 3") == set()
    await day(hub, clock, _at(1, 0), messenger)
    assert holders(messenger, "Top 3") == {"ann", "bob", "cat", "dan"}
    for who, points in (("eve", 50), ("bob", 40), ("ann", 30)):
        give(hub, who, points)
    await day(hub, clock, _at(15), messenger)  # mid-month: November's top 3 still hold it
    assert holders(messenger, "Top 3") == {"ann", "bob", "cat", "dan"}
    await day(hub, clock, _at(1, 1, month=1, year=2027), messenger)
    assert holders(messenger, "Top 3") == {"eve", "bob", "ann"}
    gives = [c.member for c in messenger.role_changes if c.give]
    assert sorted(gives) == ["ann", "bob", "cat", "dan", "eve"]  # ann and bob kept theirs


async def test_a_refused_role_tells_the_admin_once_and_works_once_fixed(
    hub: Hub, clock: FakeClock
) -> None:
    messenger = FakeMessenger()
    messenger.refused_roles.add("Top 3")
    clock.set(_at(20, month=11))
    roles(hub, 'set top3:yes role:"Top 3"')
    give(hub, "ann", 10)
    await day(hub, clock, _at(1), messenger)
    [fix] = fixes(messenger)
    assert fix.to_member == "boss"
    assert "I couldn't give **@Top 3** (monthly top 3 reward)" in plain(fix.card.text)
    assert "I can't give it: missing the Manage Roles permission" in said(roles(hub, ""))
    await day(hub, clock, _at(2), messenger)
    assert len(fixes(messenger)) == 1  # the next day's run does not repeat it
    messenger.refused_roles.clear()
    await day(hub, clock, _at(3), messenger)
    assert holders(messenger, "Top 3") == {"ann"}
    assert "✅ working · 1 member holds it" in said(roles(hub, ""))


async def test_a_deleted_role_turns_its_reward_off_with_a_note(hub: Hub, clock: FakeClock) -> None:
    messenger = FakeMessenger()
    messenger.gone_roles.add("Top 3")
    clock.set(_at(20, month=11))
    roles(hub, 'set top3:yes role:"Top 3"')
    give(hub, "ann", 10)
    await day(hub, clock, _at(1), messenger)
    [note] = fixes(messenger)
    assert "no longer exists, so I turned that reward off" in plain(note.card.text)
    assert "off: the role was deleted" in said(roles(hub, ""))
    await day(hub, clock, _at(2), messenger)
    assert len(fixes(messenger)) == 1 and messenger.role_changes == []


async def test_removing_a_reward_takes_its_role_back(hub: Hub, clock: FakeClock) -> None:
    messenger = FakeMessenger()
    clock.set(_at(20, month=11))
    roles(hub, 'set top3:yes role:"Top 3"')
    give(hub, "ann", 10)
    await day(hub, clock, _at(1), messenger)
    assert holders(messenger, "Top 3") == {"ann"}
    removed = said(roles(hub, "unset top3:yes"))
    assert "I'll take **@Top 3** back from everyone I gave it to" in removed
    await day(hub, clock, _at(1, 12), messenger)
    assert holders(messenger, "Top 3") == set()


def test_the_settings_show_each_reward_and_who_holds_it(hub: Hub) -> None:
    assert "No role rewards yet" in said(roles(hub, ""))
    saved = said(roles(hub, "set streak:30 role:@Marathon"))
    assert "**@Marathon** goes to members on a streak of 30 days or more" in saved
    roles(hub, 'set top3:yes role:"Top 3"')
    shown = said(roles(hub, "show"))
    assert "30-day streak: **@Marathon** for members on a streak of 30 days or more" in shown
    assert "Monthly top 3: **@Top 3** for the top 3 of last month's leaderboard" in shown


def test_members_may_not_set_or_read_role_rewards(hub: Hub) -> None:
    for text in ("", "set streak:7 role:@Mine", "unset streak:7"):
        assert (
            said(roles(hub, text, who="ann")).strip()
            == "Only community admins can use that command."
        )


def test_a_reward_needs_exactly_one_of_streak_and_top3(hub: Hub) -> None:
    assert "Name one reward" in said(roles(hub, "set role:@Mine"))
    assert "One reward at a time" in said(roles(hub, "set streak:7 top3:yes role:@Mine"))
    assert "There is no 7-day streak reward" in said(roles(hub, "unset streak:7"))


def test_on_slack_role_rewards_are_kindly_a_discord_feature(hub: Hub) -> None:
    boss = actor("boss", admin=True, platform="slack")
    for text in ("", "set streak:7 role:@Mine"):
        reply = hub.command_text(boss, "roles", text)
        assert "Role rewards are a Discord feature" in said(reply)


async def test_once_the_day_is_done_the_scheduler_finds_no_role_work_until_tomorrow(
    hub: Hub, clock: FakeClock
) -> None:
    messenger = FakeMessenger()
    messenger.refused_roles.add("Top 3")  # a refused change waits for tomorrow
    clock.set(_at(20, month=11))
    roles(hub, 'set top3:yes role:"Top 3"')
    give(hub, "ann", 10)
    await day(hub, clock, _at(1), messenger)
    with Session(hub.engine) as session:
        later = find_due(session, _at(1, 20), schedule=ROLE_WORK, platforms={"console"})
        tomorrow = find_due(session, _at(2, 1), schedule=ROLE_WORK, platforms={"console"})
    assert later == []
    assert sorted(d.kind for d in tomorrow) == ["role-change", "roles"]


async def test_forget_drops_the_member_s_grants_and_says_the_role_stays(
    hub: Hub, clock: FakeClock
) -> None:
    messenger = FakeMessenger()
    clock.set(_at(20, month=11))
    roles(hub, 'set top3:yes role:"Top 3"')
    give(hub, "ann", 10)
    await day(hub, clock, _at(1), messenger)
    asked = hub.command_text(actor("ann"), "profile", "forget")
    button = asked.messages[0].card.buttons[0]
    done = said(hub.press(actor("ann"), button.action, button.value))
    assert "Roles I gave you as rewards stay on your account" in done
    assert "1 member holds it" not in said(roles(hub, ""))
    await day(hub, clock, _at(2), messenger)
    assert len(messenger.role_changes) == 1  # the bot no longer knows her: nothing to take
