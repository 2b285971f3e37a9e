"""Build a ready Hub: engine, migrations, content loaded, features registered."""

from __future__ import annotations

import logging

from sqlalchemy import Engine

from bot.app.hub import Hub
from bot.bank import catalog
from bot.bank.sync import SyncReport, sync_bank
from bot.config import Settings
from bot.content import load_bank
from bot.core.clock import Clock, SystemClock
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.uow import transact

log = logging.getLogger(__name__)


def sync_content(engine: Engine, settings: Settings, clock: Clock) -> SyncReport:
    """Load the bank into the database; invalid entries are reported and left out."""
    bank = load_bank(settings.content_dir)
    for problem in bank.problems:
        log.warning("content problem: %s", problem)
    return transact(engine, lambda session: sync_bank(session=session, bank=bank, clock=clock))


def prepare(settings: Settings, clock: Clock | None = None) -> Hub:
    """Upgrade the database, sync the content and return the hub that serves every platform."""
    clock = clock or SystemClock()
    engine = make_engine(settings.db_url())
    upgrade(engine)
    report = sync_content(engine, settings, clock)
    log.info("content: %s", report)
    catalog.configure(settings.content_dir)
    return Hub(
        engine,
        clock=clock,
        default_tz=settings.default_timezone,
        rate_limit=settings.rate_limit_per_minute,
    )
