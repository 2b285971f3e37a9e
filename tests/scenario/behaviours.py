"""What each kind of member does when they open the app; each step tolerates a missing button."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from bot.core.cards import Button, Card, Mention, Rich, Visibility, plain
from bot.features.mock.tables import MockPairing
from tests.features.story.flow import ACTION, RESULT, SITUATION, TASK
from tests.scenario.driver import Driver
from tests.scenario.people import Person
from tests.scenario.world import cards_of, find_button, reply_text

ANSWER_CHANCE = {
    "answerer": 0.9, "double": 0.8, "rater": 0.8, "lurker": 0.15, "leaver": 0.7,
    "forgetter": 0.8, "noshow": 0.4, "hasty": 0.5, "writer": 0.5, "reviewer": 0.5,
    "skipper": 0.4, "farmer": 0.3,
}  # fmt: skip
PRINCIPLES = ("ownership", "dive-deep", "earn-trust", "deliver-results", "bias-for-action")
ROUNDS = ("phone_screen", "onsite_coding", "ml_system_design", "bar_raiser")
PAIRED = ("You have a mock interview partner", "You are in a mock trio")
SKIPS_PER_SESSION = 5
FEEDBACK_AFTER = timedelta(minutes=30)
FORGETS_TO_CONFIRM = 0.25
ASKS_ANOTHER_TIME = 0.15
PROPOSAL = "Another time for your mock interview"
SOON = timedelta(hours=20)  # a member who visits about daily cannot promise a time sooner


def session(d: Driver, p: Person, kinds: dict[str, str]) -> None:
    """One visit to the study channel: the member's usual things, in their usual order."""
    if d.rng.random() < ANSWER_CHANCE[p.kind]:
        answer_today(d, p)
    if p.mocks:
        join_rounds(d, p)
        agree_times(d, p)
        react_to_pairings(d, p, kinds)
        if d.rng.random() < 0.1:
            d.command(p, "mock", f"request round:{d.rng.choice(ROUNDS)}")
    react_to_dms(d, p, kinds)
    EXTRA.get(p.kind, lambda d, p: None)(d, p)


def latest_post(d: Driver, title: str) -> Card | None:
    cards = [
        s.message.card for s in d.world.channel if plain(s.message.card.title).startswith(title)
    ]
    return cards[-1] if cards else None


def answer_today(d: Driver, p: Person) -> None:
    """Answer the newest question of the day by its card's Answer button."""
    post = latest_post(d, "Question of the day")
    button = find_button([post], "Answer") if post else None
    if button is None or button.value in p.answered:
        return
    for again in range(2 if p.kind == "double" else 1):
        text = f"{p.marker}: I would start from a hash map, then check the edge cases."
        said = reply_text(d.submit(p, d.press(p, button), {"answer": text}))
        if "your answer" in said:
            d.note(p, "again" if again else "answer", f"answer {button.value}|{said}")
    p.answered.add(button.value)
    rate(d, p, post)


def rate(d: Driver, p: Person, post: Card | None) -> None:
    """Rate oneself once, or (a rater) twice with the same button."""
    rating = d.rng.choice(
        [b for b in (post.buttons if post else ()) if b.action.endswith("rate")] or [None]
    )
    if rating is None:
        return
    if p.kind != "rater" and d.rng.random() < 0.7:
        return
    for _ in range(2 if p.kind == "rater" else 1):
        said = reply_text(d.press(p, rating))
        d.note(p, "rating", f"{rating.value}|{said}")


def join_rounds(d: Driver, p: Person) -> None:
    """Join the newest mock round by its Join button (a double-clicker presses twice)."""
    card = latest_post(d, "Mock round:")
    button = find_button([card], "Join") if card else None
    if button is None or button.value in p.joined:
        return
    for _ in range(2 if p.kind == "double" else 1):
        d.press(p, button)
    d.note(p, "join", button.value)
    p.joined.add(button.value)


def pairings_seen(d: Driver, p: Person) -> list[Card]:
    return [s.message.card for s in d.world.dms(p.user) if plain(s.message.card.title) in PAIRED]


def react_to_pairings(d: Driver, p: Person, kinds: dict[str, str]) -> None:
    """After the proposed time: give feedback, or report a partner who did not come."""
    for card in pairings_seen(d, p):
        done = find_button([card], "Give feedback")
        if done is None or done.value in p.handled:
            continue
        if p.kind == "hasty" and f"early:{done.value}" not in p.handled:
            p.handled.add(f"early:{done.value}")
            report(d, p, card, "early")
        start = proposed_at(d, done.value)
        if p.kind == "noshow" or start is None or d.clock.now() < start + FEEDBACK_AFTER:
            continue
        p.handled.add(done.value)
        if d.rng.random() < FORGETS_TO_CONFIRM:  # met, but never says so
            d.note(p, "never-confirmed", done.value)
            continue
        partners = [kinds.get(u, "") for u in mentioned(card, p.user)]
        if "noshow" in partners:
            report(d, p, card, "after")
        else:
            give_feedback(d, p, done)


def agree_times(d: Driver, p: Person) -> None:
    """Accept the newest proposed time of each pairing, or ask for a later one.

    A time sooner than the member's next visit, or (now and then) one that does not suit, is
    answered with Another time and the latest shared slot offered.
    """
    newest: dict[str, Card] = {}
    for seen in d.world.dms(p.user):
        card = seen.message.card
        accept = find_button([card], "Accept")
        if accept is not None and plain(card.title) in (*PAIRED, PROPOSAL):
            newest[accept.value.partition(":")[0]] = card
    for pairing_id, card in newest.items():
        accept = find_button([card], "Accept")
        if accept is None or accept.value in p.handled:
            continue
        p.handled.add(accept.value)
        start = proposed_at(d, pairing_id)
        if start is None or start < d.clock.now() + SOON or d.rng.random() < ASKS_ANOTHER_TIME:
            ask_another_time(d, p, card)
        else:
            d.note(p, "accept-time", reply_text(d.press(p, accept))[:80])


def ask_another_time(d: Driver, p: Person, card: Card) -> None:
    """Press Another time and pick the latest slot offered (else say why not)."""
    other = find_button([card], "Another time")
    if other is None:
        return
    offered = cards_of(d.press(p, other))
    slots = [b for c in offered for b in c.buttons if b.action == "mock.pick"]
    if slots:
        d.note(p, "another-time", reply_text(d.press(p, slots[-1]))[:80])
    else:
        d.note(p, "no-other-time")


def mentioned(card: Card, me: str) -> list[str]:
    """The members a pairing card names, other than the reader."""
    text = card.text
    parts = text.parts if isinstance(text, Rich) else ()
    return [str(part) for part in parts if isinstance(part, Mention) and str(part) != me]


def proposed_at(d: Driver, pairing_id: str) -> datetime | None:
    """When the pairing's mock starts (the member has it in their calendar)."""
    with Session(d.hub.engine) as session:
        pairing = session.get(MockPairing, int(pairing_id))
        moment = pairing.proposed_at if pairing else None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def report(d: Driver, p: Person, card: Card, when: str) -> None:
    """Press "Partner didn't show" (in a trio, then the absent member's button)."""
    button = find_button([card], "Partner didn't show")
    if button is None:
        return
    reply = d.press(p, button)
    mine = [m.card for m in reply.messages if m.visibility is Visibility.EPHEMERAL]
    pick = next((b for c in mine for b in c.buttons if b.label.endswith("didn't show")), None)
    if pick is not None:
        reply = d.press(p, pick)
    d.note(p, f"noshow-report-{when}", reply_text(reply)[:80])


def give_feedback(d: Driver, p: Person, button: Button) -> None:
    """Open the rubric and send it (a double-clicker sends it twice)."""
    comment = (
        f"{p.marker}: you clarified the input size first and explained the idea before coding "
        "it. Test the empty input next time, and say the complexity out loud."
    )
    for again in range(2 if p.kind == "double" else 1):
        opened = d.press(p, button)
        fields = {f"s{i}": "3" for i in range(4)} | {"comment": comment}
        said = reply_text(d.submit(p, opened, fields))
        if "Thanks" in said:
            d.note(p, "again" if again else "feedback", f"feedback {button.value}|{said}")


def react_to_dms(d: Driver, p: Person, kinds: dict[str, str]) -> None:
    """Press Dispute on a no-show report (the accused), answer "Did you meet?"."""
    for seen in d.world.dms(p.user):
        for button in seen.message.card.buttons:
            key = f"{button.action}:{button.value}"
            if key in p.handled:
                continue
            if button.label.startswith("Dispute") and "disputed" not in p.handled:
                # The first report against a member is disputed; later ones are let stand.
                p.handled |= {key, "disputed"}
                d.note(p, "dispute", reply_text(d.press(p, button))[:80])
            elif button.label in ("Yes", "No") and "meet" in plain(seen.message.card.title):
                met = p.kind != "noshow"
                if button.label == ("Yes" if met else "No"):
                    p.handled.add(key)
                    d.note(p, "did-you-meet", reply_text(d.press(p, button))[:80])


def write_story(d: Driver, p: Person, principle: str, good: bool = True) -> str | None:
    """Write a story through `/story new`; return its id (from its Edit button)."""
    p.stories += 1
    token = f"{p.marker}-s{p.stories}"
    opened = d.command(p, "story", f"new principle:{principle}")
    if good:
        fields = {"situation": f"{SITUATION} ({token})", "task": TASK}
        fields |= {"action": f"{ACTION} {token}.", "result": RESULT}
    else:
        fields = {"situation": f"y {token}", "task": "y", "action": "y", "result": "y"}
    fields["title"] = f"{p.marker} story {p.stories}"
    reply = d.submit(p, opened, fields)
    edit = find_button(cards_of(reply), "Edit")
    if edit is None:
        return None
    d.stories[token] = (p.user, edit.value)
    d.note(p, "story", f"{principle}|{'good' if good else 'thin'}")
    return edit.value


def review_one(d: Driver, p: Person, skip: bool) -> None:
    """Ask for a story to review; a skipper skips on, a reviewer takes it and writes the review."""
    reply = d.command(p, "story", "review")
    for _ in range(SKIPS_PER_SESSION if skip else 1):
        cards = cards_of(reply)
        if skip:
            button = find_button(cards, "Skip")
            if button is None:
                return
            d.note(p, "skip", button.value)
            reply = d.press(p, button)
            continue
        take = next((b for c in cards for b in c.buttons if "skip" not in b.action), None)
        if take is None:
            return
        p.taken.add(take.value)
        opened = d.press(p, take)
        if opened.modal is None:  # a take button that shows the story first
            write = find_button(cards_of(opened), "Write review")
            opened = d.press(p, write) if write is not None else opened
        comments = (
            f"{p.marker}: the Action is specific and clearly yours. Say what you traded off "
            "when you chose a lock over rewriting the scheduler."
        )
        said = reply_text(d.submit(p, opened, {"scores": "3 4 3 4 3", "comments": comments}))
        if "Thanks" in said:
            d.note(p, "review", take.value)


def writer(d: Driver, p: Person) -> None:
    if d.rng.random() < 0.25:
        write_story(d, p, PRINCIPLES[p.stories % len(PRINCIPLES)])


def farmer(d: Driver, p: Person) -> None:
    """Write a thin story, then delete it, to try earning again."""
    if d.rng.random() < 0.5:
        return
    story = write_story(d, p, "ownership", good=False)
    reply = d.command(p, "story", f"delete story:{p.stories}")
    button = find_button(cards_of(reply), "Delete")
    if story is not None and button is not None:
        d.press(p, button)
        d.note(p, "delete", story)


def reviewer(d: Driver, p: Person) -> None:
    review_one(d, p, skip=False)
    if d.rng.random() < 0.2:
        writer(d, p)


def skipper(d: Driver, p: Person) -> None:
    review_one(d, p, skip=True)


def lurker(d: Driver, p: Person) -> None:
    d.command(p, "leaderboard", "")


def sometimes_writes(d: Driver, p: Person) -> None:
    if p.stories < 2 and d.rng.random() < 0.1:
        write_story(d, p, PRINCIPLES[p.number % len(PRINCIPLES)])
    if d.rng.random() < 0.1:
        review_one(d, p, skip=False)


EXTRA = {
    "writer": writer, "farmer": farmer, "reviewer": reviewer, "skipper": skipper,
    "lurker": lurker, "answerer": sometimes_writes, "leaver": sometimes_writes,
    "forgetter": sometimes_writes, "hasty": sometimes_writes,
}  # fmt: skip
