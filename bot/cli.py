"""The `preploop` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli_community import add_commands as add_community_commands
from bot.config import Settings
from bot.content import DEFAULT_CONTENT_DIR, Bank, Question, check_bank
from bot.core.vocabulary import CATEGORIES
from bot.similarity import SAME_QUESTION_THRESHOLD, scored_pairs

if TYPE_CHECKING:
    from sqlalchemy.exc import InterfaceError, OperationalError

    from bot.app.hub import Hub


def _content_check(args: argparse.Namespace) -> int:
    bank = check_bank(Path(args.content))
    problems = list(bank.problems)
    if args.run_solutions:
        from bot.solutions import check_solutions

        problems.extend(check_solutions(bank))
    for problem in problems:
        print(problem)
    counts = f"{len(bank.questions)} questions, {len(bank.principles)} principles, "
    counts += f"{len(bank.templates)} sprint templates"
    if problems:
        print(f"{len(problems)} problem(s) in {counts}.", file=sys.stderr)
        return 1
    print(f"OK: {counts}.")
    return 0


def _content_stats(args: argparse.Namespace) -> int:
    bank = check_bank(Path(args.content))
    print(render_stats(bank))
    return 0


def render_stats(bank: Bank) -> str:
    """Count the bank's questions by category, round, difficulty, level, principle and topic."""
    questions = list(bank.questions.values())
    tables: dict[str, Counter[str]] = {
        "category": Counter(q.category for q in questions),
        "round": Counter(r for q in questions for r in q.rounds),
        "difficulty": Counter(q.difficulty for q in questions),
        "level": Counter(level for q in questions for level in q.levels),
        "principle": Counter(p for q in questions for p in q.principles),
    }
    for category in CATEGORIES:
        tables[f"topic ({category})"] = Counter(
            q.topic for q in questions if q.category == category
        )
    lines = [f"{len(questions)} questions"]
    for title, counter in tables.items():
        lines.append(f"\nby {title}:")
        lines.extend(f"  {name:<45} {count:>4}" for name, count in sorted(counter.items()))
    missing = sorted(set(bank.principles) - set(tables["principle"]))
    if missing:
        lines.append(f"\nprinciples with no question: {', '.join(missing)}")
    lines.extend(_closest_pairs(questions))
    return "\n".join(lines)


def _closest_pairs(questions: list[Question], count: int = 10) -> list[str]:
    """The most alike pairs with their scores, to show the margin below the reporting line."""
    line = f"reported at {SAME_QUESTION_THRESHOLD:.2f} or above"
    lines = [f"\nthe {count} most alike pairs ({line}):"]
    for pair in scored_pairs(questions)[:count]:
        why = ", ".join(pair.reasons)
        lines.append(f"  {pair.score:.3f}  {pair.left} ~ {pair.right}  ({why})")
    return lines


def _settings() -> Settings:
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as error:
        lines = [f"  {'.'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors()]
        raise SystemExit("PrepLoop settings are not valid:\n" + "\n".join(lines)) from None


def _setup_logging(settings: Settings) -> None:
    from bot.logs import configure_logging

    configure_logging(settings)


def _console(args: argparse.Namespace) -> int:
    from bot.adapters.console import Options, run_console
    from bot.adapters.console.clock import ConsoleClock
    from bot.bootstrap import prepare
    from bot.logs import configure_logging

    settings = _settings()
    configure_logging(settings, level="WARNING")
    clock = ConsoleClock(args.now)
    hub = prepare(settings, clock)
    files = settings.data_dir / "files"
    if args.web_port is not None:
        _console_web(hub, settings, args.web_port)
    if args.script is None:
        return run_console(hub, clock, options=Options(args.members, files))
    with Path(args.script).open(encoding="utf-8", errors="replace") as script:
        return run_console(hub, clock, options=Options(args.members, files, script))


def _console_web(hub: Hub, settings: Settings, port: int) -> None:
    from bot.web.server import serve_in_thread

    try:
        bound = serve_in_thread(hub, settings, port)
    except OSError as error:
        raise SystemExit(f"The dashboard could not start: {error}") from None
    print(f"Dashboard: {settings.web_base_url(bound)}  (/dashboard gives an admin's link)")


def _port(raw: str) -> int:
    if not raw.isdecimal() or not 0 <= int(raw) <= 65535:
        raise argparse.ArgumentTypeError("a port number from 0 to 65535 (0: any free port)")
    return int(raw)


def _script(raw: str) -> str:
    if not Path(raw).is_file():
        raise argparse.ArgumentTypeError(f"no such file: {raw}")
    return raw


def _member_count(raw: str) -> int:
    if not raw.isdecimal() or not 1 <= int(raw) <= 100:
        raise argparse.ArgumentTypeError("a number of members from 1 to 100")
    return int(raw)


def _moment(raw: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError("use a time like 2026-12-07T08:00 (UTC)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _run(args: argparse.Namespace) -> int:
    from bot.runner import run_platforms

    settings = _settings()
    _setup_logging(settings)
    return run_platforms(settings, idle_if_unconfigured=args.idle_if_unconfigured)


def _health(args: argparse.Namespace) -> int:
    from bot.ops.probe import ask_health

    port = args.port or _settings().web_port
    if port is None:
        print("Set WEB_PORT (the port `preploop run` serves /healthz on) or pass --port.")
        return 2
    return ask_health(port)


def _db(args: argparse.Namespace) -> int:
    from bot.storage.engine import make_engine
    from bot.storage.migrate import downgrade, upgrade

    settings = _settings()
    engine = make_engine(settings.db_url())
    if args.db_command == "upgrade":
        upgrade(engine, args.revision)
    else:
        downgrade(engine, args.revision)
    print(f"Database at {engine.url.render_as_string(hide_password=True)} is at {args.revision}.")
    return 0


def _db_backup(args: argparse.Namespace) -> int:
    from bot.storage.backup import BackupError, backup_sqlite

    try:
        report = backup_sqlite(_settings().db_url(), Path(args.path))
    except BackupError as error:
        raise SystemExit(str(error)) from None
    print(f"Backed up {report.source} to {report.target} ({report.size:,} bytes).")
    return 0


def _db_copy(args: argparse.Namespace) -> int:
    from bot.storage.engine import make_engine
    from bot.storage.transfer import CopyError, copy_database

    source, target = make_engine(_settings().db_url()), make_engine(args.to)
    where = target.url.render_as_string(hide_password=True)
    try:
        report = copy_database(source, target)
    except CopyError as error:
        raise SystemExit(str(error)) from None
    for table, rows in report.rows.items():
        print(f"  {table:<20} {rows:>8}")
    print(f"Copied {report.total:,} rows in {len(report.rows)} tables to {where}.")
    return 0


def _content_sync(args: argparse.Namespace) -> int:
    from bot.bootstrap import sync_content
    from bot.core.clock import SystemClock
    from bot.storage.engine import make_engine
    from bot.storage.migrate import upgrade

    settings = _settings()
    engine = make_engine(settings.db_url())
    upgrade(engine)
    print(f"Content synced: {sync_content(engine, settings, SystemClock())}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Describe every `preploop` subcommand."""
    parser = argparse.ArgumentParser(prog="preploop", description="PrepLoop study-group bot")
    commands = parser.add_subparsers(dest="command", required=True)

    content = commands.add_parser("content", help="check, count or load the question bank")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser("check", help="validate every content file")
    check.add_argument("--run-solutions", action="store_true", help="also run coding solutions")
    check.set_defaults(handler=_content_check)
    stats = content_commands.add_parser("stats", help="count questions by category, round, …")
    stats.set_defaults(handler=_content_stats)
    for sub in (check, stats):
        sub.add_argument("--content", default=str(DEFAULT_CONTENT_DIR), help="content folder")
    sync = content_commands.add_parser("sync", help="load the bank into the database")
    sync.set_defaults(handler=_content_sync)
    add_community_commands(content_commands)

    console = commands.add_parser("console", help="a local study channel in this terminal")
    console.add_argument("--now", type=_moment, help="start the console's clock here (UTC)")
    console.add_argument(
        "--members", type=_member_count, default=3, help="how many members (alice is the admin)"
    )
    console.add_argument(
        "--script", type=_script, help="read the commands from FILE, then exit (1 on a failure)"
    )
    console.add_argument(
        "--web-port", type=_port, help="also serve the web dashboard on this port (0: any free)"
    )
    console.set_defaults(handler=_console)
    run = commands.add_parser("run", help="start every platform whose credentials are set")
    run.add_argument(
        "--idle-if-unconfigured",
        action="store_true",
        help="with no credentials, say so once and wait to be stopped instead of exiting 2 "
        "(the Docker image's command, so that a restart policy does not repeat it)",
    )
    run.set_defaults(handler=_run)
    health = commands.add_parser("health", help="ask the running bot's /healthz (exit 0: ok)")
    health.add_argument("--port", type=int, help="the bot's WEB_PORT (default: the setting)")
    health.set_defaults(handler=_health)

    db = commands.add_parser("db", help="database migrations, backup and copy")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    up = db_commands.add_parser("upgrade", help="migrate to the newest schema")
    up.add_argument("revision", nargs="?", default="heads")
    down = db_commands.add_parser("downgrade", help="migrate back to a revision")
    down.add_argument("revision")
    for sub in (up, down):
        sub.set_defaults(handler=_db)
    backup = db_commands.add_parser("backup", help="copy the live SQLite database to a file")
    backup.add_argument("path", help="the new backup file")
    backup.set_defaults(handler=_db_backup)
    copy = db_commands.add_parser("copy", help="copy every row into another (empty) database")
    copy.add_argument("--to", required=True, help="target URL, e.g. postgresql://…")
    copy.set_defaults(handler=_db_copy)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `preploop` subcommand and return its exit code."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except BrokenPipeError:
        # The reader went away (`preploop console | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OperationalError, InterfaceError) as error:
        print(unreachable_database(error), file=sys.stderr)
        return 1


def unreachable_database(error: OperationalError | InterfaceError) -> str:
    """Say why a database could not be used, naming DATABASE_URL with its password masked."""
    from bot.config_values import masked_url

    reason = (str(error.orig).strip().splitlines() or [type(error.orig).__name__])[0]
    where = masked_url(_settings().db_url())
    return f"PrepLoop could not use the database: {reason}\n(DATABASE_URL is {where})"
