"""The CSV exports and the chart, as a spreadsheet and a screen reader read them."""

from __future__ import annotations

from datetime import date, timedelta

from bot.features.dashboard.api import Day, Table
from bot.web.chart import participation_svg
from bot.web.exports import table_csv


def test_text_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() -> None:
    table = Table(
        "questions",
        "Answer rate per question",
        "",
        ("Day", "Question", "Answers", "Answer rate"),
        (
            ("2026-12-01", '=HYPERLINK("http://x","click")', 3, "50%"),
            ("2026-12-02", "+1 trick, with a comma", 0, "-"),
        ),
    )
    lines = table_csv(table).splitlines()
    assert lines == [
        "Day,Question,Answers,Answer rate",
        '2026-12-01,"\'=HYPERLINK(""http://x"",""click"")",3,50%',
        '2026-12-02,"\'+1 trick, with a comma",0,-',
    ]


def test_the_chart_draws_a_bar_pair_a_day_and_describes_itself() -> None:
    start = date(2026, 11, 4)
    days = [Day(start + timedelta(days=i), answers=i % 5, members=i % 3) for i in range(28)]
    svg = str(participation_svg(days))
    assert svg.count('class="answers"') == 28 and svg.count('class="members"') == 28
    assert '<title id="chart-title">Answers and members active per day</title>' in svg
    assert "53 answers over 28 days; the busiest day was 2026-11-08 with 4 answers." in svg
    assert ">04 Nov</text>" in svg and ">01 Dec</text>" in svg


def test_a_quiet_month_draws_no_bars_above_the_axis() -> None:
    days = [Day(date(2026, 12, 1) + timedelta(days=i), 0, 0) for i in range(28)]
    svg = str(participation_svg(days))
    assert 'height="0.0"' in svg and "0 answers over 28 days" in svg
