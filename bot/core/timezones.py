"""Time zones as members type them: one rule for every command that takes one."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from bot.core.cards import Rich, UserText, plain, rich

EXAMPLES = "Europe/Berlin, America/New_York, Asia/Kolkata or UTC"
LONGEST = 64  # past the longest IANA name (America/Argentina/ComodRivadavia is 32)
# Not places: fixed offsets with inverted signs (Etc/GMT+1 is UTC-1) and system files.
_NOT_PLACES = ("etc/", "systemv/", "posix/", "right/")
# Abbreviations name no place, so they cannot say when summer time starts; suggest a city.
ABBREVIATIONS = {
    "utc": "UTC",
    "etc/utc": "UTC",
    "uct": "UTC",
    "zulu": "UTC",
    "universal": "UTC",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "wet": "Europe/Lisbon",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "met": "Europe/Berlin",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata",
    "sgt": "Asia/Singapore",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "est": "America/New_York",
    "edt": "America/New_York",
    "est5edt": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "cst6cdt": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mst7mdt": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pst8pdt": "America/Los_Angeles",
    "hst": "Pacific/Honolulu",
}


class ZoneError(ValueError):
    """A time zone a member typed that is not a place's zone; `text` says why and what fits."""

    def __init__(self, text: Rich) -> None:
        super().__init__(plain(text))
        self.text = text


def canonical_zone(typed: str) -> str:
    """Return the IANA name of a place's time zone typed in any case, or raise ZoneError."""
    key = _key(typed)
    name = _places().get(key)
    if name is None:
        raise ZoneError(_refusal(typed, suggest_zone(key)))
    return name


def suggest_zone(typed: str) -> str | None:
    """Return the place's zone a member most likely meant, if any is close."""
    key = _key(typed)
    if len(key) > LONGEST:
        return None
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key]
    cities = _cities()
    if key.rpartition("/")[2] in cities:
        return cities[key.rpartition("/")[2]]
    for names in (_places(), cities):
        close = difflib.get_close_matches(key, names, n=1, cutoff=0.75)
        if close:
            return names[close[0]]
    return None


def local_label(moment: datetime, tz: str) -> str:
    """Show a moment as a member reads it in a zone: "Mon 7 Dec, 09:00 (Europe/Berlin)"."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    local = aware.astimezone(ZoneInfo(tz))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} ({tz})"


def _refusal(typed: str, suggestion: str | None) -> Rich:
    shown = UserText(" ".join(typed.split())[:64])
    head = rich("I don't know the time zone “", shown, "”.")
    if suggestion is None:
        return rich(*head.parts, f" Use a place's name, like {EXAMPLES}.")
    why = ""
    if _key(typed) in ABBREVIATIONS and suggestion != "UTC":
        why = " An abbreviation names no place, so it cannot follow that place's summer time."
    return rich(*head.parts, f" Did you mean {suggestion}?{why}")


def _key(text: str) -> str:
    # "america/new york" is how people write America/New_York.
    return "_".join(text.split()).lower()


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Every zone named after a place (Area/Location), plus UTC, by lower-case name."""
    places = {
        name.lower(): name
        for name in available_timezones()
        if "/" in name and not name.lower().startswith(_NOT_PLACES)
    }
    return places | {"utc": "UTC"}


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Zones by their last part ("berlin" -> Europe/Berlin); the first of a shared name wins."""
    cities: dict[str, str] = {}
    for key, name in sorted(_places().items()):
        cities.setdefault(key.rpartition("/")[2], name)
    return cities
