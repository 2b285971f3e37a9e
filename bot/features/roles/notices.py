"""What admins read about role rewards: the settings, and what to fix when a role cannot be given.

Role names are shown as member text (literally), never as mentions: nothing here pings a role.
"""

from __future__ import annotations

from bot.core.cards import Card, Field, Rich, UserText, rich
from bot.core.role_rewards import STREAK, Rule
from bot.core.words import plural
from bot.features.roles.tables import RoleRule

TITLE = "Role rewards"
FIX_TITLE = "Role rewards need a fix"
DELETED = "the role was deleted, so this reward is off"
HOW_TO_FIX = (
    "To fix it: in Server Settings → Roles, give PrepLoop's role the **Manage Roles** "
    "permission and drag it above the reward's role. I try again every day; "
    "`/roles show` tells you where it stands."
)
ONLY_DISCORD = (
    "Role rewards are a Discord feature: a Slack workspace has no roles to give. "
    "Streaks and the monthly top 3 still show on `/leaderboard` and `/profile`."
)
NONE_YET = (
    "No role rewards yet. Give a role for a streak or to the month's top 3:\n"
    "`/roles set streak:7 role:@Role` · `/roles set top3:yes role:@Role`"
)


def rule_of(row: RoleRule) -> Rule:
    return Rule(row.kind, row.threshold)


def option_of(row: RoleRule) -> str:
    """How the reward is named in a command: `streak:7` or `top3:yes`."""
    return f"streak:{row.threshold}" if row.kind == STREAK else "top3:yes"


def who_earns(row: RoleRule) -> str:
    """Who the reward is for, as a sentence ends."""
    if row.kind == STREAK:
        return f"members on a streak of {plural(row.threshold, 'day')} or more"
    return "the top 3 of last month's leaderboard (everyone tied for 3rd too)"


def role_name(row: RoleRule) -> UserText:
    return UserText(f"@{row.role_name}")


def refused_note(row: RoleRule, detail: str) -> Card:
    """Tell the admin once that the bot may not give a reward's role, and what to fix."""
    text = rich(
        "I couldn't give **",
        role_name(row),
        f"** ({rule_of(row).label} reward): {detail}.\n{HOW_TO_FIX}\n",
        "I won't send this again for the same problem.",
    )
    return Card(title=FIX_TITLE, text=text)


def deleted_note(row: RoleRule) -> Card:
    """Tell the admin that a reward's role was deleted, so the reward is off."""
    text = rich(
        "The role **",
        role_name(row),
        f"** of the {rule_of(row).label} reward no longer exists, so I turned that reward off. ",
        f"Pick a role for it again with `/roles set {option_of(row)} role:@Role`.",
    )
    return Card(title=FIX_TITLE, text=text)


def settings_card(rows: list[RoleRule], held: dict[int, int], can_manage: bool | None) -> Card:
    """Every reward of the community, who holds it, and whether the bot can give it."""
    if not rows:
        return Card(title=TITLE, text=NONE_YET, footer=_permission(can_manage))
    fields = tuple(Field(rule_of(row).label.capitalize(), _state(row, held)) for row in rows)
    return Card(
        title=TITLE,
        text="I give and take these roles myself, once a day.",
        fields=fields,
        footer=_permission(can_manage),
    )


def _state(row: RoleRule, held: dict[int, int]) -> Rich:
    count = held.get(row.id or 0, 0)
    if not row.enabled:
        status = f"off: {row.problem or 'turned off'}"
    elif row.problem:
        status = f"⚠️ I can't give it: {row.problem}. {HOW_TO_FIX}"
    else:
        status = f"✅ working · {plural(count, 'member')} {'holds' if count == 1 else 'hold'} it"
    return rich("**", role_name(row), f"** for {who_earns(row)}\n{status}")


def _permission(can_manage: bool | None) -> str:
    if can_manage is None:
        return ""
    if can_manage:
        return "I have the Manage Roles permission here; each role must sit below mine."
    return "I'm missing the Manage Roles permission here: no reward can be given until I have it."
