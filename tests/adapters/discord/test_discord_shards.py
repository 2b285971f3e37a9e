"""Discord shards split across processes: the settings, each process's guilds and rate."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.adapters.discord import Shards
from bot.adapters.discord.pace import PACE
from bot.adapters.discord.shards import shard_of
from bot.cli import main
from bot.config import Settings
from bot.runner import discord_shares

DOCUMENTED = 175928847299117063  # Discord's example snowflake: made 41944705796 ms after 2015
SERENITY = 81384788765712384  # on shard 7 of 17, in serenity's (a Rust library's) documentation
LOW_BITS = 0x3FFFFF  # worker, process and increment: the 22 bits under the timestamp


def _settings(**values: object) -> Settings:
    return Settings(**values, _env_file=None)  # type: ignore[arg-type]


def _split(count: int, ids: str | None = None) -> Shards:
    shards = Shards.from_settings(_settings(discord_shard_count=count, discord_shard_ids=ids))
    assert shards is not None
    return shards


@pytest.mark.parametrize(
    ("guild", "count", "shard"),
    [
        (SERENITY, 17, 7),
        (DOCUMENTED, 16, 41944705796 % 16),
        (DOCUMENTED, 5, 1),
        (DOCUMENTED, 1, 0),
        ((7 << 22) | LOW_BITS, 4, 3),
        (7 << 22, 4, 3),
    ],
)
def test_a_guild_is_on_the_shard_given_by_discords_formula(
    guild: int, count: int, shard: int
) -> None:
    assert shard_of(guild, count) == shard


def test_processes_with_distinct_shard_ids_deliver_every_guild_exactly_once() -> None:
    processes = [_split(4, "0,1"), _split(4, "2"), _split(4, "3")]
    guilds = [DOCUMENTED, *((ms << 22) | 4097 for ms in range(41944705000, 41944705100))]
    owners = {guild: [p.ids for p in processes if p.owns(str(guild))] for guild in guilds}
    assert {guild: len(found) for guild, found in owners.items()} == dict.fromkeys(guilds, 1)
    assert {found[0] for found in owners.values()} == {(0, 1), (2,), (3,)}


def test_a_process_with_the_count_and_no_ids_runs_and_delivers_every_shard() -> None:
    shards = _split(3)
    assert shards.ids == (0, 1, 2)
    assert all(shards.owns(str((ms << 22) | 1)) for ms in range(30))


def test_a_guild_id_that_is_not_a_snowflake_is_left_to_the_process_of_shard_zero() -> None:
    assert _split(4, "0").owns("not-a-guild")
    assert not _split(4, "1,2,3").owns("not-a-guild")


@pytest.mark.parametrize(
    ("count", "ids", "per_second"),
    [(1, None, 50), (4, None, 50), (4, "0,1", 25), (4, "3", 12), (3, "2", 16), (64, "5", 1)],
)
def test_each_process_gets_its_shards_share_of_the_50_requests_a_second(
    count: int, ids: str | None, per_second: int
) -> None:
    assert _split(count, ids).requests_per_second == per_second


def test_the_scheduler_of_a_sharded_process_delivers_only_its_guilds_at_its_share() -> None:
    owns, paces = discord_shares(_settings(discord_shard_count=4, discord_shard_ids="2,3"))
    assert paces == {"discord": dataclasses.replace(PACE, per_second=25)}
    assert owns["discord"](str(2 << 22)) and owns["discord"](str(3 << 22))
    assert not owns["discord"](str(DOCUMENTED))  # shard 0
    assert set(owns) == {"discord"}


def test_without_shard_settings_the_scheduler_delivers_every_guild_at_the_full_rate() -> None:
    assert discord_shares(_settings()) == ({}, {})


@pytest.mark.parametrize(
    ("env", "said"),
    [
        (
            {"DISCORD_SHARD_IDS": "0,1"},
            "DISCORD_SHARD_IDS: Value error, needs DISCORD_SHARD_COUNT too",
        ),
        (
            {"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "2,4"},
            "DISCORD_SHARD_IDS: Value error, every id must be in 0..3 (DISCORD_SHARD_COUNT is 4);"
            " got 4",
        ),
        (
            {"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "1,1"},
            "DISCORD_SHARD_IDS: Value error, lists a shard twice",
        ),
        (
            {"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "one"},
            "DISCORD_SHARD_IDS.0: Input should be a valid integer",
        ),
        ({"DISCORD_SHARD_COUNT": "0"}, "DISCORD_SHARD_COUNT: Input should be greater than"),
    ],
)
def test_bad_shard_settings_stop_preploop_run_with_a_clear_message(
    env: dict[str, str], said: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env file
    monkeypatch.setenv("DISCORD_TOKEN", "a-token")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stopped:
        main(["run"])
    assert str(stopped.value).startswith("PrepLoop settings are not valid:\n")
    assert said in str(stopped.value)
