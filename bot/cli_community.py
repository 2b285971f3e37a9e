"""`preploop content export|import --community ID`: a community's own questions in and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(content_commands: Any) -> None:
    """Add `content export` and `content import` to the `content` subcommands."""
    export = content_commands.add_parser("export", help="print a community's own questions")
    export.add_argument("--format", choices=("yaml", "csv"), default="yaml")
    export.set_defaults(handler=_export)
    load = content_commands.add_parser(
        "import", help="add or update a community's questions from a YAML or CSV file"
    )
    load.add_argument("file", help="a .yaml, .yml or .csv file")
    load.set_defaults(handler=_import)
    for sub in (export, load):
        sub.add_argument("--community", type=int, required=True, help="the community's id")


def _export(args: argparse.Namespace) -> int:
    from bot.bank.community_files import dump_csv, dump_yaml
    from bot.features.suggestions.api import community_exists, export_questions

    with _session() as session:
        if not community_exists(session, args.community):
            return _no_community(args.community)
        questions = export_questions(session, args.community)
    sys.stdout.write((dump_csv if args.format == "csv" else dump_yaml)(questions))
    return 0


def _import(args: argparse.Namespace) -> int:
    from bot.bank.community_files import read_file
    from bot.core.clock import SystemClock
    from bot.features.suggestions.api import community_exists, import_questions

    path = Path(args.file)
    if not path.is_file():
        print(f"No such file: {path}", file=sys.stderr)
        return 1
    loaded = read_file(path)
    with _session() as session:
        if not community_exists(session, args.community):
            return _no_community(args.community)
        report = import_questions(session, args.community, loaded, SystemClock())
        if report.problems:
            for problem in report.problems:
                print(problem, file=sys.stderr)
            print(f"Nothing was imported: {len(report.problems)} problem(s).", file=sys.stderr)
            return 1
        session.commit()
    print(
        f"Imported into community {args.community}: {report.added} added, "
        f"{report.updated} updated, {report.unchanged} unchanged."
    )
    return 0


def _no_community(community_id: int) -> int:
    print(f"No community with id {community_id} in this database.", file=sys.stderr)
    return 1


def _session() -> Any:
    from sqlmodel import Session

    from bot.cli import _settings
    from bot.storage.engine import make_engine
    from bot.storage.migrate import upgrade

    engine = make_engine(_settings().db_url())
    upgrade(engine)
    return Session(engine)
