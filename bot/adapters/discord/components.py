"""Buttons that survive restarts, and forms: the Discord side of Button and Modal."""

from __future__ import annotations

import io
import logging
import re
from typing import Any, Protocol, runtime_checkable

import discord

from bot.adapters.discord.render import embed, truncate
from bot.core.cards import Button, Card, Modal, Style

log = logging.getLogger(__name__)

# `pl:<action>:<value>`; buttons sent by direct message also carry their server: `pl@<id>:…`,
# and those of a scheduled post its marker (bot.scheduling.claims.marker): `pl~<marker>…:…`.
TEMPLATE = re.compile(
    r"pl(?:~(?P<mark>[0-9a-z]{1,25}))?(?:@(?P<guild>[0-9]{1,20}))?"
    r":(?P<action>[^:]{1,50}):(?P<value>.*)",
    re.S,
)
CUSTOM_ID_LIMIT = 100
BUTTON_LIMIT = 25
LABEL_LIMIT = 80
FORM_TITLE_LIMIT = 45
INPUT_LABEL_LIMIT = 45
INPUT_LIMIT = 4000
PLACEHOLDER_LIMIT = 100
FORM_INPUT_COUNT = 5

_STYLES = {
    Style.PRIMARY: discord.ButtonStyle.primary,
    Style.SECONDARY: discord.ButtonStyle.secondary,
    Style.DANGER: discord.ButtonStyle.danger,
}


@runtime_checkable
class Listener(Protocol):
    """The client side that turns presses and submissions into hub calls."""

    async def pressed(
        self, interaction: discord.Interaction, action: str, value: str, guild: str | None
    ) -> None: ...


def _listener(interaction: discord.Interaction) -> Listener:
    client = interaction.client
    if not isinstance(client, Listener):
        raise TypeError("the Discord client does not handle PrepLoop components")
    return client


def custom_id(action: str, value: str, guild: str | None = None, mark: str | None = None) -> str:
    """Encode a button's action and value (and its server, outside one; its post's marker)."""
    head = "pl" + (f"~{mark}" if mark else "") + (f"@{guild}" if guild else "")
    return f"{head}:{action}:{value}"


def marked(custom_ids: list[str], mark: str) -> bool:
    """Return whether any of these custom_ids carries a scheduled post's marker."""
    return any((found := TEMPLATE.fullmatch(c)) and found["mark"] == mark for c in custom_ids)


class ActionButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=TEMPLATE):
    """A button whose state lives in its custom_id, so it works on messages of any age."""

    def __init__(self, button: Button, guild: str | None = None, mark: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=truncate(button.label, LABEL_LIMIT),
                style=_STYLES.get(button.style, discord.ButtonStyle.secondary),
                custom_id=custom_id(button.action, button.value, guild, mark),
            )
        )
        self.action, self.value, self.guild = button.action, button.value, guild

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ActionButton:
        """Rebuild the button that was pressed from its custom_id."""
        label = getattr(item, "label", None) or ""
        return cls(Button(label, match["action"], match["value"]), match["guild"], match["mark"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to the client."""
        await _listener(interaction).pressed(interaction, self.action, self.value, self.guild)


def view_for(
    card: Card, guild: str | None = None, mark: str | None = None
) -> discord.ui.View | None:
    """Build the persistent view holding a card's buttons (None when it has none).

    A scheduled post's `mark` rides in each button's custom_id where it fits in 100 characters,
    so the post can be recognised in the channel's history later.
    """
    view = discord.ui.View(timeout=None)
    for button in card.buttons:
        if len(custom_id(button.action, button.value, guild)) > CUSTOM_ID_LIMIT:
            log.error("button %r dropped: its custom_id is over 100 characters", button.action)
        elif len(view.children) < BUTTON_LIMIT:
            fits = len(custom_id(button.action, button.value, guild, mark)) <= CUSTOM_ID_LIMIT
            view.add_item(ActionButton(button, guild, mark if fits else None))
    return view if view.children else None


class Form(discord.ui.Modal):
    """A Discord modal for a Modal spec, whose state lives in its custom_id like a button's.

    discord.py keeps no Form in memory (it is finished before it is sent): the client reads every
    submission by its custom_id, so a form sent after a restart, after any delay or twice is
    still answered.
    """

    def __init__(self, spec: Modal, community: str | None = None) -> None:
        """Build the form; `community` rides in its custom_id (needed outside a server)."""
        super().__init__(
            title=truncate(spec.title, FORM_TITLE_LIMIT) or "Form",
            timeout=None,
            custom_id=custom_id(spec.action, spec.value, community),
        )
        self.spec = spec
        for box in spec.inputs[:FORM_INPUT_COUNT]:
            limit = min(box.max_length, INPUT_LIMIT)
            field: discord.ui.TextInput[Form] = discord.ui.TextInput(
                custom_id=box.id,
                style=discord.TextStyle.paragraph if box.multiline else discord.TextStyle.short,
                placeholder=truncate(box.placeholder, PLACEHOLDER_LIMIT) or None,
                default=box.value[:limit] or None,
                required=box.required,
                min_length=min(box.min_length, limit) or None,
                max_length=limit,
            )
            label = truncate(box.label, INPUT_LABEL_LIMIT) or box.id[:INPUT_LABEL_LIMIT]
            self.add_item(discord.ui.Label(text=label, component=field))
        self.stop()  # finished, so discord.py does not store it (see above)


def submitted_fields(data: Any) -> dict[str, str]:
    """Read what the member typed into a form, by input id, from a modal submission."""
    fields: dict[str, str] = {}
    for row in data.get("components", []) if isinstance(data, dict) else []:
        # An input sits in a label (type 18) or, in older clients, in an action row (type 1).
        boxes = [row.get("component") or {}, *row.get("components", [])]
        for box in boxes:
            if box.get("custom_id") is not None:
                fields[str(box["custom_id"])] = str(box.get("value") or "")
    return fields


def outgoing(card: Card, guild: str | None = None, mark: str | None = None) -> dict[str, Any]:
    """Keyword arguments for any discord.py `send`: the embed and, if any, the buttons.

    A scheduled post's `mark` goes out as the message's nonce (discord.py sends it with
    enforce_nonce, so Discord itself drops a retried copy for a few minutes) and in its buttons.
    """
    shown = embed(card)
    kwargs: dict[str, Any] = {"embed": shown}
    if card.files:
        kwargs["files"] = [
            discord.File(io.BytesIO(f.data), filename=f.filename, description=f.description or None)
            for f in card.files
        ]
        pictures = [f for f in card.files if f.mime.startswith("image/")]
        if pictures:
            shown.set_image(url=f"attachment://{pictures[0].filename}")
    view = view_for(card, guild, mark)
    if view is not None:
        kwargs["view"] = view
    if mark:
        kwargs["nonce"] = mark
    return kwargs
