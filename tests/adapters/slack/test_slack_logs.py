"""What a badly signed request leaves in the logs when Slack is served over HTTP."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import aiohttp
import pytest

from bot.adapters.slack import build_app
from bot.adapters.slack.server import EVENTS_PATH, start_http
from bot.app.hub import Hub
from bot.config import Settings
from bot.logs import NOISY_LIBRARIES, configure_logging
from tests.adapters.slack.fake_slack import FakeSlack, signed, slash

MARKER = "PAYLOAD-FROM-A-STRANGER-"
MIB = 1024 * 1024


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Put the root logger and the libraries' levels back as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    libraries = {name: logging.getLogger(name).level for name in NOISY_LIBRARIES}
    yield
    root.handlers[:], root.level = handlers, level
    for name, was in libraries.items():
        logging.getLogger(name).setLevel(was)


def big_command(fake: FakeSlack) -> str:
    """A slash command body of about 1 MiB."""
    body = slash("/question", "", user="U1", response_url=fake.response_url())
    padding = (MARKER * (MIB // len(MARKER)))[: MIB - len(body) - 64]
    return body + "&padding=" + padding


async def post_badly_signed(url: str, body: str) -> int:
    request = signed(body, secret="not-the-secret")
    headers = {k: str(v[0]) for k, v in request.headers.items()}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body.encode(), headers=headers) as response,
    ):
        return response.status


@pytest.mark.parametrize(("level", "body_logged"), [("INFO", False), ("DEBUG", True)])
@pytest.mark.usefixtures("restore_logging")
async def test_a_badly_signed_request_leaves_its_body_out_of_the_logs_unless_debugging(
    hub: Hub, slack_settings: Settings, fake: FakeSlack, level: str, body_logged: bool
) -> None:
    settings = slack_settings.model_copy(update={"log_level": level})
    output = io.StringIO()
    configure_logging(settings, stream=output)
    runner = await start_http(build_app(hub, settings), host="127.0.0.1", port=0)
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
        assert await post_badly_signed(url, big_command(fake)) == 401
    finally:
        await runner.cleanup()
    logged = output.getvalue()
    assert (MARKER in logged) is body_logged
    assert len(logged) < 10_000 or body_logged
