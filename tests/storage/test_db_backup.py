"""`preploop db backup`: a consistent copy of the live SQLite file, restored by copying it back."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.bootstrap import prepare
from bot.cli import main
from bot.config import Settings
from bot.core.cards import plain
from bot.storage.engine import make_engine
from bot.storage.tables import Community
from bot.storage.uow import UnitOfWork
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock
from tests.storage.db_rows import answer


def _settings(url: str) -> Settings:
    return Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None)  # type: ignore[call-arg]


class Writer(threading.Thread):
    """Another connection committing numbered rows, one per transaction, until told to stop."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.engine = make_engine(url)
        self.committed = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            with UnitOfWork(self.engine) as uow:
                uow.session.add(Community(platform="writer", external_id=str(self.committed + 1)))
            self.committed += 1

    def wait_for(self, rows: int) -> None:
        while self.committed < rows:
            self.stop.wait(0.005)


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'data' / 'preploop.db'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_a_backup_taken_while_another_connection_writes_restores_with_every_row(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    hub = prepare(_settings(live), clock)
    answer(hub, "u1", "Sort, then two pointers from both ends.")
    writer = Writer(live)
    writer.start()
    try:
        writer.wait_for(20)
        assert main(["db", "backup", str(tmp_path / "backups" / "monday.db")]) == 0
        at_backup = writer.committed
        writer.wait_for(at_backup + 20)  # the bot kept writing after the backup
    finally:
        writer.stop.set()
        writer.join()
    assert "Backed up" in capsys.readouterr().out

    restored = tmp_path / "restored" / "preploop.db"  # stop the bot, copy the file back
    restored.parent.mkdir()
    shutil.copy(tmp_path / "backups" / "monday.db", restored)
    back = prepare(_settings(f"sqlite:///{restored}"), clock)
    with Session(back.engine) as session:
        numbers = session.exec(
            select(Community.external_id).where(Community.platform == "writer")
        ).all()
    numbered = sorted(int(n) for n in numbers)
    assert numbered == list(range(1, len(numbered) + 1))  # a snapshot: no gaps, nothing torn
    assert 20 <= len(numbered) <= at_backup + 1 < writer.committed
    shown = back.command_text(actor("u1"), "profile", "")
    fields = {plain(f.name): plain(f.value) for f in shown.messages[0].card.fields}
    assert fields["Points"] == "10 (rank #1)"
    assert fields["Answers"] == "1"


def test_the_backup_file_stands_alone_without_a_wal_file(live: str, tmp_path: Path) -> None:
    prepare(_settings(live), FakeClock())
    main(["db", "backup", str(tmp_path / "b.db")])
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("b.db")) == ["b.db"]
    with make_engine(f"sqlite:///{tmp_path / 'b.db'}").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_backup_never_overwrites_a_file(live: str, tmp_path: Path) -> None:
    prepare(_settings(live), FakeClock())
    (tmp_path / "taken.db").write_text("precious")
    with pytest.raises(SystemExit) as refused:
        main(["db", "backup", str(tmp_path / "taken.db")])
    assert str(refused.value) == f"{tmp_path / 'taken.db'} already exists; choose a new file name."
    assert (tmp_path / "taken.db").read_text() == "precious"


def test_backing_up_postgresql_is_refused_with_the_tool_to_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql://preploop:secret@db:5432/preploop")
    with pytest.raises(SystemExit) as refused:
        main(["db", "backup", str(tmp_path / "b.db")])
    message = str(refused.value)
    assert message.startswith(
        "`preploop db backup` copies SQLite databases; DATABASE_URL names a postgresql database."
    )
    assert "pg_dump --format=custom" in message
    assert not (tmp_path / "b.db").exists()


def test_backing_up_a_missing_database_says_where_it_looked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nothing.db'}")
    with pytest.raises(SystemExit) as refused:
        main(["db", "backup", str(tmp_path / "b.db")])
    assert str(refused.value) == f"There is no database at {tmp_path / 'nothing.db'}."
