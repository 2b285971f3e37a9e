"""Small wording rules shared by every card: plurals and ranks."""

from __future__ import annotations

from collections.abc import Sequence


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return "1 week" or "3 weeks" (pass `many` for irregular plurals: "1 reply" / "2 replies")."""
    noun = word if count == 1 else (many or f"{word}s")
    return f"{count} {noun}"


def competition_ranks(scores: Sequence[int]) -> list[int]:
    """Rank scores sorted high to low the standard competition way: 10, 10, 10, 5 -> 1, 1, 1, 4."""
    ranks: list[int] = []
    for index, score in enumerate(scores):
        tied = index > 0 and score == scores[index - 1]
        ranks.append(ranks[-1] if tied else index + 1)
    return ranks


def rank_label(rank: int, *, tied: bool) -> str:
    """Show a rank as "#4", or "=1" when another member shares it."""
    return f"={rank}" if tied else f"#{rank}"
