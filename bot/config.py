"""Settings: the only place that reads the environment (and a .env file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.config_values import check_database_url, masked_url, parse_admin_ids
from bot.content import DEFAULT_CONTENT_DIR
from bot.core.timezones import ZoneError, canonical_zone

DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    """Every PrepLoop setting; see the table in README.md."""

    # hide_input_in_errors: a rejected value (a token, a URL with its password) never reaches
    # a printed ValidationError.
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", hide_input_in_errors=True)

    database_url: str = Field(default="", description="SQLAlchemy URL; empty = SQLite in DATA_DIR")
    data_dir: Path = DEFAULT_DATA_DIR
    content_dir: Path = DEFAULT_CONTENT_DIR
    discord_token: SecretStr | None = None
    discord_shard_count: int | None = Field(default=None, ge=1)
    discord_shard_ids: Annotated[list[int] | None, NoDecode] = None
    discord_members_intent: bool = False
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_http_port: int = 3000
    slack_api_url: str = "https://slack.com/api/"
    # workspace id (or "*" for any workspace) -> the member ids that administer it
    slack_admin_ids: Annotated[dict[str, frozenset[str]], NoDecode] = Field(default_factory=dict)
    default_timezone: str = "UTC"
    catch_up_same_day: bool = True
    log_level: str = "INFO"
    # Commands and button presses a minute per member (admins exempt); 0 turns the limit off.
    rate_limit_per_minute: int = Field(default=20, ge=0)
    log_format: Literal["text", "json"] = "text"
    web_port: int | None = Field(default=None, ge=0, le=65535, description="dashboard port")
    web_host: str = "0.0.0.0"  # noqa: S104 - the dashboard is served to the network on purpose
    public_url: str = Field(default="", description="base of the dashboard links the bot gives")
    web_secret: SecretStr | None = None

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """Show DATABASE_URL with its password masked (SecretStr fields mask themselves)."""
        for name, value in super().__repr_args__():
            yield name, masked_url(value) if name == "database_url" and value else value

    @field_validator("database_url")
    @classmethod
    def _parsable_url(cls, value: str) -> str:
        """Reject a URL SQLAlchemy cannot read, quoting it with the password masked."""
        return check_database_url(value) if value else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("slack_admin_ids", mode="before")
    @classmethod
    def _admins_by_workspace(cls, value: object) -> object:
        """Read `T123:U1,U2;T456:U3`; ids without a workspace (`U1,U2`) count in every one."""
        if isinstance(value, str):
            return parse_admin_ids(value)
        if isinstance(value, list | tuple | set | frozenset):
            return parse_admin_ids(",".join(map(str, value)))
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        """Hold DEFAULT_TIMEZONE to the rule members get: a place's IANA name, canonical."""
        try:
            return canonical_zone(value)
        except ZoneError as error:
            raise ValueError(f"DEFAULT_TIMEZONE: {error}") from None

    @field_validator("discord_shard_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("discord_shard_ids")
    @classmethod
    def _ids_fit_the_count(cls, ids: list[int] | None, info: ValidationInfo) -> list[int] | None:
        if not ids:
            return None
        if "discord_shard_count" not in info.data:  # the count is invalid, and reported as such
            return ids
        count = info.data["discord_shard_count"]
        if count is None:
            raise ValueError("needs DISCORD_SHARD_COUNT too, the same number in every process")
        outside = [str(i) for i in ids if not 0 <= i < count]
        if outside:
            raise ValueError(
                f"every id must be in 0..{count - 1} (DISCORD_SHARD_COUNT is {count}); "
                f"got {', '.join(outside)}"
            )
        if len(set(ids)) < len(ids):
            raise ValueError("lists a shard twice")
        return ids

    def web_base_url(self, port: int | None = None) -> str:
        """The base of the dashboard links: PUBLIC_URL, else http://localhost:WEB_PORT."""
        if self.public_url:
            return self.public_url.rstrip("/")
        return f"http://localhost:{port if port is not None else self.web_port}"

    def db_url(self) -> str:
        """Return DATABASE_URL, or a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'preploop.db'}"
