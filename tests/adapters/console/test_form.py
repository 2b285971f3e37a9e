"""The console's form filler, typed into line by line in this process."""

from __future__ import annotations

import pytest

from bot.adapters.console.form import FormFiller
from bot.core.cards import Input, Modal

NEEDED = Input("f", "Field")
OPTIONAL = Input("f", "Field", required=False)
EDITED = Input("f", "Field", value="old text")
SHORT = Input("f", "Field", max_length=3)


def _fill(box: Input, lines: list[str]) -> tuple[dict[str, str] | None, str]:
    printed: list[str] = []
    answers = FormFiller(printed.append, iter(lines)).fill(Modal("Form", "act", "", (box,)))
    return answers, "\n".join(printed)


@pytest.mark.parametrize(
    ("box", "lines", "value"),
    [
        (NEEDED, ["typed"], "typed"),
        (EDITED, [""], "old text"),
        (EDITED, ["new text"], "new text"),
        (OPTIONAL, ["-"], ""),
        (OPTIONAL, [""], ""),
        (NEEDED, ["", "typed"], "typed"),
        (NEEDED, ["/help", "no", "typed"], "typed"),
        (SHORT, ["abcd", "abc"], "abc"),
    ],
)
def test_a_field_gets_the_value_a_member_meant(box: Input, lines: list[str], value: str) -> None:
    assert _fill(box, lines)[0] == {"f": value}


@pytest.mark.parametrize(
    "lines", [["/story new principle:nonsense", "yes"], ["/cancel"], [], ["/help"]]
)
def test_a_form_is_cancelled_and_says_so(lines: list[str]) -> None:
    answers, printed = _fill(NEEDED, lines)
    assert answers is None
    assert printed.endswith("  └ Cancelled; nothing was sent.")


def test_an_edited_field_shows_its_current_value() -> None:
    assert "  │   now: old text" in _fill(EDITED, [""])[1]
