"""Logging: plain text or one JSON object a line, and quiet platform libraries."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import TextIO

from bot.config import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# slack-bolt logs the whole body of a badly signed request at INFO (anyone can send one in
# HTTP mode), and slack_sdk logs request details at DEBUG: both speak at WARNING and above
# unless LOG_LEVEL=DEBUG asks for everything.
NOISY_LIBRARIES = ("slack_bolt", "slack_sdk")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record as a single line of JSON."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(
    settings: Settings, *, level: str | None = None, stream: TextIO | None = None
) -> logging.Handler:
    """Send every log record to stderr (or `stream`) in LOG_FORMAT at LOG_LEVEL (or `level`)."""
    name = (level or settings.log_level).upper()
    handler = logging.StreamHandler(stream)
    json_lines = settings.log_format == "json"
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(name)
    for library in NOISY_LIBRARIES:
        logging.getLogger(library).setLevel(library_level(name))
    return handler


def library_level(app_level: str) -> int:
    """The level for slack-bolt and slack_sdk: DEBUG only when the app logs at DEBUG."""
    return logging.DEBUG if app_level.upper() == "DEBUG" else logging.WARNING


def bolt_logger(settings: Settings) -> logging.Logger:
    """The base logger handed to bolt, whose level bolt copies onto each logger it makes.

    Without it bolt copies the root logger's level (INFO) onto its loggers, which would
    override the WARNING set on `slack_bolt`.
    """
    logger = logging.getLogger("slack_bolt")
    logger.setLevel(library_level(settings.log_level))
    return logger
