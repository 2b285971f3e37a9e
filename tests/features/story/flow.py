"""Steps the story tests share: write a story, review one, read what came back."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from bot.app.hub import Hub
from bot.core.cards import Card, Reply, plain
from bot.features.leaderboard.tables import LedgerEntry
from bot.storage.tables import Community, Member
from tests.conftest import actor

SITUATION = (
    "In March our team ran the ranking model that orders search results for about two million "
    "shoppers a day. The nightly training pipeline had started failing twice a week, and each "
    "failure left the model a day stale while the on-call engineer restarted jobs by hand."
)
TASK = (
    "I was the engineer on the ranking team closest to the pipeline, and I set myself the goal "
    "of making the nightly run reliable before the holiday traffic peak in six weeks."
)
ACTION = (
    "I read three weeks of scheduler logs and traced every failure to a race between the "
    "feature backfill and the training job, which nobody owned because it sat between two "
    "teams. I took ownership of it anyway. I wrote a small lock around the backfill, added a "
    "check that refuses to train on a partial snapshot, and put an alert on the snapshot age "
    "so that a stale model pages someone within an hour instead of a day. I tested the lock by "
    "replaying the two worst failure nights in staging, then rolled it out behind a flag for a "
    "week. I wrote a runbook for the on-call rotation with the three failure modes I had found "
    "and how to recover from each, and I walked the platform team through it so that they could "
    "take over the lock. When one more failure happened in the first week, I ran the postmortem "
    "myself, found a second, rarer race in the export step, and fixed it the same day. I kept "
    "the ranking and platform leads informed every Friday with the failure count, so that they "
    "could decide whether to keep the old manual process as a fallback. I also paired with a "
    "new engineer on the fix so that the knowledge did not stay with me alone."
)
RESULT = (
    "Failures dropped from eight a month to zero over the next quarter, the model was never more "
    "than one day stale during the holiday peak, and on-call time spent on the pipeline fell "
    "from about 6 hours a week to under 30 minutes. The platform team adopted the lock for "
    "two other pipelines. I learned to look for the unowned seams between teams first."
)
GOOD = {"title": "Fixed the flaky ranking pipeline", "situation": SITUATION, "task": TASK}
GOOD |= {"action": ACTION, "result": RESULT}
COMMENTS = (
    "The Action is specific and clearly yours. Say what you traded off when you chose a lock "
    "over rewriting the scheduler."
)


def text_of(reply: Reply) -> str:
    """Every title, text, field and footer of a reply, plain, one card after the other."""
    return "\n".join(card_text(m.card) for m in reply.messages)


def card_text(card: Card) -> str:
    fields = [f"{plain(f.name)}: {plain(f.value)}" for f in card.fields]
    return "\n".join([plain(card.title), plain(card.text), *fields, plain(card.footer)])


def write(
    hub: Hub, who: str = "u1", principles: str = "principle:ownership", **fields: str
) -> Reply:
    """Open `/story new` and send the form (the good story unless fields say otherwise)."""
    opened = hub.command_text(actor(who), "story", f"new {principles}")
    assert opened.modal is not None, text_of(opened)
    sent = {**GOOD, **fields}
    return hub.submit(actor(who), opened.modal.action, opened.modal.value, sent)


def press(hub: Hub, who: str, reply: Reply, label: str) -> Reply:
    """Press the button with this label among the reply's cards."""
    button = next(b for m in reply.messages for b in m.card.buttons if b.label == label)
    return hub.press(actor(who), button.action, button.value)


def take(hub: Hub, who: str) -> Reply:
    """Ask for a story to review and take the one offered: the whole story and the rubric."""
    offered = hub.command_text(actor(who), "story", "review")
    return press(hub, who, offered, "Take it")


def review(hub: Hub, who: str, scores: str = "3 4 3 4 3", comments: str = COMMENTS) -> Reply:
    """Ask for a story to review, open the form and send it."""
    opened = press(hub, who, take(hub, who), "Write review")
    assert opened.modal is not None, text_of(opened)
    fields = {"scores": scores, "comments": comments}
    return hub.submit(actor(who), opened.modal.action, opened.modal.value, fields)


def points_of(hub: Hub, who: str, community: str = "g1") -> int:
    """Total points of a member in a community."""
    query = (
        select(func.sum(LedgerEntry.points))
        .join(Member, col(Member.id) == LedgerEntry.member_id)
        .join(Community, col(Community.id) == Member.community_id)
        .where(Member.external_id == who, Community.external_id == community)
    )
    with Session(hub.engine) as session:
        return int(session.exec(query).one() or 0)
