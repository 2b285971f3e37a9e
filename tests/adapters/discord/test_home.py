"""`/home` through the real discord.py client: the member's home, privately, with its buttons."""

from __future__ import annotations

from tests.adapters.discord.harness import ALICE, BOB, EPHEMERAL, Harness, callbacks


def _fields(call: dict[str, object]) -> dict[str, str]:
    [embed] = call["data"]["embeds"]  # type: ignore[index]
    return {f["name"]: f["value"] for f in embed["fields"]}


async def test_home_is_private_and_offers_the_answer_button(discord_app: Harness) -> None:
    published = {c["name"] for c in discord_app.api.commands}
    assert "home" in published
    await discord_app.slash("question", "today", BOB)
    [shown] = callbacks(await discord_app.slash("home", None, BOB))
    assert shown["data"]["flags"] == EPHEMERAL
    assert shown["data"]["embeds"][0]["title"] == "Your PrepLoop home"
    fields = _fields(shown)
    assert "not answered yet" in fields["Today's question"]
    assert "Community (admins)" not in fields
    labels = [c["label"] for row in shown["data"]["components"] for c in row["components"]]
    assert labels[0] == "Answer"


async def test_an_admins_home_shows_the_communitys_numbers(discord_app: Harness) -> None:
    await discord_app.slash("question", "today", BOB)
    [shown] = callbacks(await discord_app.slash("home", None, ALICE))
    assert "**Members:** 2" in _fields(shown)["Community (admins)"]
