"""The optional private space of a confirmed pair: opened at its time, removed a day later.

On Discord a private thread under the channel where an admin turned it on; on Slack a group
DM with both members. Where the bot may not make one, the members get the same words by DM and
the admin who turned the setting on is told once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.cards import Card, Field, Mention, Message, Space, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_times import SPACE_LIFETIME
from bot.features.mock.cards import Person, order_of
from bot.features.mock.pairing_people import people_of
from bot.features.mock.store import MockStore
from bot.features.mock.store.time_table import CONFIRMED
from bot.features.mock.store.times import spaces_due
from bot.features.mock.time_offer import aware, joined
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.uow import Session

OPEN, CLOSE = "mock_space", "mock_space_close"
LOOK_BACK = timedelta(days=2)  # within the claim window, so a done claim is never found again


def find_spaces(session: Session, look: Look, found: list[Due]) -> None:
    """Add the spaces to open (a confirmed mock's time came) and to remove (a day after)."""
    for agreed, community, on in spaces_due(session, look.now, look.now - LOOK_BACK):
        start = aware(agreed.starts_at)
        key = f"{agreed.pairing_id}:{agreed.sequence}"
        channel = f"mock:{agreed.pairing_id}"
        assert community.id is not None
        where = (community.id, community.platform, community.external_id, channel)
        if agreed.space_ref and start + SPACE_LIFETIME <= look.now:
            found.append(Due(*where, CLOSE, key))
        elif on and not agreed.space_ref and look.now < start + SPACE_LIFETIME:
            found.append(Due(*where, OPEN, key))


def build_open(session: Session, clock: Clock, due: Due) -> list[Message]:
    """The card that opens the pair's private space, if the setting is still on."""
    store = MockStore(session, due.community_id)
    pairing_id, sequence = (int(part) for part in due.key.split(":"))
    agreed, settings = store.time_of(pairing_id), store.space_settings()
    pairing = store.pairing(pairing_id)
    if agreed is None or agreed.status != CONFIRMED or agreed.sequence != sequence:
        return []
    if pairing is None or pairing.status != "scheduled":
        return []
    if not settings.private_space or agreed.space_ref:
        return []
    people = people_of(store, pairing_id)
    card = _welcome(people)
    space = Space(f"Mock interview {pairing_id}", members=tuple(p.external_id for p in people))
    return [Message(card, Visibility.CHANNEL, channel=settings.space_channel, space=space)]


def _welcome(cycle: list[Person]) -> Card:
    names = joined([Mention(p.external_id) for p in cycle])
    return Card(
        title="Your mock interview space",
        text=rich(
            *names.parts,
            ": this private space is yours for your mock interview, which starts now. Share a "
            "call link here, or use it for notes and follow-ups.",
        ),
        # Nobody in particular reads a shared space: name everyone, no "you".
        fields=(Field("Order", order_of(replace(cycle[0], member_id=-1), cycle)),),
        footer="It is removed a day from now. `/mock done` gives feedback afterwards.",
    )


def build_close(session: Session, clock: Clock, due: Due) -> list[Message]:
    """The goodbye card posted in a pair's space before the space is removed."""
    store = MockStore(session, due.community_id)
    agreed = store.time_of(int(due.key.split(":")[0]))
    if agreed is None or not agreed.space_ref:
        return []
    card = Card(
        title="This mock space closes now",
        text="Thank you both. `/mock done` gives your feedback, if you have not yet.",
    )
    ref = agreed.space_ref
    return [Message(card, Visibility.CHANNEL, channel=ref, space=Space(ref=ref))]


def record_open(session: Session, now: datetime, sent: Sequence[tuple[Due, list[str]]]) -> None:
    """Keep the id of each space opened, to remove it a day later."""
    for due, refs in sent:
        agreed = MockStore(session, due.community_id).time_of(int(due.key.split(":")[0]))
        if agreed is not None and refs:
            agreed.space_ref = refs[0]


def record_close(session: Session, now: datetime, sent: Sequence[tuple[Due, list[str]]]) -> None:
    """Forget the spaces removed."""
    for due, refs in sent:
        agreed = MockStore(session, due.community_id).time_of(int(due.key.split(":")[0]))
        if agreed is not None and refs:
            agreed.space_ref = None


def fall_back(session: Session, due: Due, error: str) -> list[Message]:
    """A space the bot could not make: the welcome by DM instead, and the admin told once."""
    store = MockStore(session, due.community_id)
    pairing_id = int(due.key.split(":")[0])
    agreed, settings = store.time_of(pairing_id), store.space_settings()
    if agreed is None:
        return []
    people = people_of(store, pairing_id)
    welcome = _welcome(people)
    card = Card(
        title="Your mock interview starts now",
        text=rich(
            "I could not open a private space for you, so meet by direct message: ",
            *joined([Mention(p.external_id) for p in people]).parts,
            ".",
        ),
        fields=welcome.fields,
        footer="`/mock done` gives feedback afterwards.",
    )
    messages = [Message(card, Visibility.DIRECT, to_member=p.external_id) for p in people]
    admin = store.member_or_none(settings.space_admin_id or 0)
    if admin is not None and not settings.space_warned:
        settings.space_warned = True
        messages.append(_tell_admin(admin.external_id, error))
    return messages


def _tell_admin(external_id: str, error: str) -> Message:
    card = Card(
        title="Private mock spaces are not working",
        text=(
            f"I could not open a private space for a mock pair: {error[:300]}\n"
            "Pairs meet by direct message instead. Give me the permission to create private "
            "threads (Discord) or group DMs (Slack), or turn spaces off with "
            "`/mock settings space:off`. I will not tell you again until you turn them on anew."
        ),
    )
    return Message(card, Visibility.DIRECT, to_member=external_id)


FINDERS = (find_spaces,)
KINDS = (
    Kind(OPEN, build=build_open, record=record_open, alert=fall_back),
    Kind(CLOSE, build=build_close, record=record_close),
)
