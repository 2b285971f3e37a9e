"""Discord shards split across processes: which guilds, and how much of the rate, are ours."""

from __future__ import annotations

from dataclasses import dataclass

from bot.adapters.discord.pace import REQUESTS_PER_SECOND
from bot.config import Settings


def shard_of(guild_id: int, shard_count: int) -> int:
    """Return the shard Discord routes a guild's events to."""
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True)
class Shards:
    """The shards this process connects, out of `count` shared by every process."""

    count: int
    ids: tuple[int, ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> Shards | None:
        """Read DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS; None when sharding is not set up."""
        count = settings.discord_shard_count
        if count is None:
            return None
        return cls(count, tuple(settings.discord_shard_ids or range(count)))

    def owns(self, guild: str) -> bool:
        """Return whether a guild (its id as text) is on one of this process's shards."""
        # An id that is not a snowflake cannot be posted to; shard 0 alone tries and reports it.
        return shard_of(int(guild) if guild.isdigit() else 0, self.count) in self.ids

    @property
    def requests_per_second(self) -> int:
        """This process's share of the global rate limit, in proportion to its shards."""
        return max(1, REQUESTS_PER_SECOND * len(self.ids) // self.count)
