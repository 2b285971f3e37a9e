"""Leaderboards by week, sprint and all time, and profiles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option
from bot.core.cards import Card, Field, Message, Reply, Rich, Text, UserText, Visibility, rich
from bot.core.repetition import RATING_LABELS
from bot.core.vocabulary import CATEGORY_NAMES
from bot.core.words import plural
from bot.features.leaderboard.ledger import ALL_TIME, week_period
from bot.features.leaderboard.store import LeaderboardStore, Row
from bot.features.leaderboard.streaks import current_streak, state_of

ROUTES = Registry()

TOP = 10
PERIODS = ("week", "sprint", "all")


def board_lines(rows: list[Row]) -> Text:
    """Render ranked rows; member names are shown literally."""
    parts: list[str] = []
    for _, name, at in rows:
        parts += [f"{at.shown} ", UserText(name), f" — {at.score}\n"]
    return (
        rich(*parts) if parts else "No points yet. Answer the daily question to get on the board!"
    )


def _period_key(ctx: Ctx, period: str) -> tuple[str, Rich]:
    if period == "all":
        return ALL_TIME, rich("all time")
    if period == "week":
        return week_period(ctx.today()), rich("this week")
    sprint = ctx.store(LeaderboardStore).season_sprint(ctx.actor.channel_id)
    if sprint is None:
        raise UserError("There is no sprint yet, so no sprint leaderboard. Try `period:week`.")
    return f"sprint:{sprint.id}", rich("sprint ", UserText(sprint.name))


@dataclass(frozen=True, kw_only=True)
class ShowOptions:
    """The options of `/leaderboard show`."""

    period: str | None = option(
        "week, sprint or all (default: sprint, else week)", "choice", choices=PERIODS
    )
    share: bool | None = option("Post it in the channel for everyone (default: no)", "bool")


@ROUTES.command("leaderboard", "show", "Top members and your rank", ShowOptions, default=True)
def leaderboard(ctx: Ctx, options: ShowOptions) -> Reply:
    """Show a period's board and the caller's own standing, or share the board."""
    store = ctx.store(LeaderboardStore)
    period = options.period or ("sprint" if store.has_sprint() else "week")
    key, label = _period_key(ctx, period)
    rows = store.ranked_rows(key, TOP)
    # On the board, the member reads the very standing shown beside their name (and it saves
    # four queries); below it, their rank is counted.
    shown = next((row.at for row in rows if row.member_id == ctx.member_id), None)
    mine = shown or store.rank_of(key, ctx.member_id)
    you = f"You: {mine.label} with {mine.score}" if mine else "You: no points yet in this period"
    card = Card(title=rich("Leaderboard — ", *label.parts), text=board_lines(rows), footer=you)
    if options.share:
        shared = Card(title=card.title, text=card.text)
        return Reply([Message(shared, Visibility.CHANNEL, channel=ctx.actor.channel_id)])
    return Reply.ephemeral(card)


@ROUTES.command("profile", "show", "Your points, streak and self-ratings", default=True)
def profile(ctx: Ctx, _: NoOptions) -> Reply:
    """Show the caller's points, streak, answers and self-ratings."""
    store = ctx.store(LeaderboardStore)
    rank = store.rank_of(ALL_TIME, ctx.member_id)
    streak = current_streak(ctx)
    answers = store.answer_count(ctx.member_id)
    lines = _rating_lines(store.self_ratings(ctx.member_id))
    days = "off (`/profile streaks on:yes` turns it on)"
    if streak is not None:
        current, best = streak
        days = f"{plural(current, 'day')} (best {best})"
    fields = (
        Field("Points", f"{rank.points} (rank {rank.label})" if rank else "0", inline=True),
        Field("Streak", days, inline=True),
        Field("Answers", str(answers), inline=True),
        Field("Self-ratings", "\n".join(lines) or "None yet: rate yourself on a question card."),
    )
    return Reply.ephemeral(
        Card(title=rich(UserText(ctx.member.display_name or "You")), fields=fields)
    )


def _rating_lines(ratings: list[tuple[str, str]]) -> list[str]:
    """One line per category: how many questions the member rated at each level."""
    by_category: dict[str, Counter[str]] = {}
    for category, rating in ratings:
        by_category.setdefault(category, Counter())[rating] += 1
    return [
        f"{CATEGORY_NAMES.get(c, c)}: "
        + ", ".join(f"{RATING_LABELS[r]} {n}" for r, n in sorted(k.items()))
        for c, k in sorted(by_category.items())
    ]


@dataclass(frozen=True, kw_only=True)
class StreaksOptions:
    """The options of `/profile streaks`."""

    on: bool = option("yes to count streaks, no to stop", "bool", required=True)


@ROUTES.command("profile", "streaks", "Turn your streak on or off", StreaksOptions)
def profile_streaks(ctx: Ctx, options: StreaksOptions) -> Reply:
    """Turn the caller's streak on or off."""
    state_of(ctx).opted_out = not options.on
    if options.on:
        return Reply.note("Streaks are on: answer on consecutive days to build one.")
    return Reply.note("Streaks are off: no streak is shown or counted for you.")
