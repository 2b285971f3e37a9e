"""`/roles`: admins set up role rewards for streaks and the month's top 3 (opt-in, per server)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option
from bot.core.cards import Reply, rich
from bot.core.role_rewards import STREAK, TOP3, RoleRef, Rule
from bot.features.roles.notices import (
    HOW_TO_FIX,
    ONLY_DISCORD,
    role_name,
    settings_card,
    who_earns,
)
from bot.features.roles.store import RolesStore

ROUTES = Registry()

WITH_ROLES = frozenset({"discord", "console"})  # the console simulates roles
STREAK_MIN, STREAK_MAX = 2, 365
WHICH = "Name one reward: `streak:7` (days) or `top3:yes`."
WITH_ONE = "One reward at a time: `streak:7` or `top3:yes`, not both."


@dataclass(frozen=True, kw_only=True)
class SetOptions:
    """The options of `/roles set`."""

    role: RoleRef = option("The role to give", "role", required=True)
    streak: int | None = option(
        "Give it at a streak of this many days", "int", min_value=STREAK_MIN, max_value=STREAK_MAX
    )
    top3: bool | None = option("yes: give it to last month's top 3", "bool")


@dataclass(frozen=True, kw_only=True)
class UnsetOptions:
    """The options of `/roles unset`."""

    streak: int | None = option(
        "The streak reward to remove (days)", "int", min_value=STREAK_MIN, max_value=STREAK_MAX
    )
    top3: bool | None = option("yes: remove the monthly top 3 reward", "bool")


def _rule(streak: int | None, top3: bool | None) -> Rule:
    """The one reward the options name."""
    if (streak is None) == (not top3):
        raise UserError(WITH_ONE if streak is not None else WHICH)
    return Rule(STREAK, streak) if streak is not None else Rule(TOP3)


def _roles_here(ctx: Ctx) -> None:
    if ctx.community.platform not in WITH_ROLES:
        raise UserError(ONLY_DISCORD)


@ROUTES.command(
    "roles",
    "show",
    "Role rewards: what they are and whether I can give them",
    admin=True,
    default=True,
)
def show(ctx: Ctx, _: NoOptions) -> Reply:
    """Show every reward, how many hold it, and what stops the bot from giving one."""
    _roles_here(ctx)
    store = ctx.store(RolesStore)
    card = settings_card(store.rules(), store.held_counts(), ctx.actor.can_manage_roles)
    return Reply.ephemeral(card)


@ROUTES.command(
    "roles", "set", "Give a role at a streak or to the month's top 3", SetOptions, admin=True
)
def set_reward(ctx: Ctx, options: SetOptions) -> Reply:
    """Create or change a reward; the bot gives its role from the next daily check."""
    _roles_here(ctx)
    rule = _rule(options.streak, options.top3)
    if options.role.unusable:
        raise UserError(options.role.unusable)
    row = ctx.store(RolesStore).set_rule(rule, options.role, ctx.member_id, ctx.clock.now())
    done = rich(
        "Saved: **",
        role_name(row),
        f"** goes to {who_earns(row)}. ",
        "I check once a day, give it to who earned it and take it back from who no longer does.",
    )
    if options.role.problem:
        done = rich(*done.parts, f"\n⚠️ I can't give it yet: {options.role.problem}. {HOW_TO_FIX}")
    return Reply.note(done, title="Role reward saved")


@ROUTES.command(
    "roles", "unset", "Stop a role reward and take its role back", UnsetOptions, admin=True
)
def unset_reward(ctx: Ctx, options: UnsetOptions) -> Reply:
    """Turn a reward off; the bot takes its role back from the members it gave it to."""
    _roles_here(ctx)
    rule = _rule(options.streak, options.top3)
    store = ctx.store(RolesStore)
    row = store.rule(rule)
    if row is None or not row.enabled:
        raise UserError(f"There is no {rule.label} reward to remove. `/roles show` lists them.")
    row.enabled, row.problem, row.warned = False, "", False
    store.take_all(row)
    return Reply.note(
        rich("Removed: I'll take **", role_name(row), "** back from everyone I gave it to."),
        title="Role reward removed",
    )
