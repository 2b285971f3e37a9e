"""What members wrote stays theirs: stories read only when taken; forget leaves nothing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation


def reads(sim: Sim, day: date) -> list[Violation]:
    """A member reads only their own stories and the ones they took to review."""
    own: dict[str, set[str]] = {}
    for author, story in sim.driver.stories.values():
        own.setdefault(author, set()).add(story)
    found = []
    for person in sim.present():
        extra = (
            sim.driver.reads.get(person.user, set()) - own.get(person.user, set()) - person.taken
        )
        if extra:
            found.append(
                violation(
                    day,
                    person.user,
                    f"read {len(extra)} stories they never took: {sorted(extra, key=int)[:8]}",
                )
            )
    return found


def forgotten(sim: Sim, day: date) -> list[Violation]:
    """Nothing a forgotten member wrote, nor their name, remains in any table."""
    gone = [p for p in sim.people if p.gone == "forgot"]
    if not gone:
        return []
    found = []
    with Session(sim.hub.engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in session.execute(select(*table.columns)).all():
                said = " ".join(str(value) for value in row).lower()
                found += [
                    violation(day, p.user, f"{table.name} still holds “{p.marker}”")
                    for p in gone
                    if p.marker in said
                ]
    return list(dict.fromkeys(found))
