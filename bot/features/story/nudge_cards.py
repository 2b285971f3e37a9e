"""The messages of story nudges: an offer to a reviewer, a reminder, the channel's daily line."""

from __future__ import annotations

from datetime import datetime

from bot.core.cards import Button, Card, Message, Style, Visibility, rich
from bot.core.story_nudges import duration_text, waiting_line
from bot.core.timezones import local_label
from bot.features.story.cards import heading
from bot.features.story.principles import names
from bot.features.story.rows import principles_of, story_id
from bot.features.story.tables import Story
from bot.storage.tables import Member

OPTED_IN = "You get these because you review stories: `/profile set reviewer:off` stops them."


def offer_message(member: Member, story: Story, now: datetime) -> Message:
    """Offer a waiting story to a reviewer by its title and principles, with Take it."""
    assert story.ready_at is not None
    waited = duration_text(now - story.ready_at)
    text = rich(
        f"**Principles:** {names(principles_of(story))}\n\n"
        f"This story has waited {waited} for a reviewer. Take it to read it whole and score "
        "it with the rubric; your review goes privately to its author. Someone else may take "
        "it first: then `/story review` finds you another."
    )
    take = Button("Take it", "story.claim", str(story_id(story)), Style.PRIMARY)
    title = heading("A story is waiting for you", story)
    card = Card(title, text, buttons=(take,), footer=OPTED_IN)
    return Message(card, Visibility.DIRECT, to_member=member.external_id)


def reminder_message(member: Member, story: Story, release: datetime, tz: str) -> Message:
    """Remind a reviewer of a story they took a day ago; say when it goes back to waiting."""
    text = (
        "You took this story to review a day ago and your review has not come in yet. "
        f"If it is not in by {local_label(release, tz)}, the story goes back to waiting "
        "so that someone else can review it. Can't do it? Hand it back now."
    )
    value = str(story_id(story))
    write = Button("Write review", "story.review", value, Style.PRIMARY)
    back = Button("Hand it back", "story.handback", value)
    card = Card(heading("Your review is waiting", story), text, buttons=(write, back))
    return Message(card, Visibility.DIRECT, to_member=member.external_id)


def line_message(channel_id: str, count: int) -> Message:
    """The channel's one line about the stories that wait (no mention, no ping)."""
    return Message(Card(text=waiting_line(count)), Visibility.CHANNEL, channel=channel_id)
