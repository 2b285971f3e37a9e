"""Benchmarks. They drive members faster than any person, so the per-member rate limit is off
here unless RATE_LIMIT_PER_MINUTE is set (benchmarks.rate_limit_bench times it on)."""

import os

os.environ.setdefault("RATE_LIMIT_PER_MINUTE", "0")
