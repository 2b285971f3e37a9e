"""Per-member rate limits in the hub: a burst of 20, then one friendly word, then a minute."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.hub import Hub
from bot.app.limiter import RateLimiter, Verdict
from bot.core.cards import Reply
from tests.conftest import actor
from tests.fakes import FakeClock

TOO_FAST = "You're going a bit fast. Try again in 3 seconds."


def said(reply: Reply) -> str:
    return "\n".join(str(m.card.text) for m in reply.messages)


def _question_buttons(hub: Hub, who: str) -> dict[str, tuple[str, str]]:
    shown = hub.command_text(actor(who), "question", "")
    return {b.label: (b.action, b.value) for b in shown.messages[0].card.buttons}


def test_the_21st_command_in_a_minute_is_refused_kindly_and_a_minute_later_it_works(
    limited_hub: Hub, clock: FakeClock
) -> None:
    replies = [said(limited_hub.command_text(actor("u1"), "story", "mine")) for _ in range(21)]
    assert TOO_FAST not in replies[:20]
    assert replies[20] == TOO_FAST
    clock.advance(minutes=1)
    assert said(limited_hub.command_text(actor("u1"), "story", "mine")) != TOO_FAST


def test_presses_after_the_first_refusal_get_no_answer_at_all(limited_hub: Hub) -> None:
    buttons = _question_buttons(limited_hub, "u1")
    for _ in range(19):
        limited_hub.command_text(actor("u1"), "story", "mine")
    presses = [limited_hub.press(actor("u1"), *buttons["Hint"]) for _ in range(4)]
    assert said(presses[0]) == TOO_FAST
    assert [p.messages for p in presses[1:]] == [[], [], []]


def test_a_steady_pace_is_never_refused(limited_hub: Hub, clock: FakeClock) -> None:
    for _ in range(100):  # one every 3 seconds is exactly 20 a minute
        assert said(limited_hub.command_text(actor("u1"), "story", "mine")) != TOO_FAST
        clock.advance(seconds=3)


def test_one_members_burst_does_not_slow_another(limited_hub: Hub) -> None:
    for _ in range(25):
        limited_hub.command_text(actor("u1"), "story", "mine")
    assert said(limited_hub.command_text(actor("u2"), "story", "mine")) != TOO_FAST
    elsewhere = actor("u1", community="g2")
    assert said(limited_hub.command_text(elsewhere, "story", "mine")) != TOO_FAST


def test_admins_are_not_limited(limited_hub: Hub) -> None:
    boss = actor("boss", admin=True)
    replies = [said(limited_hub.command_text(boss, "story", "mine")) for _ in range(40)]
    assert TOO_FAST not in replies


def test_a_hub_built_with_no_rate_limit_never_refuses(hub: Hub) -> None:
    replies = [said(hub.command_text(actor("u1"), "story", "mine")) for _ in range(40)]
    assert TOO_FAST not in replies


def test_the_limiter_drops_buckets_idle_for_a_minute_and_stays_bounded() -> None:
    clock = FakeClock()
    clock.set(datetime(2026, 12, 1, tzinfo=UTC))
    limiter = RateLimiter(clock, max_buckets=100)
    for n in range(500):
        assert limiter.take(("console", "g1", f"u{n}"), 20) is Verdict.ALLOW
    assert len(limiter.buckets) == 100
    clock.advance(minutes=1)
    limiter.take(("console", "g1", "late"), 20)
    assert list(limiter.buckets) == [("console", "g1", "late")]


def test_a_bucket_refills_evenly_over_the_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock)
    key = ("console", "g1", "u1")
    verdicts = [limiter.take(key, 2) for _ in range(4)]
    assert verdicts == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.QUIET]
    clock.advance(seconds=30)  # half a minute: one of the two tokens back
    assert [limiter.take(key, 2) for _ in range(2)] == [Verdict.ALLOW, Verdict.WARN]
