"""The shipped bank: its size by category and principle, and the guide's sample problems."""

from __future__ import annotations

from bot.content import DEFAULT_CONTENT_DIR, load_bank


def test_the_shipped_bank_meets_its_minimums() -> None:
    bank = load_bank(DEFAULT_CONTENT_DIR)
    by_category: dict[str, int] = {}
    for question in bank.questions.values():
        by_category[question.category] = by_category.get(question.category, 0) + 1
    assert len(bank.questions) >= 300
    assert by_category["coding"] >= 100
    assert by_category["ml_system_design"] >= 40
    assert by_category["applied_ml"] >= 50
    assert by_category["deployment"] >= 30
    assert by_category["leadership"] >= 80
    assert len(bank.principles) == 16
    per_principle = dict.fromkeys(bank.principles, 0)
    for question in bank.questions.values():
        for pid in question.principles:
            per_principle[pid] += 1
    assert min(per_principle.values()) >= 7  # issue 18: every principle at least 7


def test_the_guides_sample_problems_are_in_the_bank_with_their_signatures() -> None:
    bank = load_bank(DEFAULT_CONTENT_DIR)
    signatures = {
        "two-sum": "two_sum(nums: list[int], target: int) -> list[int]",
        "lru-cache": "LRUCache(capacity: int)",
        "num-islands": "num_islands(grid: list[list[str]]) -> int",
        "word-break": "word_break(s: str, word_dict: list[str]) -> bool",
    }
    for qid, signature in signatures.items():
        solution = bank.questions[qid].solution
        assert solution is not None and signature in solution.signature
    for qid in (
        "design-product-page-recommendations",
        "design-payments-fraud-detection",
        "deploy-batch-vs-realtime-ranking",
        "deploy-diagnose-model-drift",
        "ml-depth-delivery-time-prediction",
        "lp-simplified-a-complex-system",
    ):
        assert qid in bank.questions
