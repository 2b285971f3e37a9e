"""`/profile forget`: erase what a member wrote and who they are from one community."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.app.registry import NoOptions, Registry, UserError, row_id
from bot.core.cards import Button, Card, Message, Reply, Style, Visibility
from bot.features.profile.store import ProfileStore

ROUTES = Registry()

# A forgotten member's row stays (anonymous) so that scores they gave others stay counted.
FORGOTTEN = "forgotten:"

WHAT_STAYS = (
    "What stays: messages already posted in channels and direct messages (PrepLoop cannot "
    "unsend them), and the rubric scores of reviews and mock feedback, with no name, so other "
    "members' averages stay true."
)
FORGET_TEXT = (
    "This erases, in this community only: your stories; the text of your daily answers; the "
    "comments of the story reviews you wrote; the comments of mock feedback you gave or "
    "received; your mock profile and requests; your question suggestions (approved questions "
    "stay in the bank, without your name); your self-ratings and practice settings; your "
    "points and streak; your name and time zone. Any upcoming mock is called off and your "
    f"partner told.\n{WHAT_STAYS}\n"
    "It cannot be undone; nothing happens unless you press the button."
)


@ROUTES.command("profile", "forget", "Erase what you wrote and who you are in this community")
def ask_forget(ctx: Ctx, _: NoOptions) -> Reply:
    button = Button("Forget my data", "profile.forget", str(ctx.member_id), Style.DANGER)
    return Reply.ephemeral(Card("Forget your data?", FORGET_TEXT, buttons=(button,)))


@ROUTES.action("profile.forget")
def forget(ctx: Ctx, value: str) -> Reply:
    """Erase the caller from this community and tell them what went and what stays."""
    if row_id(value) != ctx.member_id:
        if _already_forgotten(ctx, value):
            return Reply.note("Your data here is already forgotten.")
        raise UserError("That button belongs to someone else. Run `/profile forget` yourself.")
    done = [feature.forget(ctx) for feature in ctx.features if feature.forget is not None]
    lines = [_erased([words for part in done for words in part.erased])]
    lines += [note for part in done for note in part.notes]
    lines += [WHAT_STAYS, "Other communities you are in are not touched."]
    card = Card(title="Done: your data is gone", text="\n".join(lines))
    return Reply(
        [Message(card, Visibility.EPHEMERAL), *(m for part in done for m in part.messages)]
    )


def _erased(erased: list[str]) -> str:
    """Say what was erased, leaving out what the member never had."""
    erased.append("your self-ratings, practice settings, points and streak, name and time zone")
    return f"Erased in this community: {', '.join(erased)}."


def forget_identity(ctx: Ctx) -> Forgotten:
    """Unname the caller's row, so their next visit starts a new member (the last hook)."""
    ctx.store(ProfileStore).unname(ctx.member, f"{FORGOTTEN}{ctx.member_id}")
    return Forgotten()


def _already_forgotten(ctx: Ctx, value: str) -> bool:
    found = row_id(value)
    member = None if found is None else ctx.store(ProfileStore).member(found)
    return member is not None and member.external_id.startswith(FORGOTTEN)
