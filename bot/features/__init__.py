"""Every feature, listed explicitly, in the order their commands appear in `/help`.

The hub serves these features' commands, buttons and forms; the scheduler finds and builds
their scheduled work in this order (the sprint calendar before the mock rounds it plans);
`/profile forget` and a member leaving call their hooks in this order. Nothing registers
itself by being imported. To add a feature, add its package and its value here.
"""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.daily.feature import DAILY
from bot.features.dashboard.feature import DASHBOARD
from bot.features.digest.feature import DIGEST
from bot.features.home.feature import HOME
from bot.features.leaderboard.feature import LEADERBOARD
from bot.features.limits.feature import LIMITS
from bot.features.mock.feature import MOCK
from bot.features.practice.feature import PRACTICE
from bot.features.prep.feature import PREP
from bot.features.profile.feature import PROFILE
from bot.features.roles.feature import ROLES
from bot.features.sprints.feature import SPRINTS
from bot.features.story.feature import STORY
from bot.features.suggestions.feature import SUGGESTIONS
from bot.scheduling.claims import Schedule

FEATURES: tuple[Feature, ...] = (
    DAILY,
    SUGGESTIONS,
    PRACTICE,
    PREP,
    LEADERBOARD,
    SPRINTS,
    MOCK,
    STORY,
    PROFILE,
    HOME,
    DIGEST,
    DASHBOARD,
    ROLES,
    LIMITS,
)


def schedule_of(features: tuple[Feature, ...] = FEATURES) -> Schedule:
    """The features' scheduled work: finders in the order of the list, and every kind."""
    kinds = {kind.name: kind for feature in features for kind in feature.kinds}
    assert len(kinds) == sum(len(f.kinds) for f in features), "a scheduled kind is named twice"
    return Schedule(tuple(f for feature in features for f in feature.finders), kinds)
