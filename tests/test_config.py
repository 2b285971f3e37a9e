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


PASSWORD = "pa%40ss%25word"  # "pa@ss%word", percent-encoded as a URL needs it


def test_the_database_password_never_shows_in_the_settings_repr() -> None:
    settings = Settings(
        database_url=f"postgresql://bot:{PASSWORD}@db/preploop",
        slack_bot_token="xoxb-very-secret",
        slack_signing_secret="signing-very-secret",
        discord_token="discord-very-secret",
        _env_file=None,  # type: ignore[call-arg]
    )
    for shown in (repr(settings), str(settings)):
        assert "bot:***@db/preploop" in shown
        assert all(secret not in shown for secret in ("pa%40", "pa@ss", "very-secret"))
    assert settings.db_url() == f"postgresql://bot:{PASSWORD}@db/preploop"


@pytest.mark.parametrize(
    "url",
    ["postgresql://bot:hunter2@db:not-a-port/preploop", "postgresql+bad driver://bot:hunter2@db/x"],
)
def test_a_database_url_sqlalchemy_cannot_read_is_quoted_without_its_password(url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    assert "hunter2" not in str(caught.value)
    assert "://bot:***@db" in str(caught.value)


def test_a_bare_password_given_as_the_url_is_not_quoted() -> None:
    with pytest.raises(ValidationError, match="should start like postgresql://") as caught:
        Settings(database_url="hunter2", _env_file=None)  # type: ignore[call-arg]
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("T123:U1,U2;T456:U3", {"T123": {"U1", "U2"}, "T456": {"U3"}}),
        ("U1, U2", {"*": {"U1", "U2"}}),
        ("T1:U1;U9;T1:U2", {"T1": {"U1", "U2"}, "*": {"U9"}}),
        ("", {}),
    ],
)
def test_slack_admin_ids_are_read_per_workspace(raw: str, expected: dict[str, set[str]]) -> None:
    settings = Settings(slack_admin_ids=raw, _env_file=None)  # type: ignore[call-arg]
    assert settings.slack_admin_ids == expected


@pytest.mark.parametrize(
    ("raw", "why"),
    [("T1:", "lists no member ids"), ("T1:U1 U2", "is not a Slack id"), ("t1:u1", "Slack id")],
)
def test_a_malformed_slack_admin_list_is_refused(raw: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        Settings(slack_admin_ids=raw, _env_file=None)  # type: ignore[call-arg]


def test_the_rate_limit_is_20_a_minute_unless_set_and_cannot_be_negative() -> None:
    assert Settings.model_fields["rate_limit_per_minute"].default == 20  # the test run sets 0
    with pytest.raises(ValidationError):
        Settings(_env_file=None, rate_limit_per_minute=-1)  # type: ignore[call-arg]
