"""LOG_FORMAT=json writes one JSON object a line; slack-bolt and slack_sdk stay quiet."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.logs import NOISY_LIBRARIES, configure_logging


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Put the root logger and the libraries' levels back as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    libraries = {name: logging.getLogger(name).level for name in NOISY_LIBRARIES}
    yield
    root.handlers[:], root.level = handlers, level
    for name, was in libraries.items():
        logging.getLogger(name).setLevel(was)


def settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_json_logs_are_one_object_a_line_with_the_traceback() -> None:
    output = io.StringIO()
    configure_logging(settings(log_format="JSON"), stream=output)
    log = logging.getLogger("bot.example")
    log.info("hello %s", "there")
    try:
        1 / 0  # noqa: B018 - a real traceback to log
    except ZeroDivisionError:
        log.exception("it broke\non two lines")
    first, second = (json.loads(line) for line in output.getvalue().splitlines())
    assert first["message"] == "hello there"
    assert (first["level"], first["logger"]) == ("INFO", "bot.example")
    assert first["time"].endswith("+00:00")
    assert "exc_info" not in first
    assert second["message"] == "it broke\non two lines"
    assert second["level"] == "ERROR"
    assert "ZeroDivisionError" in second["exc_info"]


def test_text_logs_stay_the_default() -> None:
    output = io.StringIO()
    configure_logging(settings(), stream=output)
    logging.getLogger("bot.example").warning("careful")
    assert output.getvalue().rstrip().endswith("WARNING bot.example: careful")


@pytest.mark.parametrize(("level", "library_level"), [("INFO", "WARNING"), ("DEBUG", "DEBUG")])
def test_slack_libraries_log_warnings_only_unless_debugging(level: str, library_level: str) -> None:
    output = io.StringIO()
    configure_logging(settings(log_level=level), stream=output)
    for library in NOISY_LIBRARIES:
        logging.getLogger(f"{library}.inner").info("a request body")
        logging.getLogger(f"{library}.inner").warning("a warning")
        assert logging.getLevelName(logging.getLogger(library).level) == library_level
    said = output.getvalue()
    assert said.count("a warning") == 2
    assert said.count("a request body") == (2 if level == "DEBUG" else 0)
    logging.getLogger("bot.example").info("ours")
    assert "ours" in output.getvalue()


def test_an_unknown_log_format_is_refused() -> None:
    with pytest.raises(ValueError, match="log_format"):
        settings(log_format="xml")
