"""Run untrusted Python (content's reference solutions) in a locked-down child interpreter.

The child gets an empty environment (no tokens, no CI secrets), `python -I -B` (no
PYTHON* variables, no user site, no script folder on sys.path, no .pyc writes), a fresh
temporary working folder, a wall-clock timeout, and before any untrusted line runs:

- resource limits: CPU seconds, address space, file size, open files, no core dumps, and no
  new processes (RLIMIT_NPROC; the kernel does not apply it to root);
- an audit hook (PEP 578) that refuses starting processes, sockets, ctypes, raising the
  limits again, opening files for writing and reading /proc of other processes (the
  parent's /proc/PID/environ would hand back every secret) — which also holds for root.

The limits are set by the child itself, first thing, rather than in a preexec_fn: the
solutions run from several threads at once, and a preexec_fn is not safe with threads.
Where `unshare -rn` works (Linux with user namespaces) the child also runs in a network
namespace of its own with no interfaces; elsewhere the audit hook is the only network guard.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

MEMORY_BYTES = 512 * 1024 * 1024
FILE_BYTES = 1024 * 1024
OPEN_FILES = 64

# Runs in the child before the untrusted code; %(limits)r is filled in by `_prelude`.
_PRELUDE = r"""
import os, resource, sys
for _name, _value in %(limits)r:
    try:
        resource.setrlimit(getattr(resource, _name), (_value, _value))
    except (ValueError, OSError):  # a limit this platform will not take (macOS and RLIMIT_AS)
        pass
del _name, _value

_REFUSED = frozenset({
    "os.fork", "os.forkpty", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
    "os.kill", "os.killpg", "os.putenv", "os.unsetenv", "subprocess.Popen",
    "pty.spawn", "resource.setrlimit", "resource.prlimit", "sys.addaudithook",
    "sys.setprofile", "sys.settrace", "ctypes.dlopen", "ctypes.dlsym", "webbrowser.open",
})
_REFUSED_PREFIXES = ("socket.", "ctypes.", "_posixsubprocess.", "os.posix_spawn", "winreg.")
_REFUSED_MODULES = frozenset({"ctypes", "_ctypes", "_posixsubprocess", "cffi"})
_WRITING = 0o1 | 0o2 | 0o100 | 0o1000  # O_WRONLY | O_RDWR | O_CREAT | O_TRUNC

def _refuse(event, args):
    if event in _REFUSED or event.startswith(_REFUSED_PREFIXES):
        raise PermissionError(f"{event} is not allowed in a solution")
    if event == "import" and args[0] in _REFUSED_MODULES:
        raise PermissionError(f"importing {args[0]} is not allowed in a solution")
    if event == "open" and _writes(args[1], args[2]):
        raise PermissionError("writing files is not allowed in a solution")
    if event == "open" and _other_process(args[0]):
        raise PermissionError("reading other processes is not allowed in a solution")

_OWN = f"/proc/{os.getpid()}/"

def _other_process(path):
    # /proc/<parent>/environ holds the checker's secrets, readable by the same user.
    if isinstance(path, int):
        return False
    real = os.path.realpath(os.fsdecode(path))
    return real.startswith(("/proc/", "/sys/")) and not real.startswith(_OWN)

def _writes(mode, flags):
    if isinstance(mode, str):
        return any(letter in mode for letter in "wax+")
    return isinstance(flags, int) and bool(flags & _WRITING)

sys.addaudithook(_refuse)
"""


@dataclass(frozen=True)
class Ran:
    """What a boxed run produced; `timed_out` when the wall clock ran out first."""

    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def run_boxed(program: str, stdin: str, *, time_limit: float) -> Ran:
    """Run `program` (Python source) in the box, feeding it `stdin`."""
    limits = [
        ("RLIMIT_CPU", max(1, int(time_limit) + 1)),
        ("RLIMIT_AS", MEMORY_BYTES),
        ("RLIMIT_FSIZE", FILE_BYTES),
        ("RLIMIT_NOFILE", OPEN_FILES),
        ("RLIMIT_CORE", 0),
        ("RLIMIT_NPROC", 0),
    ]
    command = [*network_isolation(), sys.executable, "-I", "-B", "-c", _prelude(limits) + program]
    with tempfile.TemporaryDirectory(prefix="preploop-solution-") as folder:
        try:
            done = subprocess.run(  # noqa: S603 - our interpreter, our harness, no shell
                command,
                input=stdin,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=time_limit,
                check=False,
                env={},
                cwd=folder,
            )
        except subprocess.TimeoutExpired:
            return Ran(returncode=-1, stdout="", stderr="", timed_out=True)
    return Ran(done.returncode, done.stdout, done.stderr)


def _prelude(limits: list[tuple[str, int]]) -> str:
    # RLIMIT_NPROC is missing on some platforms: set only the limits this Python knows.
    import resource

    known = [(name, value) for name, value in limits if hasattr(resource, name)]
    return _PRELUDE % {"limits": known}


@functools.cache
def network_isolation() -> tuple[str, ...]:
    """`unshare -rn` (a new user and network namespace) when it works here, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return ()
    command = (unshare, "--map-root-user", "--net")
    try:
        probe = subprocess.run(  # noqa: S603 - a fixed command
            [*command, sys.executable, "-I", "-c", "pass"],
            capture_output=True,
            timeout=10,
            check=False,
            env={},
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return command if probe.returncode == 0 else ()
