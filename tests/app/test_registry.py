"""Commands declare their options as a dataclass; the hub hands handlers that value, typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.app.context import Ctx
from bot.app.feature import Feature, registry_of
from bot.app.hub import Hub
from bot.app.registry import NoOptions, Registry, option
from bot.core.cards import Reply, plain
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from tests.conftest import actor

SEEN: list[object] = []


@dataclass(frozen=True, kw_only=True)
class PlanOptions:
    name: str = option("Name of the plan", required=True, max_length=20)
    weeks: int | None = option("Length in weeks", "int", min_value=1, max_value=12)
    start: date | None = option("First day", "date")
    share: bool | None = option("Post it for everyone", "bool")


ROUTES = Registry()


@ROUTES.command("plan", "make", "Make a plan", PlanOptions)
def make_plan(ctx: Ctx, options: PlanOptions) -> Reply:
    SEEN.append(options)
    return Reply.note(f"{options.name} for {options.weeks or 4} weeks")


@ROUTES.command("plan", "show", "Show the plan", default=True)
def show_plan(ctx: Ctx, options: NoOptions) -> Reply:
    SEEN.append(options)
    return Reply.note("the plan")


@pytest.fixture
def hub(tmp_path: object) -> Hub:
    engine = make_engine(f"sqlite:///{tmp_path}/registry.db")
    upgrade(engine)
    return Hub(engine, features=(Feature("plan", routes=(ROUTES,)),))


def test_options_are_declared_by_the_dataclass_fields_in_order() -> None:
    spec = ROUTES.commands[("plan", "make")]
    assert [(o.name, o.kind, o.required) for o in spec.options] == [
        ("name", "text", True),
        ("weeks", "int", False),
        ("start", "date", False),
        ("share", "bool", False),
    ]
    assert spec.usage == "/plan make name:<text> [weeks:…] [start:…] [share:…]"


def test_the_handler_receives_its_options_converted_and_typed(hub: Hub) -> None:
    SEEN.clear()
    reply = hub.command_text(actor(), "plan", "make Winter weeks:6 start:2026-12-07 share:yes")
    assert plain(reply.messages[0].card.text) == "Winter for 6 weeks"
    assert [PlanOptions(name="Winter", weeks=6, start=date(2026, 12, 7), share=True)] == SEEN


def test_an_option_not_given_is_none_and_a_command_without_options_gets_none_to_read(
    hub: Hub,
) -> None:
    SEEN.clear()
    hub.command(actor(), "plan", "make", {"name": "Spring"})
    hub.command(actor(), "plan", None, {})
    assert [PlanOptions(name="Spring"), NoOptions()] == SEEN


@pytest.mark.parametrize(
    ("raw", "told"),
    [
        ({}, "`name` is required. Usage: `/plan make name:<text> [weeks:…] [start:…] [share:…]`"),
        ({"name": "W", "weeks": "13"}, "`weeks` must be between 1 and 12."),
        ({"name": "W", "colour": "red"}, "Unknown option `colour`."),
    ],
)
def test_bad_options_are_refused_before_the_handler_runs(
    hub: Hub, raw: dict[str, str], told: str
) -> None:
    SEEN.clear()
    reply = hub.command(actor(), "plan", "make", raw)
    assert plain(reply.messages[0].card.text).startswith(told)
    assert SEEN == []


def test_two_features_routing_the_same_command_is_refused_at_start() -> None:
    twice = Registry()
    twice.command("plan", "show", "Show it again", default=True)(show_plan)
    with pytest.raises(AssertionError, match="routed twice"):
        registry_of((Feature("a", routes=(ROUTES,)), Feature("b", routes=(twice,))))


def test_an_options_class_that_is_not_a_dataclass_is_refused_when_registered() -> None:
    class Loose:
        name: str = "x"

    with pytest.raises(AssertionError, match="not a dataclass"):
        Registry().command("plan", "loose", "Loose options", Loose)(make_plan)  # type: ignore[arg-type]


def test_help_lists_the_command_groups_in_the_order_of_the_features() -> None:
    from bot.features import FEATURES

    groups = list(registry_of(FEATURES).groups())
    assert groups == [
        "question",
        "practice",
        "prep",
        "leaderboard",
        "profile",
        "sprint",
        "mock",
        "story",
        "home",
        "dashboard",
        "roles",
        "admin",
    ]
    assert [feature.name for feature in FEATURES] == [
        "daily",
        "suggestions",
        "practice",
        "prep",
        "leaderboard",
        "sprints",
        "mock",
        "story",
        "profile",
        "home",
        "digest",
        "dashboard",
        "roles",
        "limits",
    ]


def test_every_stored_table_has_one_owner() -> None:
    from sqlmodel import SQLModel

    import bot.storage.all_tables  # noqa: F401 - every table on the metadata
    from bot.features import FEATURES
    from bot.scheduling.tables import JobClaim
    from bot.storage.tables import Community, Member, Question

    shared = [Community, Member, Question, JobClaim]  # the app's own, not a feature's
    owned = [table for feature in FEATURES for table in feature.tables] + shared
    names = [table.__tablename__ for table in owned]  # type: ignore[attr-defined]
    assert sorted(names) == sorted(SQLModel.metadata.tables)
