"""Story nudges on the scheduler: offers to reviewers, reminders, releases, the daily line.

Each step is claimed once per community, channel, kind and key (a story, an offer, a review
row, a sprint's local day), so a restart or a second process never sends it twice. Direct
messages wait for the member's waking hours (bot/core/quiet_hours.py).
"""

from __future__ import annotations

from datetime import datetime

from bot.core.cards import Message
from bot.core.clock import Clock
from bot.core.quiet_hours import may_send
from bot.core.story_nudges import (
    LOOK_BACK,
    OFFER_AFTER,
    RECENT,
    RELEASE_AFTER,
    REMIND_AFTER,
    Volunteer,
    choose_reviewers,
    is_offer_due,
    line_due,
    needs_reviewers,
    release_at,
)
from bot.features.sprints.api import running_unclaimed
from bot.features.story.nudge_cards import line_message, offer_message, reminder_message
from bot.features.story.rows import candidate_of, story_id
from bot.features.story.store import StoryStore
from bot.features.story.store.nudges import (
    NudgeStore,
    communities_with_ready,
    held_reviews,
    ready_candidates,
    reminded_reviews,
    unsent_offers,
    zone_of,
)
from bot.features.story.tables import StoryOffer
from bot.scheduling import claims
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.tables import Community
from bot.storage.uow import Session

OFFER, OFFER_DM = "story_offer", "story_offer_dm"
REMIND, RELEASE, LINE = "story_remind", "story_release", "story_waiting"


def _due(
    community: Community,
    channel: str,
    kind: str,
    key: object,
    *,
    member_id: int | None = None,
    sprint_id: int | None = None,
) -> Due:
    assert community.id is not None
    return Due(
        community.id,
        community.platform,
        community.external_id,
        channel,
        kind,
        str(key),
        sprint_id=sprint_id,
        member_id=member_id,
    )


def _waiting_count(session: Session, community_id: int, wanted: int, now: datetime) -> int:
    """How many stories of a community still want reviews nobody has done or is doing."""
    found = ready_candidates(session, community_id=community_id)
    return sum(needs_reviewers(candidate, wanted, now) for candidate, _ in found)


def find_offers(session: Session, look: Look, found: list[Due]) -> None:
    """Add each story that has waited two days for reviewers, when a volunteer could take it."""
    end = look.now - OFFER_AFTER
    waiting = ready_candidates(session, ready_within=(end - LOOK_BACK, end))
    channels = [f"story:{candidate.story_id}" for candidate, _ in waiting]
    offered = claims.settled(session, look.now, OFFER, channels)  # no need to weigh them again
    volunteers: dict[int, list[Volunteer]] = {}
    wanted: dict[int, int] = {}  # reviews a story wants, per community (read once a tick)
    for candidate, community_id in waiting:
        key = str(candidate.story_id)
        if (community_id, f"story:{key}", key) in offered:
            continue
        if community_id not in wanted:
            wanted[community_id] = StoryStore(session, community_id).reviews_wanted()
        if not is_offer_due(candidate, wanted[community_id], look.now):
            continue
        if community_id not in volunteers:
            volunteers[community_id] = NudgeStore(session, community_id).volunteers(
                look.now - RECENT
            )
        community = NudgeStore(session, community_id).community()
        if community is not None and choose_reviewers(volunteers[community_id], candidate):
            channel = f"story:{candidate.story_id}"
            found.append(_due(community, channel, OFFER, candidate.story_id))


def build_offer(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Choose who is offered the story; the offers go out as each reviewer is awake."""
    store, nudges = StoryStore(session, due.community_id), NudgeStore(session, due.community_id)
    story = store.story(int(due.key))
    if story is None or story.ready_at is None or story.deleted_at is not None:
        return []
    candidate = candidate_of(story, store.reviews_of([story_id(story)])[story_id(story)])
    if not needs_reviewers(candidate, store.reviews_wanted(), clock.now()):
        return []
    already = nudges.offered_to(story_id(story))
    volunteers = [v for v in nudges.volunteers(clock.now() - RECENT) if v.member_id not in already]
    for reviewer_id in choose_reviewers(volunteers, candidate):
        nudges.add_offer(
            StoryOffer(
                community_id=due.community_id,
                story_id=story_id(story),
                reviewer_id=reviewer_id,
                offered_at=clock.now(),
            )
        )
    return []


def find_offer_dms(session: Session, look: Look, found: list[Due]) -> None:
    """Add the chosen offers whose reviewer is awake now."""
    for offer, member, community in unsent_offers(session):
        if may_send(look.now, zone_of(member, community)):
            channel = f"dm:{member.id}"
            found.append(_due(community, channel, OFFER_DM, offer.id, member_id=offer.reviewer_id))


def build_offer_dm(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Send an offer, unless the story no longer needs this reviewer."""
    store, nudges = StoryStore(session, due.community_id), NudgeStore(session, due.community_id)
    offer = nudges.offer(int(due.key))
    if offer is None or offer.sent_at is not None:
        return []
    offer.sent_at = clock.now()
    story, member = store.story(offer.story_id), store.member(offer.reviewer_id)
    if story is None or story.ready_at is None or story.deleted_at is not None:
        return []
    if member is None or not member.reviewer:
        return []
    rows = store.reviews_of([story_id(story)])[story_id(story)]
    if any(r.reviewer_id == member.id for r in rows):
        return []
    if not needs_reviewers(candidate_of(story, rows), store.reviews_wanted(), clock.now()):
        return []
    return [offer_message(member, story, clock.now())]


def find_reminders(session: Session, look: Look, found: list[Due]) -> None:
    """Add the taken stories not reviewed within a day, whose reviewer is awake now."""
    before = look.now - REMIND_AFTER
    for row, member, community in held_reviews(
        session, taken_after=before - LOOK_BACK, taken_before=before
    ):
        if may_send(look.now, zone_of(member, community)):
            found.append(_due(community, f"dm:{member.id}", REMIND, row.id, member_id=member.id))


def build_reminder(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Remind the reviewer once, saying when the story goes back to waiting."""
    store, nudges = StoryStore(session, due.community_id), NudgeStore(session, due.community_id)
    row, community = nudges.review(int(due.key)), nudges.community()
    if row is None or community is None or row.status != "open" or row.reminded_at is not None:
        return []
    row.reminded_at = clock.now()
    story, member = store.story(row.story_id), store.member(row.reviewer_id)
    if story is None or member is None or story.deleted_at is not None:
        return []
    release = release_at(clock.now())
    return [reminder_message(member, story, release, zone_of(member, community))]


def find_releases(session: Session, look: Look, found: list[Due]) -> None:
    """Add the reminded reviews whose hold has run out."""
    before = look.now - RELEASE_AFTER
    for row, community in reminded_reviews(
        session, reminded_after=before - LOOK_BACK, reminded_before=before
    ):
        found.append(_due(community, f"dm:{row.reviewer_id}", RELEASE, row.id))


def build_release(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Put the story back among those waiting (the reminder said when)."""
    row = NudgeStore(session, due.community_id).review(int(due.key))
    if row is not None and row.status == "open":
        StoryStore(session, due.community_id).release(row)
    return []


def find_lines(session: Session, look: Look, found: list[Due]) -> None:
    """Add each running sprint's channel, once a local day, when stories wait for review.

    The database leaves out the channels whose line today is done and the communities where
    no story is ready, so an idle minute weighs nothing.
    """
    running = running_unclaimed(session, look, LINE, line_due)
    ready = communities_with_ready(session, {row[1] for row in running})
    waiting: dict[int, int] = {}
    for sprint_id, community_id, channel, platform, ref, day in running:
        if community_id not in ready:
            continue
        if community_id not in waiting:
            wanted = StoryStore(session, community_id).reviews_wanted()
            waiting[community_id] = _waiting_count(session, community_id, wanted, look.now)
        if waiting[community_id]:
            found.append(Due(community_id, platform, ref, channel, LINE, day, sprint_id=sprint_id))


def build_line(session: Session, clock: Clock, due: Due) -> list[Message]:
    """Tell the channel how many stories wait, in one line that pings nobody."""
    wanted = StoryStore(session, due.community_id).reviews_wanted()
    count = _waiting_count(session, due.community_id, wanted, clock.now())
    return [line_message(due.channel_id, count)] if count else []


FINDERS = (find_offers, find_offer_dms, find_reminders, find_releases, find_lines)
KINDS = (
    Kind(OFFER, build=build_offer),
    Kind(OFFER_DM, build=build_offer_dm),
    Kind(REMIND, build=build_reminder),
    Kind(RELEASE, build=build_release),
    Kind(LINE, build=build_line),
)
