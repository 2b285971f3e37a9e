"""The one platform-neutral message model every adapter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class UserText(str):
    """Text a member typed: renderers show it literally, never as markup or a mention."""

    __slots__ = ()


class Mention(str):
    """A member's platform user id, shown as a mention of that one member (never a group)."""

    __slots__ = ()


@dataclass(frozen=True)
class Rich:
    """Trusted markup (plain `str` parts) mixed with member text (`UserText`) and `Mention`s.

    Trusted markup is a small Markdown subset: **bold**, `code`, ```blocks``` and "> " quotes;
    each renderer translates it.
    """

    parts: tuple[str, ...]

    def plain(self) -> str:
        """Join the parts without any escaping (for logs and length checks)."""
        return "".join(self.parts)


Text = str | Rich


def rich(*parts: str) -> Rich:
    """Build a Rich text; wrap member input in `UserText` before passing it."""
    return Rich(tuple(parts))


def plain(text: Text) -> str:
    """Return the text without any escaping."""
    return text.plain() if isinstance(text, Rich) else str(text)


class Visibility(StrEnum):
    CHANNEL = "channel"
    EPHEMERAL = "ephemeral"
    DIRECT = "direct"


class Style(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    DANGER = "danger"


@dataclass(frozen=True)
class Field:
    name: Text
    value: Text
    inline: bool = False


@dataclass(frozen=True)
class Button:
    """A button; pressing it sends `action` with `value` back to the services."""

    label: str
    action: str
    value: str = ""
    style: Style = Style.SECONDARY


@dataclass(frozen=True)
class Attachment:
    """A file sent with a card: a calendar invite, a picture."""

    filename: str
    data: bytes
    mime: str = "application/octet-stream"
    description: str = ""


@dataclass(frozen=True)
class Card:
    title: Text = ""
    text: Text = ""
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    footer: Text = ""
    files: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Input:
    """One text box of a modal."""

    id: str
    label: str
    max_length: int = 4000
    min_length: int = 0
    multiline: bool = True
    required: bool = True
    placeholder: str = ""
    value: str = ""


@dataclass(frozen=True)
class Modal:
    """A form; submitting it sends `action` with `value` and the inputs back to the services."""

    title: str
    action: str
    value: str
    inputs: tuple[Input, ...]
    submit_label: str = "Submit"


@dataclass(frozen=True)
class Space:
    """A private place for a few members: a Discord private thread, a Slack group DM.

    With `members` (platform user ids) a message opens one (under its channel on Discord) and
    posts its card there, and the messenger returns the space's id; with `ref` it posts its card
    in that space and then removes it.
    """

    name: str = ""
    members: tuple[str, ...] = ()
    ref: str | None = None


@dataclass(frozen=True)
class RoleChange:
    """Give a member a role, or take it back: sent as a message, it changes roles and shows nothing.

    `member` and `role` are platform ids (on the console, a role's name); the names are for
    what a person reads about it.
    """

    member: str
    role: str
    give: bool
    member_name: str = ""
    role_name: str = ""


@dataclass(frozen=True)
class Message:
    """A card to show: in the channel, only to the caller, or to a member directly."""

    card: Card
    visibility: Visibility = Visibility.EPHEMERAL
    to_member: str | None = None
    channel: str | None = None
    thread_of: str | None = None
    track: str | None = None  # "name:value": tell the hub the posted message's ref (Hub.track)
    space: Space | None = None  # open a private space with its card, or close one
    role: RoleChange | None = None  # change a member's role instead of posting the card
    marker: str | None = None  # a scheduled post's mark, by which a retry finds it was sent


@dataclass
class Reply:
    """What a service answers: messages to send and at most one modal to open."""

    messages: list[Message] = field(default_factory=list)
    modal: Modal | None = None

    @classmethod
    def ephemeral(cls, card: Card) -> Reply:
        return cls([Message(card, Visibility.EPHEMERAL)])

    @classmethod
    def channel(cls, card: Card) -> Reply:
        return cls([Message(card, Visibility.CHANNEL)])

    @classmethod
    def note(cls, text: Text, title: Text = "") -> Reply:
        """A short private answer: a confirmation, a refusal, a help text."""
        return cls.ephemeral(Card(title=title, text=text))

    @classmethod
    def open(cls, modal: Modal) -> Reply:
        return cls(modal=modal)
