"""Settings: DEFAULT_TIMEZONE follows the one time zone rule members get."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.config import Settings


def test_the_default_time_zone_is_stored_as_iana_spells_it() -> None:
    settings = Settings(default_timezone="europe/berlin", _env_file=None)  # type: ignore[call-arg]
    assert settings.default_timezone == "Europe/Berlin"


@pytest.mark.parametrize("typed", ["CET", "localtime", "Moon/Base"])
def test_a_default_time_zone_that_is_not_a_place_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="DEFAULT_TIMEZONE: I don't know the time zone"):
        Settings(default_timezone=typed, _env_file=None)  # type: ignore[call-arg]


def test_the_rate_limit_is_20_a_minute_unless_set_and_cannot_be_negative() -> None:
    assert Settings.model_fields["rate_limit_per_minute"].default == 20  # the test run sets 0
    with pytest.raises(ValidationError):
        Settings(_env_file=None, rate_limit_per_minute=-1)  # type: ignore[call-arg]
