"""The one entry point adapters call: run a command, a button or a form in a unit of work."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.app.context import Ctx, open_ctx
from bot.app.feature import Feature, registry_of
from bot.app.limiter import Key, RateLimiter, Verdict
from bot.app.parsing import group_help, parse
from bot.app.registry import Command, Registry, UserError, convert
from bot.core.actors import Actor
from bot.core.cards import Card, Message, Reply, UserText, rich
from bot.core.clock import Clock, SystemClock
from bot.core.home import Home
from bot.core.words import plural
from bot.ops import metrics as outcome
from bot.ops.metrics import Metrics
from bot.storage.tables import Community, Member
from bot.storage.uow import transact

log = logging.getLogger(__name__)

ADMIN_ONLY = "Only community admins can use that command."
OOPS = "Something went wrong on our side, and nothing you sent was lost. Please try again."
STALE_BUTTON = "That button no longer works. Run the command again for a fresh one."
RATE_CACHE_SECONDS = 60  # how long a community's own rate is trusted before it is read again
TOO_FAST = "You're going a bit fast. Try again in {wait}."
ACTOR_TEXT = ("community_id", "user_id", "display_name", "community_name", "channel_id")
T = TypeVar("T")


def without_nul(value: T) -> T:
    """Drop NUL characters from member input: PostgreSQL text cannot hold them."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")  # type: ignore[return-value]
    return value


class Hub:
    """Route platform-neutral events to handlers, each inside one transaction."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock | None = None,
        features: Sequence[Feature] | None = None,
        registry: Registry | None = None,
        default_tz: str = "UTC",
        metrics: Metrics | None = None,
        rate_limit: int = 0,
    ) -> None:
        """Serve `features` (every feature of bot/features unless told otherwise).

        `registry` replaces their routes (tests serve a handful of commands of their own);
        `metrics` counts what the hub handles (a registry of its own unless one is given).
        `rate_limit` is each member's commands and presses a minute (0: no limit), unless
        their community set its own.
        """
        if features is None:
            from bot.features import FEATURES  # the composition root's default

            features = FEATURES
        self.engine = engine
        self.clock = clock or SystemClock()
        self.features = tuple(features)
        self.registry = registry if registry is not None else registry_of(self.features)
        self.default_tz = default_tz
        self.metrics = metrics or Metrics()
        self.rate_limit = rate_limit
        self.limiter = RateLimiter(self.clock)
        self._rate_hooks = [f.rate_limit for f in self.features if f.rate_limit is not None]
        self._rates: dict[tuple[str, str], tuple[int, float]] = {}

    def command(self, actor: Actor, group: str, name: str | None, raw: dict[str, Any]) -> Reply:
        """Run `/group name` with options already split by the platform."""
        refused = self._too_fast(actor, lambda: self._command_name(group, name))
        if refused is not None:
            return refused
        spec = self._find(group, name)
        if spec is None:
            self.metrics.handled("command", outcome.UNKNOWN, outcome.BAD_INPUT, 0.0)
            return Reply.note(f"I don't know that command.\n{self.help_text()}")
        raw = {key: without_nul(value) for key, value in raw.items()}
        return self._run(actor, spec, lambda ctx: spec.handler(ctx, self._options(spec, raw)))

    def command_text(self, actor: Actor, group: str, text: str) -> Reply:
        """Run `/group text…` as typed (Slack, the console)."""
        refused = self._too_fast(actor, lambda: self._typed_name(group, text))
        if refused is not None:
            return refused
        try:
            spec, raw = parse(self.registry, group, without_nul(text))
        except UserError as error:
            known = group if group in self.registry.groups() else outcome.UNKNOWN
            self.metrics.handled("command", known, outcome.BAD_INPUT, 0.0)
            return Reply.note(error.text)
        return self._run(actor, spec, lambda ctx: spec.handler(ctx, self._options(spec, raw)))

    def press(self, actor: Actor, action: str, value: str) -> Reply:
        """Run the handler behind a button (a member's presses count toward their rate)."""
        refused = self._too_fast(actor, lambda: self._button_name(action))
        if refused is not None:
            return refused
        handler = self.registry.actions.get(action)
        if handler is None:
            self.metrics.handled("button", outcome.UNKNOWN, outcome.BAD_INPUT, 0.0)
            return Reply.note(STALE_BUTTON)
        value = without_nul(value)
        return self._guarded(actor, lambda ctx: handler(ctx, value), meter=("button", action))

    def submit(self, actor: Actor, action: str, value: str, fields: dict[str, str]) -> Reply:
        """Run the handler behind a form."""
        handler = self.registry.submits.get(action)
        if handler is None:
            self.metrics.handled("form", outcome.UNKNOWN, outcome.BAD_INPUT, 0.0)
            return Reply.note(STALE_BUTTON)
        value, fields = without_nul(value), {k: without_nul(v) for k, v in fields.items()}
        return self._guarded(actor, lambda ctx: handler(ctx, value, fields), meter=("form", action))

    def track(self, actor: Actor, track: str, ref: str) -> None:
        """Record where a tracked message landed (its platform message id or timestamp)."""
        name, _, value = track.partition(":")
        handler = self.registry.trackers.get(name)
        if handler is not None:
            self._guarded(actor, lambda ctx: handler(ctx, value, ref) or Reply())

    def knows_member(self, platform: str, community_ref: str, member_ref: str) -> bool:
        """Return whether a member has used PrepLoop in this community before (reads only)."""

        def look(session: Session) -> bool:
            query = (
                select(Member.id)
                .join(Community, col(Member.community_id) == col(Community.id))
                .where(
                    Community.platform == platform,
                    Community.external_id == community_ref,
                    Member.external_id == member_ref,
                )
            )
            return session.exec(query).first() is not None

        return transact(self.engine, look)

    def home(self, actor: Actor) -> Home | None:
        """The member's home page; None for someone who never used PrepLoop here (or no home).

        Nothing is created for a newcomer: opening a home is not joining. A failure raises (the
        caller keeps what the member already sees).
        """
        gather = next((f.home for f in self.features if f.home is not None), None)
        if gather is None or not self.knows_member(
            actor.platform, actor.community_id, actor.user_id
        ):
            return None
        actor = replace(actor, **{f: without_nul(getattr(actor, f)) for f in ACTOR_TEXT})
        return transact(
            self.engine,
            lambda session: gather(
                open_ctx(session, actor, self.clock, self.default_tz, self.features)
            ),
        )

    def community_name(self, platform: str, community_ref: str) -> str:
        """Return the name a community was last seen with ("" if unknown; reads only)."""

        def look(session: Session) -> str:
            query = select(Community.name).where(
                Community.platform == platform, Community.external_id == community_ref
            )
            return session.exec(query).first() or ""

        return transact(self.engine, look)

    def member_left(self, platform: str, community_ref: str, member_ref: str) -> list[Message]:
        """A member left the server or workspace: each feature's hook runs; return the notes.

        Nothing is created for a community or member PrepLoop never saw; a failure is logged and
        answered with no messages (the platform event has no one to reply to).
        """

        def leave(session: Session) -> list[Message]:
            query = (
                select(Member)
                .join(Community, col(Member.community_id) == col(Community.id))
                .where(
                    Community.platform == platform,
                    Community.external_id == community_ref,
                    Member.external_id == member_ref,
                )
            )
            member = session.exec(query).first()
            if member is None or member.id is None:
                return []
            return [
                message
                for feature in self.features
                if feature.member_left is not None
                for message in feature.member_left(
                    session, self.clock, member.community_id, member.id
                )
            ]

        try:
            return transact(self.engine, leave)
        except Exception:
            log.exception("could not process a member leaving %s/%s", platform, community_ref)
            return []

    def help_text(self) -> str:
        """Every command, one line each, grouped."""
        return "\n".join(group_help(self.registry, group) for group in self.registry.groups())

    def help(self) -> Reply:
        return Reply.ephemeral(Card(title="PrepLoop commands", text=self.help_text()))

    def _find(self, group: str, name: str | None) -> Command | None:
        if name is None:
            return self.registry.default_of(group)
        return self.registry.commands.get((group, name))

    def _options(self, spec: Command, raw: dict[str, Any]) -> Any:
        return spec.parsed(self._args(spec, raw))

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
        name = f"{spec.group} {spec.name}"
        if spec.admin and not actor.is_admin:
            self.metrics.handled("command", name, outcome.REFUSED, 0.0)
            return Reply.note(ADMIN_ONLY)
        reply = self._guarded(actor, call, meter=("command", name))
        if spec.admin:  # an admin command may have changed the community's rate: read it again
            self._rates.pop((actor.platform, actor.community_id), None)
        return reply

    def _too_fast(self, actor: Actor, meter: Callable[[], tuple[str, str]]) -> Reply | None:
        """Refuse a member going faster than their community's rate; None lets them through.

        The first refusal of a burst says how long to wait; later ones say it again for a
        typed command (it needs an answer) and nothing for a button press. Admins are exempt.
        A refusal is counted under `meter()` (kind, name), worked out only when refused.
        """
        if actor.is_admin:
            return None
        per_minute = self._rate_of(actor)
        if per_minute <= 0:
            return None
        key: Key = (actor.platform, actor.community_id, actor.user_id)
        verdict = self.limiter.take(key, per_minute)
        if verdict is Verdict.ALLOW:
            return None
        kind, name = meter()
        self.metrics.handled(kind, name, outcome.LIMITED, 0.0)
        if verdict is Verdict.QUIET and kind != "command":
            return Reply()
        wait = plural(self.limiter.wait_seconds(key, per_minute), "second")
        return Reply.note(TOO_FAST.format(wait=wait))

    def _command_name(self, group: str, name: str | None) -> tuple[str, str]:
        spec = self._find(group, name)
        return ("command", f"{spec.group} {spec.name}" if spec else outcome.UNKNOWN)

    def _typed_name(self, group: str, text: str) -> tuple[str, str]:
        try:
            spec, _ = parse(self.registry, group, without_nul(text))
        except UserError:
            return ("command", group if group in self.registry.groups() else outcome.UNKNOWN)
        return ("command", f"{spec.group} {spec.name}")

    def _button_name(self, action: str) -> tuple[str, str]:
        return ("button", action if action in self.registry.actions else outcome.UNKNOWN)

    def _rate_of(self, actor: Actor) -> int:
        """The community's actions a minute per member (read at most once a minute)."""
        if self.rate_limit <= 0:
            return 0  # the operator turned rate limits off
        where = (actor.platform, actor.community_id)
        now = self.clock.now().timestamp()
        cached = self._rates.get(where)
        if cached is not None and now - cached[1] < RATE_CACHE_SECONDS:
            return cached[0]
        rate = self._read_rate(*where)
        if len(self._rates) >= 10_000:
            self._rates.clear()  # bounded: a community not seen for a while reads it again
        self._rates[where] = (rate, now)
        return rate

    def _read_rate(self, platform: str, community_ref: str) -> int:
        def read(session: Session) -> int | None:
            for hook in self._rate_hooks:
                own = hook(session, platform, community_ref)
                if own is not None:
                    return own
            return None

        try:
            own = transact(self.engine, read) if self._rate_hooks else None
        except Exception:
            log.exception("could not read the rate limit of %s/%s", platform, community_ref)
            own = None
        return self.rate_limit if own is None else own

    def _guarded(
        self, actor: Actor, call: Callable[[Ctx], Reply], *, meter: tuple[str, str] | None = None
    ) -> Reply:
        """Run `call` in one transaction; count it under `meter` (kind, name) when given."""
        actor = replace(actor, **{f: without_nul(getattr(actor, f)) for f in ACTOR_TEXT})
        started, result = time.perf_counter(), outcome.OK
        try:
            return transact(
                self.engine,
                lambda session: call(
                    open_ctx(
                        session,
                        actor,
                        self.clock,
                        self.default_tz,
                        self.features,
                        rate_limit=self.rate_limit,
                    )
                ),
            )
        except UserError as error:
            result = outcome.BAD_INPUT
            return Reply.note(error.text)
        except Exception:
            result = outcome.ERROR
            log.exception(
                "handler failed for %s in %s/%s", actor.user_id, actor.platform, actor.community_id
            )
            return Reply.note(OOPS)
        finally:
            if meter is not None:
                self.metrics.handled(*meter, result, time.perf_counter() - started)
