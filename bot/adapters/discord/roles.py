"""Role rewards on Discord: give and take a member's role, and check a role an admin picked.

The bot needs the Manage Roles permission, and each reward role below its own highest role.
What Discord refuses becomes a RoleError whose kind the role rewards feature reads back.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.core.cards import RoleChange
from bot.core.ports import MEMBER_GONE, ROLE_GONE, ROLE_REFUSED, DeliveryError, RoleError
from bot.core.role_rewards import RoleRef, role_from_text

UNKNOWN_ROLE = 10011
UNKNOWN_MEMBER = 10007
NO_PERMISSION = "I'm missing the Manage Roles permission"
TOO_HIGH = "the role is not below my highest role"
REFUSED = "Discord refused (403): I need the Manage Roles permission and my role above it"
REASON = "PrepLoop role reward"


async def change_role(client: discord.Client, community_id: str, change: RoleChange) -> str:
    """Give or take one role through discord.py's Member.add_roles / remove_roles."""
    role = discord.Object(_snowflake(change.role))
    try:
        guild = client.get_guild(_snowflake(community_id)) or await client.fetch_guild(
            _snowflake(community_id), with_counts=False
        )
        _precheck(guild, role.id)
        member = guild.get_member(_snowflake(change.member)) or await guild.fetch_member(
            _snowflake(change.member)
        )
        if change.give:
            await member.add_roles(role, reason=REASON)
        else:
            await member.remove_roles(role, reason=REASON)
    except discord.Forbidden as error:
        raise RoleError(ROLE_REFUSED, REFUSED) from error
    except discord.NotFound as error:
        if error.code == UNKNOWN_ROLE:
            raise RoleError(ROLE_GONE, "the role was deleted") from error
        raise RoleError(MEMBER_GONE, "the member is not in the server") from error
    except discord.HTTPException as error:
        raise DeliveryError(f"Discord could not change a role ({error.status})") from error
    return f"{community_id}/{change.member}/{change.role}"


def _precheck(guild: discord.Guild, role_id: int) -> None:
    """With the server's roles in the cache, refuse what Discord would refuse, without asking."""
    me = guild.me
    if me is None or guild.get_role(guild.id) is None:  # roles not cached: Discord will tell
        return
    if not me.guild_permissions.manage_roles:
        raise RoleError(ROLE_REFUSED, NO_PERMISSION)
    role = guild.get_role(role_id)
    if role is None:
        raise RoleError(ROLE_GONE, "the role was deleted")
    if _above_mine(role, me):
        raise RoleError(ROLE_REFUSED, TOO_HIGH)


def _above_mine(role: discord.Role, me: discord.Member) -> bool:
    """Whether a role sits at or above the bot's highest role (which it may not give)."""
    top = me.top_role if me.guild.get_role(me.guild.id) is not None else None
    return top is not None and role.position >= top.position


def role_option(interaction: discord.Interaction, value: Any) -> RoleRef:
    """The role an admin picked, with what already stops the bot from giving it."""
    if not isinstance(getattr(value, "id", None), int):  # not a role: read it as typed text
        return role_from_text(str(value))
    typed = role_from_text(str(getattr(value, "name", "") or value.id))
    problem, unusable = _problem(interaction, value), _usable(interaction, value)
    return RoleRef(str(value.id), typed.name or str(value.id), problem, unusable)


def _usable(interaction: discord.Interaction, role: Any) -> str:
    """Why nobody could give this role ("" when it can be given)."""
    if str(role.id) == str(interaction.guild_id):
        return "@everyone belongs to every member already: pick another role."
    if getattr(role, "managed", False):
        return "That role belongs to an integration (a bot or a subscription): pick another."
    return ""


def _problem(interaction: discord.Interaction, role: Any) -> str:
    if not interaction.app_permissions.manage_roles:
        return NO_PERMISSION
    guild = interaction.guild
    me = guild.me if guild is not None else None
    cached = guild is not None and guild.get_role(int(role.id)) is not None
    return TOO_HIGH if cached and me is not None and _above_mine(role, me) else ""


def _snowflake(raw: str) -> int:
    if not raw.isdigit():
        raise RoleError(ROLE_GONE, f"{raw!r} is not a Discord id")
    return int(raw)
