"""The `/profile forget` button, run on an in-memory store (no database)."""

from __future__ import annotations

import pytest

from bot.app.registry import UserError
from bot.core.cards import plain
from bot.features.profile.forget import FORGOTTEN, forget, forget_identity
from bot.features.profile.store import ProfileStore
from bot.storage.tables import Member
from tests.fakes import FakeUnitOfWork
from tests.features.profile.fakes import FakeProfileStore
from tests.replies import reply_text


def _community() -> tuple[FakeUnitOfWork, FakeProfileStore]:
    store = FakeProfileStore()
    return FakeUnitOfWork((ProfileStore, store)), store


def test_forgetting_unnames_the_member_so_their_next_visit_starts_anew() -> None:
    uow, _ = _community()
    ctx = uow.ctx("ann")
    ctx.member.timezone = "Europe/Berlin"
    forget_identity(ctx)
    assert (ctx.member.external_id, ctx.member.display_name, ctx.member.timezone) == (
        f"{FORGOTTEN}{ctx.member_id}",
        "",
        None,
    )


def test_the_button_of_someone_else_is_refused() -> None:
    uow, _ = _community()
    owner = uow.ctx("ann")
    with pytest.raises(UserError) as refused:
        forget(uow.ctx("bob"), str(owner.member_id))
    assert plain(refused.value.text) == (
        "That button belongs to someone else. Run `/profile forget` yourself."
    )


def test_pressing_the_button_again_after_forgetting_says_it_is_done() -> None:
    uow, store = _community()
    gone = Member(id=7, community_id=1, external_id=f"{FORGOTTEN}7", display_name="")
    store.members[7] = gone
    said = reply_text(forget(uow.ctx("ann"), "7"))
    assert "Your data here is already forgotten." in said


def test_a_forgotten_member_of_another_community_is_not_recognised() -> None:
    uow, store = _community()
    store.members[7] = Member(id=7, community_id=2, external_id=f"{FORGOTTEN}7")
    with pytest.raises(UserError):
        forget(uow.ctx("ann"), "7")


def test_forgetting_tells_the_member_what_went_and_what_stays() -> None:
    uow, _ = _community()
    ctx = uow.ctx("ann")
    said = reply_text(forget(ctx, str(ctx.member_id)))
    assert "Done: your data is gone" in said
    assert "Other communities you are in are not touched." in said
