"""Slash commands built from the registry, so new features appear with no adapter change."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.adapters.discord.layout import Entry, layout
from bot.adapters.discord.render import truncate
from bot.adapters.discord.respond import note
from bot.adapters.discord.roles import role_option
from bot.app.hub import OOPS
from bot.app.registry import Command, Option, Registry

log = logging.getLogger(__name__)

Runner = Callable[[discord.Interaction, Command, dict[str, Any]], Awaitable[None]]
Helper = Callable[[discord.Interaction], Awaitable[None]]

DESCRIPTION_LIMIT = 100
STRING_LIMIT = 6000
CHOICE_LIMIT = 25
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)
IN_SERVERS = app_commands.AppCommandContext(guild=True)  # everything is scoped by server
OUTDATED = "That command has changed since your app loaded it. Wait a minute and try again."
_POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD
_KEYWORD = inspect.Parameter.KEYWORD_ONLY


class Tree(app_commands.CommandTree[discord.Client]):
    """The command tree; a failing command still gets a polite private answer."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Log the failure and tell the member."""
        if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
            await note(interaction, OUTDATED)
            return
        log.error("slash command failed", exc_info=error)
        await note(interaction, OOPS)


def add_commands(tree: app_commands.CommandTree[Any], registry: Registry, run: Runner) -> None:
    """Add `/group` or `/group name` for members and `/group-admin name` for admins."""
    for entry in layout(registry):
        if entry.plain:
            tree.add_command(_command(entry.name, entry.specs[0], run))
        else:
            tree.add_command(_group(entry, run))


def add_help(tree: app_commands.CommandTree[Any], show: Helper) -> None:
    """Add `/help`, unless a feature owns that name."""
    if tree.get_command("help") is not None:
        return

    async def help_callback(interaction: discord.Interaction) -> None:
        await show(interaction)

    help_command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name="help",
        description="List every PrepLoop command",
        callback=help_callback,
        allowed_contexts=IN_SERVERS,
    )
    help_command.guild_only = True
    tree.add_command(help_command)


def _group(entry: Entry, run: Runner) -> app_commands.Group:
    topic = entry.name.removesuffix("-admin").title()
    group = app_commands.Group(
        name=entry.name,
        description=f"{topic} commands for server managers" if entry.admin else f"{topic} commands",
        guild_only=True,
        allowed_contexts=IN_SERVERS,
        # Hidden from members without Manage Server; the hub still checks at run time.
        default_permissions=ADMIN_PERMISSIONS if entry.admin else None,
    )
    for spec in entry.specs:
        group.add_command(_command(spec.name, spec, run, nested=True))
    return group


def _command(
    name: str, spec: Command, run: Runner, *, nested: bool = False
) -> app_commands.Command[Any, ..., None]:
    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=name,
        description=truncate(spec.description, DESCRIPTION_LIMIT) or name,
        callback=_callback(spec, run),
        allowed_contexts=None if nested else IN_SERVERS,
    )
    command.guild_only = not nested
    return command


def _callback(spec: Command, run: Runner) -> Callable[..., Coroutine[Any, Any, None]]:
    """Build a callback whose signature declares the command's options."""
    keys = {f"option_{index}": option for index, option in enumerate(spec.options)}

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        raw = {
            keys[key].name: role_option(interaction, value) if keys[key].kind == "role" else value
            for key, value in values.items()
            if value is not None
        }
        await run(interaction, spec, raw)

    # Option names may not be Python identifiers, so parameters are renamed to them.
    ordered = sorted(keys.items(), key=lambda item: not item[1].required)
    parameters = [inspect.Parameter("interaction", _POSITIONAL, annotation=discord.Interaction)]
    parameters += [_parameter(key, _annotation(o), required=o.required) for key, o in ordered]
    # discord.py reads the options from the signature; mypy does not know functions take one.
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    app_commands.rename(**{key: o.name for key, o in keys.items()})(callback)
    app_commands.describe(**{key: _description(o) for key, o in keys.items()})(callback)
    choices = {key: _choices(o) for key, o in keys.items() if _choices(o)}
    return app_commands.choices(**choices)(callback) if choices else callback


def _parameter(name: str, annotation: Any, *, required: bool) -> inspect.Parameter:
    default = inspect.Parameter.empty if required else None
    return inspect.Parameter(name, _KEYWORD, annotation=annotation, default=default)


def _annotation(option: Option) -> Any:
    if option.kind == "bool":
        return bool
    if option.kind == "int":
        if option.min_value is None and option.max_value is None:
            return int
        return app_commands.Range[int, option.min_value, option.max_value]
    if option.kind == "text":
        return app_commands.Range[str, None, min(option.max_length, STRING_LIMIT)]
    if option.kind == "role":
        return discord.Role
    return str  # choice, date and time are checked by the hub


def _description(option: Option) -> str:
    return truncate(option.description or option.name, DESCRIPTION_LIMIT)


def _choices(option: Option) -> list[app_commands.Choice[str]]:
    if option.kind != "choice" or len(option.choices) > CHOICE_LIMIT:
        return []  # past 25 choices Discord needs free text; the hub validates it
    return [
        app_commands.Choice(name=truncate(c, DESCRIPTION_LIMIT), value=c) for c in option.choices
    ]
