"""Member text that slipped past the Slack renderer before the hostile-input suite found it."""

from __future__ import annotations

import pytest

from bot.adapters.slack.mrkdwn import ZWSP, mrkdwn
from bot.core.cards import UserText


@pytest.mark.parametrize("typed", ["@here_now", "@channel__", "@everyone2", "x@HERE_"])
def test_a_broadcast_glued_to_a_word_character_is_defused(typed: str) -> None:
    out = mrkdwn(UserText(typed))
    assert "@here" not in out.lower()
    assert "@channel" not in out.lower()
    assert "@everyone" not in out.lower()
    assert out.replace(ZWSP, "") == typed
