import pytest

from bot.core.standings import Standing, standing, standings


@pytest.mark.parametrize(
    ("scores", "shown"),
    [
        ([10, 10, 10, 5], ["🥇 =1", "🥇 =1", "🥇 =1", "#4"]),
        ([30, 20, 20, 10], ["🥇 #1", "🥈 =2", "🥈 =2", "#4"]),
        ([20, 20, 10], ["🥇 =1", "🥇 =1", "🥉 #3"]),
        ([10, 0, -60], ["🥇 #1", "#2", "#3"]),
        ([0, 0], ["=1", "=1"]),
        ([-60], ["#1"]),
        ([], []),
    ],
)
def test_a_board_shows_shared_ranks_and_medals_only_for_points(
    scores: list[int], shown: list[str]
) -> None:
    assert [at.shown for at in standings(scores)] == shown


def test_the_row_below_the_board_reveals_a_tie_on_its_last_line() -> None:
    shown = standings([40, 30, 30])[:2]  # the board shows two; the third is only looked at
    assert shown[-1] == Standing(rank=2, tied=True, points=30)


@pytest.mark.parametrize(
    ("points", "ahead", "level", "label"),
    [(10, 11, 1, "#12"), (15, 10, 2, "=11"), (0, 0, 1, "#1")],
)
def test_a_member_counted_against_the_board_reads_the_same_label(
    points: int, ahead: int, level: int, label: str
) -> None:
    assert standing(points, ahead=ahead, level=level).label == label


@pytest.mark.parametrize(("points", "score"), [(1, "1 pt"), (10, "10 pts"), (-60, "-60 pts")])
def test_points_read_in_the_singular_only_for_one(points: int, score: str) -> None:
    assert Standing(rank=1, tied=False, points=points).score == score
