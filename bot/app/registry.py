"""The table of commands, buttons and forms that every adapter exposes the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date, time
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from bot.core.cards import Text, plain
from bot.core.role_rewards import RoleRef, role_from_text
from bot.core.timezones import ZoneError, canonical_zone
from bot.core.words import plural

if TYPE_CHECKING:
    from bot.app.context import Ctx
    from bot.core.cards import Reply

OptionKind = Literal["text", "int", "choice", "date", "time", "bool", "timezone", "role"]
Args = dict[str, Any]
Opts = TypeVar("Opts")
CommandHandler = Callable[["Ctx", Any], "Reply"]
ActionHandler = Callable[["Ctx", str], "Reply"]
SubmitHandler = Callable[["Ctx", str, dict[str, str]], "Reply"]
TrackHandler = Callable[["Ctx", str, str], None]
STORED_INT_MAX = 2**31 - 1  # the largest INTEGER of PostgreSQL (SQLite's are 64-bit)


class UserError(Exception):
    """Bad input from a member; its message is shown to them as it is."""

    def __init__(self, message: Text) -> None:
        super().__init__(plain(message))
        self.text = message


@dataclass(frozen=True)
class Option:
    name: str
    description: str
    kind: OptionKind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 200
    min_value: int | None = None
    max_value: int | None = None


def option(
    description: str,
    kind: OptionKind = "text",
    *,
    required: bool = False,
    choices: tuple[str, ...] = (),
    max_length: int = 200,
    min_value: int | None = None,
    max_value: int | None = None,
) -> Any:
    """Declare one option of a command as a field of its options dataclass.

    The field's name is the option's name; an optional option is None when not given.
    """
    spec = Option("", description, kind, required, choices, max_length, min_value, max_value)
    if required:
        return field(metadata={"option": spec})
    return field(default=None, metadata={"option": spec})


@dataclass(frozen=True)
class NoOptions:
    """The options of a command that takes none."""


_OPTIONS: dict[type[Any], tuple[Option, ...]] = {}


def options_of(shape: type[Any]) -> tuple[Option, ...]:
    """The options a command's options dataclass declares, in field order (read once a class)."""
    found = _OPTIONS.get(shape)
    if found is None:
        found = _OPTIONS[shape] = _read_options(shape)
    return found


def _read_options(shape: type[Any]) -> tuple[Option, ...]:
    assert is_dataclass(shape), f"{shape.__name__} is not a dataclass"
    specs = []
    for item in fields(shape):
        spec: Option = item.metadata["option"]
        required = item.default is MISSING and item.default_factory is MISSING
        specs.append(Option(item.name, spec.description, spec.kind, required, *_limits(spec)))
    return tuple(specs)


def _limits(spec: Option) -> tuple[Any, ...]:
    return (spec.choices, spec.max_length, spec.min_value, spec.max_value)


@dataclass(frozen=True)
class Command:
    """`/group name` (or `/group` when name is the group's default).

    The handler receives the options parsed into `shape`, a frozen dataclass whose fields were
    declared with `option()`, so every use of an option is checked by mypy.
    """

    group: str
    name: str
    description: str
    handler: CommandHandler
    shape: type[Any] = NoOptions
    admin: bool = False
    default: bool = False

    @property
    def options(self) -> tuple[Option, ...]:
        return options_of(self.shape)

    def parsed(self, args: Args) -> Any:
        """The options dataclass holding `args` (already converted and checked)."""
        return self.shape(**args)

    @property
    def usage(self) -> str:
        words = [f"/{self.group}"] if self.default else [f"/{self.group}", self.name]
        words += [f"{o.name}:<{o.kind}>" if o.required else f"[{o.name}:…]" for o in self.options]
        return " ".join(words)


@dataclass
class Registry:
    """Commands, buttons, forms and trackers: one module's routes, or all of them joined.

    A handler module keeps its own `ROUTES = Registry()`; its feature lists the modules' routes
    and the hub serves `Registry.joined(...)` of every feature, in the order of bot/features.
    """

    commands: dict[tuple[str, str], Command] = field(default_factory=dict)
    actions: dict[str, ActionHandler] = field(default_factory=dict)
    submits: dict[str, SubmitHandler] = field(default_factory=dict)
    trackers: dict[str, TrackHandler] = field(default_factory=dict)
    admin_actions: set[str] = field(default_factory=set)  # buttons only admins may press
    admin_submits: set[str] = field(default_factory=set)  # forms only admins may send

    @classmethod
    def joined(cls, parts: Iterable[Registry]) -> Registry:
        """One registry of every part's routes, in order; a name routed twice is a bug."""
        whole = cls()
        for part in parts:
            for table, theirs in (
                (whole.commands, part.commands),
                (whole.actions, part.actions),
                (whole.submits, part.submits),
                (whole.trackers, part.trackers),
            ):
                clash = set(table) & set(theirs)
                assert not clash, f"routed twice: {sorted(map(str, clash))}"
                table.update(theirs)  # type: ignore[arg-type]
            whole.admin_actions |= part.admin_actions
            whole.admin_submits |= part.admin_submits
        return whole

    @overload
    def command(
        self, group: str, name: str, description: str, *, admin: bool = ..., default: bool = ...
    ) -> Callable[[Callable[[Ctx, NoOptions], Reply]], Callable[[Ctx, NoOptions], Reply]]: ...

    @overload
    def command(
        self,
        group: str,
        name: str,
        description: str,
        options: type[Opts],
        *,
        admin: bool = ...,
        default: bool = ...,
    ) -> Callable[[Callable[[Ctx, Opts], Reply]], Callable[[Ctx, Opts], Reply]]: ...

    def command(
        self,
        group: str,
        name: str,
        description: str,
        options: type[Any] = NoOptions,
        *,
        admin: bool = False,
        default: bool = False,
    ) -> Callable[[CommandHandler], CommandHandler]:
        """Register a slash command handler taking its options as an `options` dataclass."""

        def wrap(handler: CommandHandler) -> CommandHandler:
            options_of(options)  # fail at start-up, not on first use, if it is malformed
            spec = Command(group, name, description, handler, options, admin, default)
            self.commands[(group, name)] = spec
            return handler

        return wrap

    def action(self, name: str, *, admin: bool = False) -> Callable[[ActionHandler], ActionHandler]:
        """Register a button handler; `admin` marks a button only admins may press.

        The handler still refuses non-admins itself; the mark tells a platform adapter which
        presses need a fresh look at the member's admin rights (Slack asks users.info).
        """

        def wrap(handler: ActionHandler) -> ActionHandler:
            self.actions[name] = handler
            if admin:
                self.admin_actions.add(name)
            return handler

        return wrap

    def submit(self, name: str, *, admin: bool = False) -> Callable[[SubmitHandler], SubmitHandler]:
        """Register a modal (form) handler; `admin` as for `action`."""

        def wrap(handler: SubmitHandler) -> SubmitHandler:
            self.submits[name] = handler
            if admin:
                self.admin_submits.add(name)
            return handler

        return wrap

    def tracker(self, name: str) -> Callable[[TrackHandler], TrackHandler]:
        """Register a handler told the platform reference of a posted message."""

        def wrap(handler: TrackHandler) -> TrackHandler:
            self.trackers[name] = handler
            return handler

        return wrap

    def groups(self) -> dict[str, list[Command]]:
        """Commands by group, default first, in registration order."""
        grouped: dict[str, list[Command]] = {}
        for spec in self.commands.values():
            grouped.setdefault(spec.group, []).append(spec)
        for specs in grouped.values():
            specs.sort(key=lambda s: not s.default)
        return grouped

    def default_of(self, group: str) -> Command | None:
        return next((s for s in self.groups().get(group, []) if s.default), None)


def convert(option: Option, raw: Any) -> Any:
    """Turn a raw option value into its kind, or raise UserError with a clear message."""
    text = str(raw).strip()
    if option.kind == "int":
        return _to_int(option, raw)
    if option.kind == "bool":
        if isinstance(raw, bool):
            return raw
        if text.lower() in ("yes", "true", "on", "1"):
            return True
        if text.lower() in ("no", "false", "off", "0"):
            return False
        raise UserError(f"`{option.name}` takes yes or no.")
    if option.kind == "choice":
        lowered = {c.lower(): c for c in option.choices}
        if text.lower() not in lowered:
            raise UserError(f"`{option.name}` must be one of: {', '.join(option.choices)}.")
        return lowered[text.lower()]
    if option.kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UserError(f"`{option.name}` takes a date like 2026-12-01.") from None
    if option.kind == "time":
        try:
            return time.fromisoformat(text)
        except ValueError:
            raise UserError(f"`{option.name}` takes a time like 09:00.") from None
    if option.kind == "timezone":
        return _to_zone(text)
    if option.kind == "role":
        return raw if isinstance(raw, RoleRef) else _to_role(option, text)
    if len(text) > option.max_length:
        raise UserError(f"`{option.name}` is at most {plural(option.max_length, 'character')}.")
    return text


def _to_int(option: Option, raw: Any) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise UserError(f"`{option.name}` takes a whole number.") from None
    low, high = option.min_value, option.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        raise UserError(f"`{option.name}` must be {_bounds(low, high)}.")
    if abs(value) > STORED_INT_MAX:
        raise UserError(f"`{option.name}` is too large a number.")
    return value


def _to_role(option: Option, text: str) -> RoleRef:
    """A role typed by its name (where the platform has no role picker)."""
    role = role_from_text(text)
    if not role.name:
        raise UserError(f"`{option.name}` takes a role's name.")
    return role


def _to_zone(text: str) -> str:
    try:
        return canonical_zone(text)
    except ZoneError as error:
        raise UserError(error.text) from None


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"between {low} and {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def row_id(raw: str) -> int | None:
    """Read a row id carried by a button or a form; None unless a number a database column holds."""
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if abs(value) <= STORED_INT_MAX else None
