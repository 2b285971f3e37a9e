"""`/profile forget` through the real discord.py client."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord.harness import ALICE, BOB, EPHEMERAL, Harness, callbacks

EVENINGS = "mon-fri 18:00-21:00"


async def _paired(app: Harness) -> None:
    for member, line in ((ALICE, "onsite_coding"), (BOB, "ml_depth")):
        profile = {"role": "MLE", "level": "mle2", "timezone": "Europe/Paris"}
        await app.slash("profile", "set", member=member, availability=EVENINGS, **profile)
        await app.slash("mock", "request", member=member, round=line)


async def _forget(app: Harness) -> dict[str, Any]:
    [asked] = callbacks(await app.slash("profile", "forget", member=BOB))
    assert asked["data"]["flags"] == EPHEMERAL
    assert asked["data"]["embeds"][0]["title"] == "Forget your data?"
    [done] = callbacks(await app.press(app.latest(), "Forget my data", member=BOB))
    return dict(done["data"])


async def test_forgetting_tells_the_member_what_went_and_what_stays(discord_app: Harness) -> None:
    await _paired(discord_app)
    done = await _forget(discord_app)
    assert done["flags"] == EPHEMERAL
    shown = done["embeds"][0]
    assert shown["title"] == "Done: your data is gone"
    assert shown["description"].startswith(
        "Erased in this community: your mock profile, your self-ratings, practice settings, "
        "points and streak, name and time zone.\n"
        "Your upcoming mock is called off; your partner was told.\n"
        "What stays: messages already posted in channels and direct messages"
    )


async def test_the_partner_of_a_forgotten_member_is_told_by_dm(discord_app: Harness) -> None:
    await _paired(discord_app)
    told = len(discord_app.dms_to(ALICE))
    await _forget(discord_app)
    [notice] = discord_app.dms_to(ALICE)[told:]
    assert notice["embeds"][0]["description"] == (
        "Your partner left PrepLoop here, so your mock interview is off."
    )
