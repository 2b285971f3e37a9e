"""`/profile set`: target role, level, time zone and weekly availability for mock pairing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, option
from bot.core.cards import Card, Field, Reply
from bot.core.mock_availability import (
    DEFAULT_AVAILABILITY,
    format_availability,
    parse_availability,
)
from bot.core.mock_rules import RuleError, find_role
from bot.core.vocabulary import LEVEL_LABELS, LEVELS
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockProfile

ROUTES = Registry()

ON_OFF = ("on", "off")

EXAMPLE = (
    '/profile set role:MLE level:mle2 timezone:Europe/London availability:"mon-fri 18:00-21:00, '
    'sat 10:00-14:00"'
)


def setup_card(ctx: Ctx, title: str = "First, your mock profile") -> Card:
    """Walk a member through `/profile set`: the exact usage and every choice."""
    roles = " · ".join(ctx.store(MockStore).roles())
    levels = " · ".join(f"`{key}` ({LEVEL_LABELS[key]})" for key in LEVELS)
    return Card(
        title=title,
        text=(
            "Mock partners are matched by target role, so I need a few details first. "
            f"Copy this, change what differs, and send it:\n```{EXAMPLE}```"
        ),
        fields=(
            Field("role", roles),
            Field("level", levels),
            Field("timezone", "An IANA name: `Europe/London`, `America/New_York`, `Asia/Kolkata`…"),
            Field(
                "availability",
                "Days and hours in your time zone, like `mon-fri 18:00-21:00, sat 10:00-14:00` "
                f"(optional; `{DEFAULT_AVAILABILITY}` until you set it)",
            ),
        ),
        footer="Then `/mock request` finds you a partner.",
    )


def profile_fields(ctx: Ctx, profile: MockProfile) -> tuple[Field, ...]:
    """The profile as card fields."""
    hours = profile.availability or f"{DEFAULT_AVAILABILITY} (the default)"
    return (
        Field("Target role", profile.role, inline=True),
        Field("Level", LEVEL_LABELS.get(profile.level, profile.level), inline=True),
        Field("Time zone", timezone_of(ctx.member, ctx.community), inline=True),
        Field("Weekly availability", hours),
    )


@dataclass(frozen=True, kw_only=True)
class ProfileOptions:
    """`/profile set`: any of target role, level, time zone and weekly hours."""

    role: str | None = option(
        "Target role, e.g. MLE, SDE, Applied Scientist, Data Scientist", max_length=40
    )
    level: str | None = option("Your level", kind="choice", choices=LEVELS)
    timezone: str | None = option("Your time zone, e.g. Europe/London", kind="timezone")
    availability: str | None = option(
        'Weekly hours, e.g. "mon-fri 18:00-21:00, sat 10:00-14:00"', max_length=300
    )
    reminders: str | None = option(
        "DM reminders before a confirmed mock", kind="choice", choices=ON_OFF
    )
    reviewer: str | None = option(
        "Be offered stories that wait for a reviewer", kind="choice", choices=ON_OFF
    )
    digest: str | None = option("The weekly digest by DM", kind="choice", choices=ON_OFF)

    def mock_parts(self) -> bool:
        """Whether any part of the mock profile itself is set (not only preferences)."""
        return any(v is not None for v in (self.role, self.level, self.availability))


@ROUTES.command(
    "profile",
    "set",
    "Set your role, level, time zone, weekly hours and reminders, review and digest choices",
    ProfileOptions,
)
def set_profile(ctx: Ctx, options: ProfileOptions) -> Reply:
    if options == ProfileOptions():
        return Reply.ephemeral(setup_card(ctx, "What would you like to set?"))
    store = ctx.store(MockStore)
    profile = store.profile(ctx.member_id)
    if profile is None and not options.mock_parts():
        return _preferences_saved(ctx, options)
    role, level = _role(ctx, options.role), options.level
    if profile is None and (role is None or level is None):
        missing = "`role`" if role is None else "`level`"
        raise UserError(
            f"A new profile needs a role and a level; {missing} is missing.\n```{EXAMPLE}```"
        )
    hours = _checked(
        lambda text: format_availability(parse_availability(text)), options.availability
    )
    if profile is None:
        assert role is not None and level is not None
        profile = MockProfile(
            community_id=ctx.community_id, member_id=ctx.member_id, role=role, level=level
        )
        store.add(profile)
    profile.role = role or profile.role
    profile.level = level or profile.level
    profile.availability = hours if hours is not None else profile.availability
    profile.updated_at = ctx.clock.now()
    _set_preferences(ctx, options)
    store.flush()
    return Reply.ephemeral(
        Card(
            title="Your mock profile is saved.",
            fields=profile_fields(ctx, profile) + preference_fields(ctx),
            footer="`/mock request` finds you a partner · `/profile set` again changes any part",
        )
    )


def _set_preferences(ctx: Ctx, options: ProfileOptions) -> None:
    member = ctx.member
    if options.timezone is not None:  # a place's IANA name: the registry checked it
        member.timezone = options.timezone
    if options.reminders is not None:
        member.mock_reminders = options.reminders == "on"
    if options.reviewer is not None:
        member.reviewer = options.reviewer == "on"
    if options.digest is not None:
        member.weekly_digest = options.digest == "on"


def _preferences_saved(ctx: Ctx, options: ProfileOptions) -> Reply:
    """Save preferences of a member who has no mock profile (none is needed for them)."""
    _set_preferences(ctx, options)
    return Reply.ephemeral(
        Card(
            title="Saved.",
            fields=(
                Field("Time zone", timezone_of(ctx.member, ctx.community), inline=True),
                *preference_fields(ctx),
            ),
            footer="`/profile set role:… level:…` sets up mock interviews too.",
        )
    )


def preference_fields(ctx: Ctx) -> tuple[Field, ...]:
    """The member's reminder, reviewer and digest choices as card fields."""
    member = ctx.member

    def said(flag: bool) -> str:
        return "on" if flag else "off"

    return (
        Field("Mock reminders", said(member.mock_reminders), inline=True),
        Field("Story reviewer", said(member.reviewer), inline=True),
        Field("Weekly digest", said(member.weekly_digest), inline=True),
    )


def _role(ctx: Ctx, raw: str | None) -> str | None:
    if raw is None:
        return None
    return _checked(lambda text: find_role(text, ctx.store(MockStore).roles()), raw)


def _checked(read: Callable[[str], str], raw: str | None) -> str | None:
    """Read an optional value with a core rule, turning its complaint into a friendly refusal."""
    if raw is None:
        return None
    try:
        return read(raw)
    except RuleError as error:
        raise UserError(error.text) from None


def no_profile_reply(ctx: Ctx) -> Reply:
    """The answer to any `/mock` command from a member without a profile."""
    return Reply.ephemeral(setup_card(ctx))
