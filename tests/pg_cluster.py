"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, pg_ctl start.

It needs the server binaries (Debian: `apt-get install postgresql`); `find_bin_dir` returns None
without them and the tests that need PostgreSQL are skipped. initdb refuses to run as root, so
as root the cluster is created and run by the `postgres` system user (the Debian package makes
it) through runuser. The server trades durability for speed (fsync off): it lives for one
test session.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

SERVER_USER = "postgres"
NOT_INSTALLED = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found; install them to run the "
    "postgresql variants (Debian: apt-get install postgresql)"
)
FAST_UNSAFE = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=400 -c shared_buffers=64MB"
)


def missing() -> str | None:
    """Say why no cluster can be started here, or None when one can."""
    if find_bin_dir() is None:
        return NOT_INSTALLED
    if os.geteuid() == 0 and not _user_exists(SERVER_USER):
        return f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL as"
    return None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def find_bin_dir() -> Path | None:
    """Return the folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(debian[-1]).parent if debian else None


def _version(path: str) -> tuple[int, ...]:
    digits = Path(path).parts[-3]
    return tuple(int(part) for part in digits.split(".") if part.isdigit())


@dataclass
class Cluster:
    """A running server on 127.0.0.1; `postgres` may do anything, without a password."""

    bin_dir: Path
    root: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements: str) -> None:
        """Run statements one by one outside a transaction (CREATE/DROP DATABASE need that)."""
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
        engine.dispose()

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        _run(self, "pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(bin_dir: Path) -> Cluster:
    """Create a cluster in a new temporary folder and start it on a free local port."""
    root = Path(tempfile.mkdtemp(prefix="preploop-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SERVER_USER)
        os.chown(root, owner.pw_uid, owner.pw_gid)
    cluster = Cluster(bin_dir, root, 0)
    _run(
        cluster,
        "initdb",
        "-D",
        str(cluster.data_dir),
        "-U",
        SERVER_USER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync",
    )
    for _ in range(5):  # another program may take the free port before the server does
        cluster.port = _free_port()
        options = f"-p {cluster.port} -c listen_addresses=127.0.0.1 -k {root} {FAST_UNSAFE}"
        started = _run(
            cluster,
            "pg_ctl",
            "-D",
            str(cluster.data_dir),
            "-l",
            str(root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
            check=False,
        )
        if started.returncode == 0:
            return cluster
    log = (root / "server.log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"PostgreSQL did not start:\n{started.stdout}\n{started.stderr}\n{log}")


def _run(
    cluster: Cluster, program: str, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    command = [str(cluster.bin_dir / program), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=check, cwd=cluster.root)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
