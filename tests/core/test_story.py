"""The automatic story check, without a database."""

from __future__ import annotations

import pytest

from bot.core.story import (
    PrincipleInfo,
    Star,
    check_story,
    cue_hits,
    is_measurable,
    is_missing,
    speaking_seconds,
    unfinished,
    we_and_i,
)
from bot.features.story.principles import principles

OWNERSHIP = PrincipleInfo(
    "ownership",
    "Ownership",
    cues=("took ownership", "i owned", "runbook", "postmortem", "followed through"),
    probes=("Whether the candidate took on something outside their formal scope.",),
)


def _words(count: int, word: str = "detail") -> str:
    return " ".join([word] * count)


def good_star() -> Star:
    """A story with every part, "I" in the Action, a number in the Result, about 2:30 long."""
    return Star(
        situation="Our nightly training pipeline failed twice a week. " + _words(30),
        task="I had to make it reliable before the holiday launch. " + _words(15),
        action="I took ownership of the scheduler and wrote a runbook. " + _words(200, "I"),
        result="Failures fell from 8 a month to 0, saving 20 hours a week. " + _words(60),
    )


def _codes(star: Star, principles: tuple[PrincipleInfo, ...] = (OWNERSHIP,)) -> set[str]:
    return {f.code for f in check_story(star, principles).findings}


def test_a_complete_specific_story_gets_no_findings() -> None:
    assert _codes(good_star()) == set()


@pytest.mark.parametrize("part", ["situation", "task", "action", "result"])
def test_an_empty_part_is_reported_missing_with_a_suggestion(part: str) -> None:
    star = Star(**{**good_star().__dict__, part: ""})
    finding = next(f for f in check_story(star, ()).findings if f.code == f"missing-{part}")
    assert finding.message == f"The {part.title()} is missing."
    assert len(finding.suggestion) > 40


@pytest.mark.parametrize("placeholder", ["-", "TBD", "n/a", "  ...  ", "?"])
def test_a_placeholder_counts_as_missing(placeholder: str) -> None:
    assert is_missing(placeholder)


def test_a_thin_part_says_how_many_words_it_has() -> None:
    star = Star(**{**good_star().__dict__, "task": "Fix it."})
    finding = next(f for f in check_story(star, ()).findings if f.code == "thin-task")
    assert finding.message == "The Task is thin (2 words)."


def test_a_situation_longer_than_the_action_is_flagged() -> None:
    star = Star(**{**good_star().__dict__, "situation": _words(260)})
    finding = next(f for f in check_story(star, ()).findings if f.code == "long-situation")
    assert "interviewers score the Action most" in finding.suggestion


def test_we_outweighing_i_in_the_action_quotes_the_first_we_sentence() -> None:
    action = "First I looked at the logs. Then we rebuilt the pipeline. We shipped it. " + _words(
        40
    )
    star = Star(**{**good_star().__dict__, "action": action})
    finding = next(f for f in check_story(star, ()).findings if f.code == "we-over-i")
    assert finding.message == 'The Action says "we" twice and "I" once.'
    assert finding.quote == "Then we rebuilt the pipeline."
    assert '"I"' in finding.suggestion


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("We did it; our team and us.", (3, 0)),
        ("I did it myself, my way; we're done.", (1, 3)),
        ("I’m sure we’ve won.", (1, 1)),
    ],
)
def test_we_and_i_are_counted_as_whole_words(text: str, counts: tuple[int, int]) -> None:
    assert we_and_i(text) == counts


@pytest.mark.parametrize(
    ("result", "measured"),
    [
        ("Latency fell from 800 ms to 200 ms.", True),
        ("We saved $12k.", True),
        ("Errors dropped by 30 %.", True),
        ("Throughput doubled.", True),
        ("It took two weeks instead of a quarter.", True),
        ("The team was much happier and the launch went well.", False),
    ],
)
def test_a_result_is_measurable_with_numbers_money_percentages_or_time(
    result: str, measured: bool
) -> None:
    assert is_measurable(result) is measured


def test_an_unmeasured_result_gets_an_example_of_a_number() -> None:
    star = Star(**{**good_star().__dict__, "result": "It went well and everyone was happy. " * 4})
    finding = next(f for f in check_story(star, ()).findings if f.code == "unmeasured-result")
    assert finding.message == "The Result has no measurable outcome."
    assert "cut p99 latency from 800 ms to 200 ms" in finding.suggestion


@pytest.mark.parametrize(("words", "seconds"), [(140, 60), (350, 150), (0, 0)])
def test_speaking_time_is_estimated_at_140_words_a_minute(words: int, seconds: int) -> None:
    assert speaking_seconds(words) == seconds


def test_a_short_story_is_told_how_many_words_to_add() -> None:
    star = Star(
        situation=_words(20),
        task=_words(12),
        action="I owned it. " + _words(45, "I"),
        result="Saved 5 hours. " + _words(20),
    )
    report = check_story(star, (OWNERSHIP,))
    finding = next(f for f in report.findings if f.code == "short")
    assert (
        finding.message == f"It takes about {report.speaking_time()} to tell; aim for 2–3 minutes."
    )
    assert finding.suggestion.startswith("Add about ")


def test_a_long_story_is_told_how_many_words_to_cut() -> None:
    star = Star(**{**good_star().__dict__, "action": "I owned it. " + _words(600, "I")})
    finding = next(f for f in check_story(star, ()).findings if f.code == "long")
    assert finding.suggestion.startswith("Cut about ")
    assert "Interviewers interrupt long stories." in finding.suggestion


def test_a_principle_with_no_cue_in_action_or_result_is_not_evident() -> None:
    star = Star(**{**good_star().__dict__, "action": _words(200, "I")})
    report = check_story(star, (OWNERSHIP,))
    finding = next(f for f in report.findings if f.code == "fit-ownership")
    assert finding.message == "Ownership is not evident in the Action or the Result."
    assert '"took ownership"' in finding.suggestion
    assert "Interviewers probe: Whether the candidate" in finding.suggestion
    assert report.cue_hits["ownership"] == ()


def test_cues_are_matched_in_the_action_and_result_only_ignoring_case() -> None:
    star = Star(situation="I owned nothing here", action="I Took Ownership.", result="A POSTMORTEM")
    assert cue_hits(star, OWNERSHIP) == ("took ownership", "postmortem")


DIVE_DEEP = PrincipleInfo("dive-deep", "Dive Deep", cues=("logs", "root cause", "traced"))
LEARN = PrincipleInfo("learn", "Learn and Be Curious", cues=("learned", "took a course"))
SCALE = PrincipleInfo("scale", "Success and Scale", cues=("harm", "bias"))
THINK_BIG = PrincipleInfo("think-big", "Think Big", cues=("on-call", "trade-off", "long-term"))


@pytest.mark.parametrize(
    ("text", "principle"),
    [
        ("I updated the product catalogs.", DIVE_DEEP),
        ("I visited the pharmacy to collect the order.", SCALE),
        ("Of course I finished the slides.", LEARN),
        ("I unlearned nothing and biasedly guessed.", LEARN),
        ("I sent the rootcause report.", DIVE_DEEP),
        ("I called a long meeting about the term sheet.", THINK_BIG),
    ],
)
def test_a_cue_inside_another_word_does_not_match(text: str, principle: PrincipleInfo) -> None:
    assert cue_hits(Star(action=text), principle) == ()


@pytest.mark.parametrize(
    ("text", "principle", "expected"),
    [
        ("I read the logs.", DIVE_DEEP, ("logs",)),
        ("I read every log line.", DIVE_DEEP, ("logs",)),
        ("I traced the root causes.", DIVE_DEEP, ("root cause", "traced")),
        ("I trace it back every week.", DIVE_DEEP, ("traced",)),
        ("I'm learning Rust and took a course.", LEARN, ("learned", "took a course")),
        ("It harmed nobody and we removed the biases.", SCALE, ("harm", "bias")),
        ("I joined the on call rotation; the trade off was long term.", THINK_BIG, None),
    ],
)
def test_a_cue_matches_as_whole_words_in_any_simple_form(
    text: str, principle: PrincipleInfo, expected: tuple[str, ...] | None
) -> None:
    assert cue_hits(Star(result=text), principle) == (expected or principle.cues)


def test_a_sentence_with_no_behaviour_matches_no_principle() -> None:
    sentence = "Of course the catalogs at the pharmacy were relogged for the courseware."
    star = Star(action=sentence, result=sentence)
    hits = {p.id: cue_hits(star, p) for p in principles().values()}
    assert {pid: found for pid, found in hits.items() if found} == {}


@pytest.mark.parametrize(("task", "shown"), [("Fix", "(1 word)"), ("Fix it", "(2 words)")])
def test_a_thin_part_counts_its_words_in_plain_english(task: str, shown: str) -> None:
    star = Star(**{**good_star().__dict__, "task": task})
    finding = next(f for f in check_story(star, ()).findings if f.code == "thin-task")
    assert finding.message == f"The Task is thin {shown}."


def test_a_principle_without_cues_is_not_judged() -> None:
    bare = PrincipleInfo("ownership", "Ownership")
    assert not any(f.code.startswith("fit-") for f in check_story(Star(), (bare,)).findings)


def test_a_story_is_complete_only_with_all_four_parts() -> None:
    assert good_star().complete()
    assert not Star(situation="x" * 50, task="y", action="z", result="TBD").complete()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ()),
        ({"result": ""}, ("the Result missing",)),
        ({"task": "Fix it", "result": "TBD"}, ("the Task thin", "the Result missing")),
    ],
)
def test_the_parts_that_keep_a_story_from_complete_are_named(
    changes: dict[str, str], expected: tuple[str, ...]
) -> None:
    star = Star(**{**good_star().__dict__, **changes})
    assert unfinished(check_story(star, (OWNERSHIP,))) == expected
