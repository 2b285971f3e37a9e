"""An in-memory DailyStore: posts, answers and a bank, and no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from bot.bank.live import Candidate
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import Answer, DailyPost, QuestionSchedule
from bot.features.sprints.tables import Sprint
from bot.storage.tables import Question
from tests.fakes import FakeUnitOfWork


class FakeDailyStore(DailyStore):
    """The daily rows of the fake community, kept in dicts and lists; no channel has a sprint."""

    def __init__(self, questions: Iterable[Question] = ()) -> None:
        self.community_id = FakeUnitOfWork.COMMUNITY_ID
        self.questions = {q.id: q for q in questions}
        self.posts: dict[int, DailyPost] = {}
        self.answers: list[Answer] = []
        self.schedules: dict[str, QuestionSchedule] = {}

    def post_of_day(self, channel_id: str, day: date) -> DailyPost | None:
        found = [
            p for p in self.posts.values() if (p.channel_id, p.local_date) == (channel_id, day)
        ]
        return found[0] if found else None

    def post(self, post_id: int) -> DailyPost | None:
        post = self.posts.get(post_id)
        return post if post is not None and post.community_id == self.community_id else None

    def insert_posts(self, rows: Sequence[tuple[str, date, str]]) -> None:
        for channel_id, day, question_id in rows:
            if self.post_of_day(channel_id, day) is None:
                self.add_post(channel_id, day, question_id)

    def add_post(
        self, channel_id: str, day: date, question_id: str, community_id: int | None = None
    ) -> DailyPost:
        """A post as if claimed (in another community when `community_id` says so)."""
        post = DailyPost(
            id=len(self.posts) + 1,
            community_id=community_id or self.community_id,
            channel_id=channel_id,
            local_date=day,
            question_id=question_id,
        )
        assert post.id is not None
        self.posts[post.id] = post
        return post

    def used_question_ids(self) -> list[str]:
        mine = [p for p in self.posts.values() if p.community_id == self.community_id]
        return [p.question_id for p in sorted(mine, key=lambda p: p.id or 0)]

    def live_candidates(self) -> list[Candidate]:
        live = [q for q in self.questions.values() if not q.retired]
        return [Candidate(q.id, q.category, q.difficulty) for q in live]

    def question(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def is_answered(self, post_id: int) -> bool:
        return any(a.post_id == post_id for a in self.answers)

    def answer_of(self, post_id: int, member_id: int) -> Answer | None:
        found = [a for a in self.answers if (a.post_id, a.member_id) == (post_id, member_id)]
        return found[0] if found else None

    def add_answer(self, answer: Answer) -> None:
        answer.id = len(self.answers) + 1
        self.answers.append(answer)

    def blank_answers_of(self, member_id: int) -> int:
        mine = [a for a in self.answers if a.member_id == member_id]
        for answer in mine:
            answer.text = ""
        return len(mine)

    def live_sprint(self, channel_id: str) -> Sprint | None:
        return None

    def schedule(self, channel_id: str) -> QuestionSchedule | None:
        return self.schedules.get(channel_id)

    def save_schedule(self, schedule: QuestionSchedule) -> None:
        self.schedules[schedule.channel_id] = schedule

    def drop_schedule(self, schedule: QuestionSchedule) -> None:
        self.schedules.pop(schedule.channel_id, None)

    def channel_history(self, channel_id: str) -> list[tuple[str, date]]:
        mine = [p for p in self.posts.values() if p.channel_id == channel_id]
        return [(p.question_id, p.local_date) for p in sorted(mine, key=lambda p: p.local_date)]

    def unname_schedule_setter(self, user_id: str) -> None:
        for schedule in self.schedules.values():
            if schedule.created_by == user_id:
                schedule.created_by = ""
