"""The rules of a standing schedule, without storage: reading its options, its next post."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.app.registry import UserError
from bot.core.calendar import local_moment
from bot.core.cards import UserText, rich
from bot.core.vocabulary import WEEKDAYS

EVERY_DAY = ",".join(WEEKDAYS)
OFF_WORDS = ("off", "stop", "none", "no")
_DAY_WORDS = {"every": EVERY_DAY, "daily": EVERY_DAY, "all": EVERY_DAY, "weekdays": "mon-fri"}
DAYS_HELP = "Give days like mon-fri, mon,wed,fri or every."


def parse_post_time(text: str) -> str:
    """A local post time typed like 9:00 or 09:00, as HH:MM; or refuse it clearly."""
    hours, colon, minutes = text.strip().partition(":")
    digits = colon and hours.isdecimal() and minutes.isdecimal() and len(minutes) == 2
    if digits and len(hours) <= 2 and int(hours) < 24 and int(minutes) < 60:
        return f"{int(hours):02d}:{minutes}"
    raise UserError("`time` takes a time like 09:00, or `off` to stop the schedule.")


def parse_days(text: str) -> str:
    """Weekdays typed as mon-fri, mon,wed,fri or every, as the stored comma list."""
    words = _DAY_WORDS.get(text.strip().lower(), text.strip().lower())
    chosen: set[int] = set()
    for part in (p.strip() for p in words.split(",") if p.strip()):
        first, dash, last = part.partition("-")
        if first not in WEEKDAYS or (dash and last not in WEEKDAYS):
            raise UserError(rich("I don't know the day “", UserText(part[:20]), f"”. {DAYS_HELP}"))
        start, end = WEEKDAYS.index(first), WEEKDAYS.index(last if dash else first)
        chosen.update((start + n) % 7 for n in range((end - start) % 7 + 1))
    if not chosen:
        raise UserError(f"Give at least one day. {DAYS_HELP}")
    return ",".join(WEEKDAYS[n] for n in sorted(chosen))


def parse_board_day(text: str) -> str:
    """The weekday of the weekly leaderboard post, or "" for none."""
    word = text.strip().lower()
    if word in OFF_WORDS:
        return ""
    if word[:3] in WEEKDAYS:
        return word[:3]
    raise UserError("`weekly_board` takes a day like mon, or `off`.")


def days_label(days: str) -> str:
    """Show the stored days as an admin reads them: "every day", "Mon–Fri", "Mon, Wed, Fri"."""
    picked = [d for d in WEEKDAYS if d in days.split(",")]
    if len(picked) == 7:
        return "every day"
    indexes = [WEEKDAYS.index(d) for d in picked]
    if len(picked) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{picked[0].title()}–{picked[-1].title()}"
    return ", ".join(d.title() for d in picked)


def next_post_at(
    post_time: str, days: str, tz: str, now: datetime, *, posted: date | None = None
) -> datetime:
    """The next moment the schedule posts: today's if it is still to come (or due and not yet
    posted), else the next chosen day's."""
    at = time.fromisoformat(post_time)
    today = now.astimezone(ZoneInfo(tz)).date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if WEEKDAYS[day.weekday()] not in days or day == posted:
            continue
        moment = local_moment(day, at, tz)
        if moment > now or ahead == 0:
            return moment
    raise AssertionError("a schedule posts at least once a week")
