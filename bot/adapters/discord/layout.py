"""Where each registry command lives on Discord: `/group`, `/group name` or `/group-admin name`.

A group whose commands are all for admins (like /sprint) stays `/group name`, hidden from members.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.registry import Command, Registry
from bot.core.cards import Card, Field

HELP_TITLE = "PrepLoop commands"
HELP_TEXT = "Commands marked *server managers* need the Manage Server permission."


@dataclass(frozen=True)
class Entry:
    """One top-level slash command: a plain command, or a group of subcommands."""

    name: str
    specs: tuple[Command, ...]
    admin: bool = False

    @property
    def plain(self) -> bool:
        """A group whose only command is its default becomes the plain `/group`."""
        return not self.admin and len(self.specs) == 1 and self.specs[0].default

    def usage(self, spec: Command) -> str:
        """How a member types this command on Discord."""
        words = [f"/{self.name}"] if self.plain else [f"/{self.name}", spec.name]
        words += [f"{o.name}:<{o.kind}>" if o.required else f"[{o.name}:…]" for o in spec.options]
        return " ".join(words)


def layout(registry: Registry) -> list[Entry]:
    """Split each registry group into its members' command and its admins' command."""
    entries: list[Entry] = []
    for group, specs in registry.groups().items():
        members = tuple(spec for spec in specs if not spec.admin)
        admins = tuple(spec for spec in specs if spec.admin)
        if members:
            entries.append(Entry(group, members))
        if admins:
            # An admin-only group keeps its own name (/sprint); a mixed one splits off -admin.
            name = f"{group}-admin" if members else group
            entries.append(Entry(name, admins, admin=True))
    return entries


def help_card(registry: Registry) -> Card:
    """Every command as Discord shows it, one field per top-level command."""
    fields = tuple(
        Field(
            f"/{entry.name}" + (" · server managers" if entry.admin else ""),
            "\n".join(f"`{entry.usage(spec)}` — {spec.description}" for spec in entry.specs),
        )
        for entry in layout(registry)
    )
    return Card(title=HELP_TITLE, text=HELP_TEXT, fields=fields)
