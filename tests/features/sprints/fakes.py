"""An in-memory SprintStore: one community's sprints, and no database."""

from __future__ import annotations

from bot.features.sprints.store import LIVE, SprintStore
from bot.features.sprints.tables import Sprint


class FakeSprintStore(SprintStore):
    """The same methods as SprintStore, over a list a test fills."""

    def __init__(self, community_id: int = 1) -> None:
        self.community_id = community_id
        self.sprints: list[Sprint] = []

    def live_in(self, channel_id: str) -> Sprint | None:
        return next(
            (s for s in self.sprints if s.channel_id == channel_id and s.status in LIVE), None
        )

    def add(self, sprint: Sprint) -> Sprint:
        assert sprint.community_id == self.community_id
        sprint.id = len(self.sprints) + 1
        self.sprints.append(sprint)
        return sprint

    def unname_creator(self, user_id: str) -> None:
        for sprint in self.sprints:
            if sprint.created_by == user_id:
                sprint.created_by = ""
