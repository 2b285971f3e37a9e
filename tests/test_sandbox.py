"""The box untrusted solution code runs in: no environment, limits, a temp folder, no network."""

from __future__ import annotations

import json
import os
import resource
import sys

import pytest

from bot import sandbox
from bot.sandbox import FILE_BYTES, MEMORY_BYTES, network_isolation, run_boxed

REPORT = """
import json, os, resource
print(json.dumps({
    "env": sorted(os.environ),
    "cwd": os.getcwd(),
    "files": os.listdir("."),
    "memory": resource.getrlimit(resource.RLIMIT_AS)[0],
    "file_size": resource.getrlimit(resource.RLIMIT_FSIZE)[0],
    "processes": resource.getrlimit(resource.RLIMIT_NPROC)[0],
    "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
}))
"""


def test_the_child_runs_with_no_environment_and_limits_in_an_empty_temp_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-for-solutions")
    ran = run_boxed(REPORT, "", time_limit=5.0)
    assert ran.returncode == 0, ran.stderr
    seen = json.loads(ran.stdout)
    assert set(seen["env"]) <= {"LC_CTYPE"}  # Python's own locale coercion, nothing inherited
    assert seen["cwd"] != os.getcwd() and seen["files"] == []
    assert (seen["memory"], seen["file_size"], seen["processes"]) == (MEMORY_BYTES, FILE_BYTES, 0)
    assert seen["cpu"] == 6


def test_the_child_cannot_raise_its_limits_again() -> None:
    ran = run_boxed(
        "import resource\nresource.setrlimit(resource.RLIMIT_AS, (-1, -1))", "", time_limit=5.0
    )
    assert ran.returncode != 0
    assert "resource.setrlimit is not allowed" in ran.stderr


def test_the_child_stops_at_the_wall_clock() -> None:
    ran = run_boxed("while True:\n    pass\n", "", time_limit=1.0)
    assert ran.timed_out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")
def test_the_child_has_no_network_interfaces_where_unshare_works() -> None:
    if not network_isolation():
        pytest.skip("unshare -rn is not permitted here; the audit hook alone guards the network")
    ran = run_boxed("import sys\nprint(open('/proc/net/dev').read())", "", time_limit=5.0)
    interfaces = [line.split(":")[0].strip() for line in ran.stdout.splitlines()[2:] if line]
    assert interfaces == ["lo"]


def test_the_parent_keeps_its_own_limits() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    run_boxed("pass", "", time_limit=5.0)
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_the_parents_environment_cannot_be_read_through_proc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PREPLOOP_FAKE_SECRET", "s3cret-value")
    monkeypatch.setattr(sandbox, "network_isolation", lambda: ())  # as where unshare is refused
    for path in ("f'/proc/{os.getppid()}/environ'", "'/proc/1/environ'"):
        ran = run_boxed(f"import os\nprint(open({path}).read())", "", time_limit=5.0)
        assert "s3cret-value" not in ran.stdout
        assert "reading other processes is not allowed" in ran.stderr
    own = run_boxed("print(len(open('/proc/self/status').read()) > 0)", "", time_limit=5.0)
    assert own.stdout.strip() == "True"
