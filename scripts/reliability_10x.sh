#!/usr/bin/env bash
# Run the three-process week (tests/reliability/test_processes.py) several times in a row and
# count the rounds that pass. Slow and CPU-heavy (about a minute a round): not part of CI.
#
#   scripts/reliability_10x.sh [ROUNDS]     ROUNDS defaults to 10
#   STOP_AT=08:25 scripts/reliability_10x.sh   start no round after 08:25 UTC
#   ROUND_TIMEOUT=600 (seconds a round may take), PYTHON=.venv/bin/python
#   PREPLOOP_WEEK_SLOWER=3 (the default) runs the simulated week three times slower (a real second is 4
#   simulated hours instead of 12): on a machine busy with other work the processes can
#   otherwise be starved for a whole simulated day, and a post misses its day.
#
# Each round's pytest output (with the week's printed figures and any error the processes
# logged) and the processes' own logs (round-N/week0/process-*.jsonl: every delivery, claim,
# record, member action and logged error with its traceback) are kept in a temporary folder,
# named at the end. Exits 0 only when every round passed.
set -u
cd "$(dirname "$0")/.."
rounds="${1:-10}"
python="${PYTHON:-.venv/bin/python}"
logs="$(mktemp -d -t preploop-reliability.XXXXXX)"
passed=0
failed=0
for n in $(seq 1 "$rounds"); do
    if [ -n "${STOP_AT:-}" ] && [[ "$(date -u +%H:%M)" > "$STOP_AT" ]]; then
        echo "stopping: it is past $STOP_AT UTC"
        break
    fi
    started=$(date +%s)
    log="$logs/round-$n.txt"
    if timeout "${ROUND_TIMEOUT:-600}" "$python" -m pytest -q -s -p no:cacheprovider \
        --basetemp "$logs/round-$n" tests/reliability/test_processes.py >"$log" 2>&1; then
        passed=$((passed + 1))
        verdict="pass"
    else
        failed=$((failed + 1))
        verdict="FAIL"
    fi
    echo "round $n: $verdict in $(($(date +%s) - started)) s: $(tail -n 1 "$log")"
done
echo "three-process week (PREPLOOP_WEEK_SLOWER=${PREPLOOP_WEEK_SLOWER:-3}, load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "three-process week: $passed passed, $failed failed of $((passed + failed)) rounds (logs: $logs)"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
