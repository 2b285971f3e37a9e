import pytest

from bot.core.words import competition_ranks, plural, rank_label


@pytest.mark.parametrize(
    ("count", "word", "many", "shown"),
    [
        (1, "week", None, "1 week"),
        (0, "week", None, "0 weeks"),
        (2, "answer", None, "2 answers"),
        (1, "reply", "replies", "1 reply"),
        (3, "reply", "replies", "3 replies"),
    ],
)
def test_plural_uses_the_singular_only_for_one(
    count: int, word: str, many: str | None, shown: str
) -> None:
    assert plural(count, word, many) == shown


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ([10, 10, 10, 5], [1, 1, 1, 4]),
        ([30, 20, 20, 10], [1, 2, 2, 4]),
        ([5], [1]),
        ([], []),
        ([0, -20, -20], [1, 2, 2]),
    ],
)
def test_equal_scores_share_a_rank_and_the_next_rank_skips(
    scores: list[int], ranks: list[int]
) -> None:
    assert competition_ranks(scores) == ranks


def test_a_shared_rank_reads_with_an_equals_sign() -> None:
    assert rank_label(1, tied=True) == "=1"
    assert rank_label(4, tied=False) == "#4"
