"""A member's home: what waits for them and how they stand, gathered once, shown per platform.

The Slack App Home renders it as blocks; `/home` on the console and Discord as one card.
Member text (question titles of a community's own bank, partners' names, story titles) is kept
as `UserText`, so each renderer shows it literally.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.cards import Button, Card, Style, Text
from bot.core.standings import Standing
from bot.core.words import plural

STORIES_SHOWN = 10  # a home lists this many of a member's stories; `/story mine` has them all

# What a newcomer does first, in order: (command, what it does).
FIRST_STEPS: tuple[tuple[str, str], ...] = (
    ("/question", "read today's question and answer it privately: your first points"),
    ("/profile set timezone:Europe/Berlin", "so reminders and times are in your own zone"),
    ("/mock request", "get paired with a peer for a mock interview"),
    ("/story new principle:ownership", "write a STAR story and get it reviewed"),
    ("/prep start", "a prep plan to your interview date"),
)
WELCOME_TITLE = "Welcome to PrepLoop"
WELCOME_TEXT = (
    "PrepLoop runs this workspace's interview-prep study group: a daily question, peer mock "
    "interviews, STAR stories reviewed by peers, and a leaderboard. You have not used it here "
    "yet; any of these gets you started, and this page then shows your points and what waits "
    "for you."
)


@dataclass(frozen=True)
class TodaysQuestion:
    """The question of the day in the member's channel, and whether they answered it."""

    post_id: int
    title: Text
    track: str
    answered: bool

    @property
    def button(self) -> Button:
        """The channel card's Answer button (the same form; an answer can be edited)."""
        label = "Edit your answer" if self.answered else "Answer"
        return Button(label, "q.answer", str(self.post_id), _primary(not self.answered))


@dataclass(frozen=True)
class NextMock:
    """The member's next mock as a line, with Accept / Another time while their accept is due."""

    text: Text
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class StoryLine:
    """One of the member's stories as `/story mine` lists it."""

    number: int
    title: str  # member text
    principles: str
    state: str


@dataclass(frozen=True)
class Numbers:
    """The community at a glance, for admins: people, this week's activity, mocks, stories."""

    members: int
    active_this_week: int
    answers_this_week: int
    mocks_scheduled: int
    mocks_waiting: int
    stories: int
    stories_short: int  # ready stories still short of reviews

    def lines(self) -> list[str]:
        """The numbers as short lines, the same on every platform."""
        return [
            f"**Members:** {self.members} · {self.active_this_week} active this week",
            f"**Answers this week:** {self.answers_this_week}",
            f"**Mocks:** {self.mocks_scheduled} scheduled · {self.mocks_waiting} waiting for "
            "a partner",
            f"**Stories:** {self.stories} ready · {self.stories_short} waiting for reviews",
        ]


@dataclass(frozen=True)
class AdminHome:
    """What only an admin's home shows: the numbers and the live sprint (`/sprint status`)."""

    numbers: Numbers
    sprint: Card | None = None


@dataclass(frozen=True)
class Home:
    """Everything a member's home shows; `admin` is None for members who are not admins."""

    name: str
    rank: Standing | None  # all time, as /leaderboard shows it
    week: Standing | None  # this week's board
    streak: int | None  # None: the member turned streaks off
    question: TodaysQuestion | None
    practice_due: int
    mock: NextMock | None
    reviews_held: int  # stories the member took to review
    reviews_open: int  # peer stories waiting for a reviewer
    stories: tuple[StoryLine, ...] = ()
    admin: AdminHome | None = None

    @property
    def standing_line(self) -> str:
        """Points and rank all time, and this week's place."""
        if self.rank is None:
            line = "No points yet: answer today's question to get on the board."
        else:
            line = f"**{self.rank.score}** · rank **{self.rank.shown}** all time"
        if self.week is not None:
            line += f" · {self.week.label} this week ({self.week.score})"
        return line

    @property
    def streak_line(self) -> str:
        if self.streak is None:
            return "off (`/profile streaks on:yes` turns it on)"
        return plural(self.streak, "day") if self.streak else "none yet: answer today to start one"

    @property
    def practice_line(self) -> str:
        if not self.practice_due:
            return "nothing due"
        return f"{plural(self.practice_due, 'question')} due for review: `/practice`"

    @property
    def reviews_line(self) -> str | None:
        """Stories waiting for the member's review; None when none is."""
        parts = [f"{self.reviews_held} you took"] if self.reviews_held else []
        if self.reviews_open:
            parts.append(f"{self.reviews_open} waiting for a reviewer")
        return " · ".join(parts) if parts else None

    @property
    def review_button(self) -> Button | None:
        """The button that starts `/story review`, when a story waits."""
        if self.reviews_line is None:
            return None
        return Button("Review a story", "story.next", "", _primary(True))


def _primary(yes: bool) -> Style:
    return Style.PRIMARY if yes else Style.SECONDARY
