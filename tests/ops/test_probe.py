"""`preploop health` asks the running bot's /healthz: exit 0 when healthy, 1 when not."""

from __future__ import annotations

import asyncio
import socket

import pytest

from bot.app.hub import Hub
from bot.cli import main
from bot.ops.http import start_ops
from tests.fakes import FakeClock


async def _health(port: int, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = await asyncio.to_thread(main, ["health", "--port", str(port)])
    return code, capsys.readouterr().out


async def test_health_exits_zero_when_healthy_and_one_with_the_reason_when_not(
    hub: Hub, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.metrics.pulse(clock.now())
    server = await start_ops(hub, host="127.0.0.1", port=0)
    try:
        port = server.addresses[0][1]
        code, said = await _health(port, capsys)
        assert (code, '"status": "ok"' in said) == (0, True)
        clock.advance(minutes=5)
        code, said = await _health(port, capsys)
        assert (code, '"status": "failing"' in said, '"ticking": false' in said) == (1, True, True)
    finally:
        await server.cleanup()


async def test_health_with_nothing_listening_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as free:  # a port nobody listens on: bound, never listening
        free.bind(("127.0.0.1", 0))
        code, said = await _health(free.getsockname()[1], capsys)
    assert code == 1
    assert said.startswith("Nothing answered at http://127.0.0.1:")


def test_health_without_a_port_asks_for_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    monkeypatch.delenv("WEB_PORT", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env file here
    assert main(["health"]) == 2
    assert "Set WEB_PORT" in capsys.readouterr().out
