"""The figures of the whole hostile-input run (this file runs last in the folder)."""

from __future__ import annotations

import pytest

from bot.app.feature import registry_of
from bot.features import FEATURES
from tests.hostile.figures import ADAPTERS, FIGURES, GOAL, KINDS

REGISTRY = registry_of(FEATURES)

PROPERTY_MODULES = {
    "test_hub_hostile",
    "test_console_hostile",
    "test_slack_hostile",
    "test_discord_hostile",
}


def _whole_run(request: pytest.FixtureRequest) -> bool:
    """Whether every property test of this folder is in this session."""
    if request.config.getoption("keyword") or request.config.getoption("markexpr"):
        return False
    here = {item.module.__name__.rpartition(".")[2] for item in request.session.items}
    return here >= PROPERTY_MODULES


def test_the_run_sent_ten_thousand_hostile_inputs_and_found_no_problem(
    request: pytest.FixtureRequest,
) -> None:
    if not _whole_run(request):
        pytest.skip("only part of tests/hostile ran; the totals need all of it")
    print("\n".join(FIGURES.lines()))
    assert FIGURES.total() >= GOAL, FIGURES.lines()
    assert {kind: FIGURES.count(kind) for kind in KINDS} == dict.fromkeys(KINDS, 0)
    for adapter in ADAPTERS:
        assert FIGURES.inputs[adapter] > 0, adapter
        assert FIGURES.groups.get(adapter) == set(REGISTRY.groups()), adapter
