"""The one entry point adapters call: run a command, a button or a form in a unit of work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from bot.core.actors import Actor
from bot.core.cards import Card, Reply, UserText, rich
from bot.core.clock import Clock, SystemClock
from bot.services.context import Ctx, open_ctx
from bot.services.parsing import group_help, parse
from bot.services.registry import REGISTRY, Command, Registry, UserError, convert
from bot.storage.uow import UnitOfWork

log = logging.getLogger(__name__)

ADMIN_ONLY = "Only community admins can use that command."
OOPS = "Something went wrong on our side, and nothing you sent was lost. Please try again."
STALE_BUTTON = "That button no longer works. Run the command again for a fresh one."


class Hub:
    """Route platform-neutral events to handlers, each inside one transaction."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock | None = None,
        registry: Registry = REGISTRY,
        default_tz: str = "UTC",
    ) -> None:
        self.engine = engine
        self.clock = clock or SystemClock()
        self.registry = registry
        self.default_tz = default_tz

    def command(self, actor: Actor, group: str, name: str | None, raw: dict[str, Any]) -> Reply:
        """Run `/group name` with options already split by the platform."""
        spec = self._find(group, name)
        if spec is None:
            return Reply.note(f"I don't know that command.\n{self.help_text()}")
        return self._run(actor, spec, lambda ctx: spec.handler(ctx, self._args(spec, raw)))

    def command_text(self, actor: Actor, group: str, text: str) -> Reply:
        """Run `/group text…` as typed (Slack, the console)."""
        try:
            spec, raw = parse(self.registry, group, text)
        except UserError as error:
            return Reply.note(error.text)
        return self._run(actor, spec, lambda ctx: spec.handler(ctx, self._args(spec, raw)))

    def press(self, actor: Actor, action: str, value: str) -> Reply:
        """Run the handler behind a button."""
        handler = self.registry.actions.get(action)
        if handler is None:
            return Reply.note(STALE_BUTTON)
        return self._guarded(actor, lambda ctx: handler(ctx, value))

    def submit(self, actor: Actor, action: str, value: str, fields: dict[str, str]) -> Reply:
        """Run the handler behind a form."""
        handler = self.registry.submits.get(action)
        if handler is None:
            return Reply.note(STALE_BUTTON)
        return self._guarded(actor, lambda ctx: handler(ctx, value, fields))

    def track(self, actor: Actor, track: str, ref: str) -> None:
        """Record where a tracked message landed (its platform message id or timestamp)."""
        name, _, value = track.partition(":")
        handler = self.registry.trackers.get(name)
        if handler is not None:
            self._guarded(actor, lambda ctx: handler(ctx, value, ref) or Reply())

    def help_text(self) -> str:
        """Every command, one line each, grouped."""
        return "\n".join(group_help(self.registry, group) for group in self.registry.groups())

    def help(self) -> Reply:
        return Reply.ephemeral(Card(title="PrepLoop commands", text=self.help_text()))

    def _find(self, group: str, name: str | None) -> Command | None:
        if name is None:
            return self.registry.default_of(group)
        return self.registry.commands.get((group, name))

    def _args(self, spec: Command, raw: dict[str, Any]) -> dict[str, Any]:
        known = {o.name: o for o in spec.options}
        unknown = [key for key in raw if key not in known]
        if unknown:
            raise UserError(
                rich("Unknown option `", UserText(unknown[0][:40]), f"`. Usage: `{spec.usage}`")
            )
        args = {
            key: convert(known[key], value) for key, value in raw.items() if value not in (None, "")
        }
        missing = [o.name for o in spec.options if o.required and o.name not in args]
        if missing:
            raise UserError(f"`{missing[0]}` is required. Usage: `{spec.usage}`")
        return args

    def _run(self, actor: Actor, spec: Command, call: Callable[[Ctx], Reply]) -> Reply:
        if spec.admin and not actor.is_admin:
            return Reply.note(ADMIN_ONLY)
        return self._guarded(actor, call)

    def _guarded(self, actor: Actor, call: Callable[[Ctx], Reply]) -> Reply:
        try:
            with UnitOfWork(self.engine) as uow:
                ctx = open_ctx(uow.session, actor, self.clock, self.default_tz)
                return call(ctx)
        except UserError as error:
            return Reply.note(error.text)
        except Exception:
            log.exception(
                "handler failed for %s in %s/%s", actor.user_id, actor.platform, actor.community_id
            )
            return Reply.note(OOPS)
