"""The content format: every problem reported with file and line, in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.content import DEFAULT_CONTENT_DIR, check_bank
from tests.conftest import TEST_CONTENT


def _bank_with(tmp_path: Path, questions_yaml: str) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    (root / "questions" / "broken.yaml").write_text(questions_yaml, encoding="utf-8")
    return [str(p) for p in check_bank(root).problems]


def test_every_problem_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    problems = _bank_with(
        tmp_path,
        """questions:
  - id: Bad Id
    category: coding
    rounds: [phone_screen]
    difficulty: easy
    levels: [mle1]
    topic: arrays
    title: Broken one
    prompt: Too short
    hints: [one hint only here]
    follow_ups: ["what next then?"]
    strong_answer: [point one is here, point two is here, point three here]
  - id: lp-no-principle
    category: leadership
    rounds: [bar_raiser]
    difficulty: medium
    levels: [mle2]
    topic: ownership
    title: No principle given
    prompt: Tell me about a time you owned something nobody else wanted to touch.
    hints: [pick a story you led]
    follow_ups: ["what would you change?"]
    strong_answer: [names the problem, uses I not we, has a measurable result]
""",
    )
    assert any(p.startswith("content/questions/broken.yaml:2: questions[0].id") for p in problems)
    assert any(
        p.startswith("content/questions/broken.yaml:2: questions[0].prompt") for p in problems
    )
    assert any(
        p.startswith("content/questions/broken.yaml:13: questions[1]") and "principles" in p
        for p in problems
    )


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    problems = _bank_with(tmp_path, "questions:\n  - id: x\n    title: [unclosed\n")
    assert any(
        p.startswith("content/questions/broken.yaml:") and "not valid YAML" in p for p in problems
    )


def test_a_near_duplicate_prompt_is_flagged(tmp_path: Path) -> None:
    source = (TEST_CONTENT / "questions" / "coding-arrays-hashing.yaml").read_text()
    copy = source.replace("id: two-sum", "id: two-sum-again").replace(
        "title: Two Sum", "title: Again"
    )
    problems = _bank_with(tmp_path, copy)
    assert any("'two-sum-again' is too similar to 'two-sum'" in p for p in problems)


def test_a_coding_question_without_a_solution_is_refused(tmp_path: Path) -> None:
    source = (TEST_CONTENT / "questions" / "coding-arrays-hashing.yaml").read_text()
    cut = source[: source.index("    solution:")].replace("id: two-sum", "id: two-sum-bare")
    problems = _bank_with(tmp_path, cut.replace("You get a list", "Given numbers"))
    assert any("a coding question needs `solution`" in p for p in problems)


def test_the_shipped_bank_has_no_problems() -> None:
    bank = check_bank(DEFAULT_CONTENT_DIR)
    assert [str(p) for p in bank.problems] == []


def _applied(qid: str, category: str, title: str, prompt: str, answer: list[str]) -> str:
    points = "\n".join(f"      - {point}" for point in answer)
    return f"""  - id: {qid}
    category: {category}
    rounds: [ml_depth]
    difficulty: medium
    levels: [mle2]
    topic: made-up
    title: {title}
    prompt: {prompt}
    hints: [a first small nudge, an approach to take, the key insight]
    follow_ups: ["what would you do next?"]
    strong_answer:
{points}
"""


_CTR_PROMPT = "Our bids multiply a predicted click rate. How do you check what it means?"
_CALIBRATION = [
    "Plots a reliability diagram of predicted probability against observed click rate per bin.",
    "Fits Platt scaling or isotonic regression on held-out clicks, never on training data.",
    "Checks calibration separately for new advertisers and each placement over time.",
]
_CALIBRATION_AGAIN = [
    "Draws a reliability diagram of predicted probability versus the observed click rate by bin.",
    "Fits isotonic regression or Platt scaling on held-out clicks, not the training data.",
    "Checks calibration per placement and for new advertisers, and watches it over time.",
]
_CANARY = [
    "Sends a small share of traffic to the new model and compares error rates and latency.",
    "Defines automatic rollback triggers before the rollout starts.",
    "Widens the rollout in stages once guardrail metrics hold for a full day.",
]


def test_questions_whose_answers_cover_the_same_points_are_flagged(tmp_path: Path) -> None:
    problems = _bank_with(
        tmp_path,
        "questions:\n"
        + _applied(
            "zz-calibrate-ctr",
            "applied_ml",
            "Calibrating click probabilities",
            _CTR_PROMPT,
            _CALIBRATION,
        )
        + _applied(
            "zz-trust-ctr-scores",
            "deployment",
            "Can we trust the predicted click rate?",
            "An advertiser asks whether a score of 0.02 is a 2 % chance. How do you know?",
            _CALIBRATION_AGAIN,
        ),
    )
    assert any(
        p.startswith("content/questions/broken.yaml:")
        and "'zz-trust-ctr-scores' asks the same as 'zz-calibrate-ctr'" in p
        for p in problems
    )


def test_different_answers_or_unrelated_categories_are_not_flagged(tmp_path: Path) -> None:
    leadership = _applied(
        "zz-lp-calibration-story",
        "leadership",
        "A story about calibration",
        "Tell me about a time you found your model's probabilities were off. What did you do?",
        _CALIBRATION_AGAIN,
    ).replace(
        "    strong_answer:",
        "    principles: [ownership]\n"
        "    listen_for: [owns the fix end to end, checks the result]\n"
        "    red_flags: [blames the data team, no follow-up]\n"
        "    strong_answer:",
    )
    problems = _bank_with(
        tmp_path,
        "questions:\n"
        + _applied(
            "zz-calibrate-ctr",
            "applied_ml",
            "Calibrating click probabilities",
            _CTR_PROMPT,
            _CALIBRATION,
        )
        + _applied(
            "zz-canary",
            "deployment",
            "Rolling out a new model",
            "You have a new fraud model ready. How do you put it in front of live traffic safely?",
            _CANARY,
        )
        + leadership,
    )
    assert not [p for p in problems if "asks the same as" in p]


def _two_sum_copy(new_id: str, args: str) -> str:
    source = (TEST_CONTENT / "questions" / "coding-arrays-hashing.yaml").read_text()
    head = source.split("      tests:\n")[0]
    head = head.replace("id: two-sum", f"id: {new_id}").replace("title: Two Sum", "title: Pair")
    head = head.replace(
        "You get a list of integers `nums` and an integer `target`.",
        "Given the basket prices `nums` and a gift card worth `target`,",
    )
    strong = head[head.index("    strong_answer:") : head.index("    solution:")]
    head = head.replace(
        strong,
        "    strong_answer:\n"
        "      - Pays for exactly two items so the card is used up completely.\n"
        "      - Remembers every price seen so far in a dictionary keyed by price.\n"
        "      - Costs linear time and memory in the number of basket items.\n",
    )
    return (
        head
        + "      tests:\n"
        + "".join(f"        - {{args: {case}, expected: [0, 1]}}\n" for case in args.split(";"))
    )


def test_a_coding_question_with_the_same_entry_and_a_shared_case_is_flagged(
    tmp_path: Path,
) -> None:
    source = (TEST_CONTENT / "questions" / "coding-arrays-hashing.yaml").read_text()
    first_case = source.split("        - {args: ")[1].split(", expected:")[0]
    cases = ";".join([first_case, "[[5, 6], 11]", "[[7, 8], 15]", "[[1, 9], 10]", "[[2, 3], 5]"])
    problems = _bank_with(tmp_path, _two_sum_copy("gift-card-pair", cases))
    assert any(
        "'two-sum' asks the same as 'gift-card-pair'" in p
        and "same entry point 'two_sum' and 1 identical test input(s)" in p
        for p in problems
    )


def test_the_same_entry_with_no_shared_case_is_not_flagged(tmp_path: Path) -> None:
    cases = ";".join(["[[5, 6], 11]", "[[7, 8], 15]", "[[1, 9], 10]", "[[2, 3], 5]", "[[4, 4], 8]"])
    problems = _bank_with(tmp_path, _two_sum_copy("gift-card-pair", cases))
    assert not any("identical test input" in p for p in problems), problems


def test_a_question_without_three_graduated_hints_is_flagged(tmp_path: Path) -> None:
    problems = _bank_with(
        tmp_path,
        """questions:
  - id: applied-two-hints
    category: applied_ml
    rounds: [ml_depth]
    difficulty: easy
    levels: [mle1]
    topic: evaluation
    title: Two hints only
    prompt: How would you pick a metric for a fraud model whose positives are rare?
    hints: [think about the base rate first, compare ranking and threshold metrics]
    follow_ups: ["what would you report weekly?"]
    strong_answer: [names precision and recall, uses PR AUC, ties the threshold to cost]
""",
    )
    assert any(
        p.startswith("content/questions/broken.yaml:2:")
        and "'applied-two-hints' has 2 hints; give exactly 3" in p
        for p in problems
    )


# Sprint templates: shares by focus and every day's candidate pool.

_LP_SUBJECTS = ["a pricing", "an onboarding", "a search", "a forecasting", "a labelling", "a fraud"]


def _lp_questions(levels: str = "[mle2, senior]") -> str:
    """Six leadership questions of the bar_raiser round, topic `vision`, on different subjects."""
    items = []
    for n, subject in enumerate(_LP_SUBJECTS):
        items.append(
            f"""  - id: zz-lp-{n}
    category: leadership
    rounds: [bar_raiser]
    difficulty: medium
    levels: {levels if n % 2 else "[mle1]"}
    topic: vision
    title: Long view on {subject} project number {n}
    prompt: Tell me about {subject} project {n} where you set a direction others followed.
    hints: [pick the story where the choice was yours]
    follow_ups: ["what would you change about step {n}?"]
    principles: [ownership]
    listen_for: [names the trade-off {n}, shows the outcome {n}]
    red_flags: [only talks about the team {n}, no result {n}]
    strong_answer: [subject {subject} {n} first, measure {n} second, lesson {n} third]
"""
        )
    return "questions:\n" + "".join(items)


def _template_problems(tmp_path: Path, days: str, questions: str | None = None) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    shutil.rmtree(root / "sprints")
    (root / "sprints").mkdir()
    (root / "questions" / "lp.yaml").write_text(questions or _lp_questions(), encoding="utf-8")
    template = (
        "id: tiny\nname: Tiny plan\ndescription: A made-up plan for tests.\n"
        "weeks:\n  - theme: One made-up week\n    days:\n" + days
    )
    (root / "sprints" / "tiny.yaml").write_text(template, encoding="utf-8")
    return [str(p) for p in check_bank(root).problems if str(p).startswith("content/sprints/")]


def test_lp_share_counts_leadership_focus_days_not_story_prompts(tmp_path: Path) -> None:
    days = (
        "      mon: {focus: coding, story_prompt: ownership}\n"
        "      tue: {focus: coding, story_prompt: ownership}\n"
        "      wed: {focus: coding, story_prompt: ownership}\n"
        "      thu: {focus: leadership}\n"
        "      fri: {focus: applied_ml, story_prompt: ownership}\n"
    )
    problems = _template_problems(tmp_path, days)
    assert any(
        p.startswith("content/sprints/tiny.yaml:1: leadership (LP) focus days are 20%")
        for p in problems
    ), problems
    assert not any("coding days are" in p for p in problems)


def test_coding_below_forty_percent_is_flagged(tmp_path: Path) -> None:
    days = (
        "      mon: {focus: coding}\n"
        "      tue: {focus: leadership}\n"
        "      wed: {focus: leadership}\n"
        "      thu: {focus: applied_ml}\n"
    )
    problems = _template_problems(tmp_path, days)
    assert any("coding days are 25% of the plan; want 40%+" in p for p in problems), problems
    assert not any("LP" in p for p in problems)


def test_a_day_whose_filter_leaves_under_five_questions_is_reported_at_its_line(
    tmp_path: Path,
) -> None:
    days = (
        "      mon: {focus: leadership, round: bar_raiser, topic: vision}\n"  # line 7: 6 match
        "      tue: {focus: leadership, level: senior}\n"  # line 8: 3 made-up + test bank's 1
        "      wed: {focus: coding, difficulty: easy}\n"  # line 9: the test bank's two-sum
        "      thu: {focus: leadership, round: phone_screen}\n"  # line 10: none
    )
    problems = _template_problems(tmp_path, days)
    pools = [p for p in problems if "want 5+" in p]
    assert [p.split(": only")[0] for p in pools] == [
        "content/sprints/tiny.yaml:8: week 1 tue",
        "content/sprints/tiny.yaml:9: week 1 wed",
        "content/sprints/tiny.yaml:10: week 1 thu",
    ], problems
    assert "only 4 question(s) match {category: leadership, level: senior}" in pools[0]
    assert "only 0 question(s) match {category: leadership, round: phone_screen}" in pools[2]


def test_a_plan_meeting_the_shares_is_only_held_to_its_pools(tmp_path: Path) -> None:
    days = (
        "      mon: {focus: leadership, topic: vision, mock_round: bar_raiser}\n"
        "      tue: {focus: coding}\n"
    )
    problems = _template_problems(tmp_path, days)
    assert len(problems) == 1, problems  # the test bank has a single coding question
    assert problems[0].startswith("content/sprints/tiny.yaml:8: week 1 tue: only 1 question(s)")


def test_a_day_plan_topic_must_be_kebab_case_and_level_known(tmp_path: Path) -> None:
    days = "      mon: {focus: leadership, topic: Vision Days, level: intern}\n"
    problems = _template_problems(tmp_path, days)
    assert any(
        p.startswith("content/sprints/tiny.yaml:7: template.weeks.0.days.mon.topic")
        for p in problems
    ), problems
    assert any("days.mon.level" in p for p in problems)


def test_the_shipped_templates_meet_the_shares_and_have_a_bar_raiser_mock_mid_plan_and_last() -> (
    None
):
    from bot.content import day_pool, load_bank, template_shares

    bank = load_bank(DEFAULT_CONTENT_DIR)
    assert set(bank.templates) >= {"mle-4-week", "mle-6-week"}
    for template in bank.templates.values():
        shares = template_shares(template)
        assert shares["leadership"] >= 0.3 and shares["coding"] >= 0.4
        bar_raiser_weeks = [
            n
            for n, week in enumerate(template.weeks)
            if any(p.mock_round == "bar_raiser" for p in week.days.values())
        ]
        last = len(template.weeks) - 1
        assert last in bar_raiser_weeks
        assert any(0 < n < last for n in bar_raiser_weeks), template.id
        for week in template.weeks:
            for plan in week.days.values():
                assert len(day_pool(bank, plan)) >= 5


def test_a_leadership_question_without_level_anchors_is_flagged(tmp_path: Path) -> None:
    problems = _bank_with(
        tmp_path,
        """questions:
  - id: lp-no-anchors
    category: leadership
    rounds: [bar_raiser]
    difficulty: medium
    levels: [mle2]
    topic: ownership
    title: No anchors given
    prompt: Tell me about a time you owned something nobody else wanted to touch.
    hints: [pick a story you led, spend most time on the Action, show the lasting fix]
    follow_ups: ["what would you change?"]
    strong_answer: [names the problem, uses I not we, has a measurable result]
    principles: [ownership]
    listen_for: [acts for the long term, takes responsibility]
    red_flags: [blames other teams, no outcome]
""",
    )
    assert any(
        p.startswith("content/questions/broken.yaml:2:") and "needs `level_anchors`" in p
        for p in problems
    )
