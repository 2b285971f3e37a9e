"""`/dashboard` for admins (a private signed link, the public board on or off), `/profile board`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, option
from bot.core.cards import Card, Reply
from bot.core.words import plural
from bot.features.dashboard.links import admin_path
from bot.features.dashboard.site import current_site
from bot.features.dashboard.store import DashboardStore

ROUTES = Registry()

WEB_OFF = (
    "The web dashboard is not switched on for this bot. The person who runs PrepLoop can turn "
    "it on with the WEB_PORT setting (and PUBLIC_URL for the address members reach)."
)


@ROUTES.command(
    "dashboard", "link", "A private link to this community's admin page", admin=True, default=True
)
def dashboard_link(ctx: Ctx, _: NoOptions) -> Reply:
    """Give the admin a signed link to the admin page that expires within the hour."""
    site = current_site()
    if not site.base_url:
        return Reply.note(WEB_OFF)
    row = ctx.store(DashboardStore).settings_to_keep()
    expires = int((ctx.clock.now() + timedelta(minutes=site.link_minutes)).timestamp())
    url = site.base_url + admin_path(site.secret or row.secret, ctx.community_id, expires)
    minutes = plural(site.link_minutes, "minute")
    text = (
        f"{url}\n\nThis link is yours alone and works for {minutes}: participation, answer "
        "rates, sprints, mocks, reviews and principle coverage, each with a CSV export. "
        "Run `/dashboard` again for a fresh one."
    )
    return Reply.ephemeral(Card(title="Your admin dashboard", text=text))


@dataclass(frozen=True, kw_only=True)
class PublicOptions:
    """The options of `/dashboard public`."""

    on: bool = option(
        "yes to publish the leaderboard on the web, no to take it down", "bool", required=True
    )


@ROUTES.command(
    "dashboard",
    "public",
    "Publish the leaderboard on the web, or take it down",
    PublicOptions,
    admin=True,
)
def dashboard_public(ctx: Ctx, options: PublicOptions) -> Reply:
    """Publish the community's board at an unguessable address, or take it down."""
    store, site, now = ctx.store(DashboardStore), current_site(), ctx.clock.now()
    if not options.on:
        if store.unpublish(now):
            return Reply.note(
                "The web leaderboard is down: its address now answers “not found”. "
                "Publishing it again gives a new address."
            )
        return Reply.note(
            "The web leaderboard was not published. `/dashboard public on:yes` publishes it."
        )
    token = store.publish(now)
    where = f"{site.base_url}/board/{token}" if site.base_url else f"/board/{token}"
    text = (
        f"The leaderboard is on the web at {where}\n\nAnyone with this address can see the "
        "boards by week, sprint and all time, with display names only. Members can leave it "
        "with `/profile board on:no`; `/dashboard public on:no` takes it down."
    )
    if not site.base_url:
        text += "\n\n" + WEB_OFF
    return Reply.ephemeral(Card(title="Web leaderboard published", text=text))


@dataclass(frozen=True, kw_only=True)
class BoardOptions:
    """The options of `/profile board`."""

    on: bool = option(
        "yes to be shown on the web leaderboard, no to be left off", "bool", required=True
    )


@ROUTES.command("profile", "board", "Show or hide yourself on the web leaderboard", BoardOptions)
def profile_board(ctx: Ctx, options: BoardOptions) -> Reply:
    """Hide the caller from the public web leaderboard, or show them again."""
    ctx.store(DashboardStore).hide(ctx.member_id, hidden=not options.on)
    if options.on:
        return Reply.note("You are shown on the web leaderboard when your community publishes it.")
    return Reply.note(
        "You are left off the web leaderboard. Your points still count in `/leaderboard`."
    )
