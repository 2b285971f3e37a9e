"""A fake Slack on 127.0.0.1: the Web API, response_urls and file uploads, recording every call.

It checks the Block Kit limits Slack enforces and answers `invalid_blocks` like Slack does, so a
test that passes here would not be rejected for size by the real API.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from aiohttp.typedefs import Handler
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.adapters.slack.pool import close_session

SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-bot-token"
TEAM = "T1"
CHANNEL = "C1"
Call = dict[str, Any]


class FakeSlack:
    """Answers the Web API methods PrepLoop uses; `fail`, `broken` and `outage` make calls fail.

    With `keep_alive`, connections stay open between requests as Slack keeps them. Without it,
    each one is closed after its answer: benchmarks/latency_drivers.py waits for every task a
    request starts, and the server's task for an open connection would never end.
    """

    def __init__(self, *, keep_alive: bool = False) -> None:
        self.keep_alive = keep_alive
        self.calls: list[tuple[str, Call]] = []
        self.posted: list[Call] = []  # every message chat.postMessage took, with its ts
        self.responses: list[Call] = []
        self.client_ports: list[int] = []  # the caller's side of the connection, per request
        self.uploads: list[bytes] = []
        self.headers: dict[str, str] = {}
        self.admins: set[str] = set()
        self.home_teams: dict[str, str] = {}  # member -> their own workspace, when not ours
        self.fail: dict[str, str] = {}  # Web API method -> error code
        self.group_dm_error: str | None = None  # conversations.open of several users fails so
        self.broken: dict[str, str] = {}  # channel -> error code for chat.post*
        self.outages: dict[str, list[int]] = {}  # Web API method -> HTTP statuses still to answer
        # Web API method -> HTTP statuses answered AFTER the call took effect (a lost answer)
        self.lost_answers: dict[str, list[int]] = {}
        self.post_gate: asyncio.Event | None = None  # if given, chat.postMessage waits for it
        self.held: list[str] = []  # the channels of chat.postMessage calls waiting at the gate
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{key}"

    async def start(self) -> None:
        app = web.Application(middlewares=[] if self.keep_alive else [_close_after_answer])
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_post("/upload/{file}", self._upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        # PrepLoop keeps connections to Slack open in the running loop's session: close them.
        await close_session()
        if self._runner is not None:
            await self._runner.cleanup()

    def outage(self, method: str, *statuses: int) -> None:
        """Answer the next calls to `method` with these HTTP statuses, in order.

        A 429 says Retry-After: 0. Nothing is recorded: the call never reached the API.
        """
        self.outages.setdefault(method, []).extend(statuses)

    def of(self, method: str) -> list[Call]:
        """The arguments of every call to one method, oldest first."""
        return [args for name, args in self.calls if name == method]

    def channel(self, channel: str) -> list[Call]:
        """The messages posted in a channel (or a DM like `DU1`), oldest first, with their ts."""
        return [message for message in self.posted if message["channel"] == channel]

    async def wait_for(self, method: str, count: int = 1, within: float = 5.0) -> list[Call]:
        """Wait until a method was called `count` times (listeners finish after the ack)."""
        return await self._until(lambda: self.of(method), count, within, method)

    async def wait_posted(self, channel: str, count: int, within: float = 5.0) -> list[Call]:
        """Wait until `count` messages were posted in a channel (or a DM like `DU1`)."""
        return await self._until(lambda: self.channel(channel), count, within, channel)

    def acked(self, response: Any) -> Any:
        """Keep a reply that came back in a command's acknowledgement, as Slack would show it.

        Quick private answers to slash commands travel in the HTTP response to Slack's request
        (a BoltResponse here) instead of a POST to the response_url; both land in `responses`.
        """
        body = response.body if response.status == 200 else ""
        if body.startswith("{"):
            payload = json.loads(body)
            if "blocks" in payload and "response_action" not in payload:
                self.responses.append(payload)
        return response

    async def wait_held(self, count: int, within: float = 5.0) -> list[str]:
        """Wait until `count` chat.postMessage calls wait at `post_gate` together."""
        return await self._until(lambda: self.held, count, within, "chat.postMessage (held)")

    async def wait_responses(self, count: int = 1, within: float = 5.0) -> list[Call]:
        """Wait until `count` messages were sent to response_urls."""
        return await self._until(lambda: self.responses, count, within, "response_url")

    async def _until(self, found: Any, count: int, within: float, what: str) -> list[Call]:
        deadline = time.monotonic() + within
        while len(found()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} was called {len(found())} times, not {count}")
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.02)  # let a listener finish what follows the awaited call
        return list(found())

    async def _api(self, request: web.Request) -> web.Response:
        self._note_connection(request)
        method = request.match_info["method"]
        args: Call = dict(request.query)
        if request.content_type == "application/json":
            args |= await request.json()
        elif request.can_read_body:
            args |= dict(await request.post())
        if self.outages.get(method):
            return _failure(self.outages[method].pop(0))
        if method == "chat.postMessage" and self.post_gate is not None:
            self.held.append(str(args.get("channel")))
            await self.post_gate.wait()
            self.held.remove(str(args.get("channel")))
        self.calls.append((method, args))
        self.headers[method] = request.headers.get("Authorization", "")
        answer = self._answer(method, args)
        if self.lost_answers.get(method):
            return _failure(self.lost_answers[method].pop(0))
        return web.json_response(answer)

    def _answer(self, method: str, args: Call) -> Call:
        error = self.fail.get(method) or self._channel_error(method, args)
        if method == "conversations.open" and "," in str(args.get("users", "")):
            error = error or self.group_dm_error
        if error is None and method in ("chat.postMessage", "chat.postEphemeral"):
            error = block_problem(args.get("blocks"))
        if error is None and method == "views.publish":
            error = view_problem(args)
        if error:
            return {"ok": False, "error": error, "needed": "chat:write.public"}
        posting = method in ("chat.postMessage", "chat.postEphemeral")
        ts = f"1700000000.{next(self._ts):06d}" if posting else ""
        if method == "chat.postMessage":
            self.posted.append({**args, "ts": ts})
        answers: dict[str, Call] = {
            "auth.test": {"user_id": "UBOT", "bot_id": "BBOT", "team_id": TEAM, "user": "preploop"},
            "users.info": {"user": self._user(str(args.get("user")))},
            "chat.postMessage": {"channel": args.get("channel"), "ts": ts},
            "chat.postEphemeral": {"message_ts": ts},
            "views.open": {"view": {"id": "V1", **(args.get("view") or {})}},
            "conversations.open": {"channel": {"id": f"D{args.get('users')}"}},
            "files.getUploadURLExternal": {
                "upload_url": f"http://127.0.0.1:{self.port}/upload/F1",
                "file_id": "F1",
            },
            "files.completeUploadExternal": {"files": [{"id": "F1"}]},
            "conversations.history": {"messages": self._history(args)},
            "conversations.replies": {"messages": self._history(args)},
        }
        return {"ok": True, **answers.get(method, {})}

    def _history(self, args: Call) -> list[Call]:
        """A channel's messages (or a thread's replies), newest first, as Slack lists them.

        Message metadata is included only when asked for with include_all_metadata.
        """
        thread = args.get("ts")
        with_metadata = str(args.get("include_all_metadata")).lower() in ("1", "true")
        found = [
            {
                "type": "message",
                "ts": posted["ts"],
                "text": posted.get("text", ""),
                "bot_id": "BBOT",
                **(
                    {"metadata": posted["metadata"]}
                    if with_metadata and "metadata" in posted
                    else {}
                ),
            }
            for posted in reversed(self.posted)
            if posted["channel"] == args.get("channel")
            and (posted.get("thread_ts") == thread if thread else not posted.get("thread_ts"))
        ]
        return found[: int(args.get("limit") or 100)]

    def _channel_error(self, method: str, args: Call) -> str | None:
        if method.startswith("chat.post"):
            return self.broken.get(str(args.get("channel")))
        return None

    def _user(self, user_id: str) -> Call:
        admin = user_id in self.admins
        user = {"id": user_id, "name": user_id.lower(), "is_admin": admin, "is_owner": False}
        return user | {"team_id": self.home_teams.get(user_id, TEAM)}

    def _note_connection(self, request: web.Request) -> None:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.client_ports.append(peer[1] if peer else 0)

    async def _respond(self, request: web.Request) -> web.Response:
        self._note_connection(request)
        self.responses.append(await request.json())
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads.append(await request.read())
        return web.Response(text="OK - 1")


@web.middleware
async def _close_after_answer(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    response.force_close()
    return response


def _failure(status: int) -> web.Response:
    if status == 429:
        answer = {"ok": False, "error": "ratelimited"}
        return web.json_response(answer, status=status, headers={"Retry-After": "0"})
    return web.Response(status=status, text="<html><h1>Slack is unavailable</h1></html>")


def view_problem(args: Call) -> str | None:
    """The error Slack would answer for a Home tab view: a home of at most 100 blocks."""
    view = args.get("view")
    view = json.loads(view) if isinstance(view, str) else view or {}
    if view.get("type") != "home" or not args.get("user_id"):
        return "invalid_arguments"
    return block_problem(view.get("blocks"), limit=100)


def block_problem(raw: Any, limit: int = 50) -> str | None:
    """The error Slack would answer for blocks over its limits, or None."""
    blocks = json.loads(raw) if isinstance(raw, str) else raw or []
    if len(blocks) > limit:
        return "invalid_blocks"
    for block in blocks:
        accessory = block.get("accessory")
        if accessory is not None and block_problem([{"type": "actions", "elements": [accessory]}]):
            return "invalid_blocks"
        texts = [block.get("text", {}).get("text", "")]
        if block["type"] == "header" and len(texts[0]) > 150:
            return "invalid_blocks"
        fields = block.get("fields", [])
        elements = block.get("elements", [])
        too_long = any(len(t) > 3000 for t in texts) or any(len(f["text"]) > 2000 for f in fields)
        if too_long or len(fields) > 10 or len(elements) > 25:
            return "invalid_blocks"
        for element in elements:
            label = element.get("text", {})
            if isinstance(label, dict) and len(label.get("text", "")) > 75:
                return "invalid_blocks"
            if len(element.get("value", "")) > 2000:
                return "invalid_blocks"
    return None


def signed(
    body: str,
    *,
    secret: str = SECRET,
    age: int = 0,
    content_type: str = "application/x-www-form-urlencoded",
) -> AsyncBoltRequest:
    """A request as Slack sends it: X-Slack-Signature v0 over `v0:{timestamp}:{body}`."""
    timestamp = str(int(time.time()) - age)
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    headers: dict[str, str | Sequence[str]] = {
        "content-type": content_type,
        "x-slack-signature": signature,
        "x-slack-request-timestamp": timestamp,
    }
    return AsyncBoltRequest(body=body, headers=headers)


def slash(
    command: str,
    text: str,
    *,
    user: str,
    response_url: str,
    channel: str = CHANNEL,
    team: str = TEAM,
) -> str:
    """The form body of a slash command."""
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": team,
            "team_domain": "study-group",
            "channel_id": channel,
            "channel_name": "study",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "response_url": response_url,
            "trigger_id": f"trigger-{user}",
        }
    )


def _member(user: str) -> Call:
    return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM}


def block_action(
    action_id: str, value: str, *, user: str, response_url: str, channel: str = CHANNEL
) -> str:
    """The form body of a button press in an ephemeral message."""
    payload = {
        "type": "block_actions",
        "user": _member(user),
        "api_app_id": "A1",
        "team": {"id": TEAM, "domain": "study-group"},
        "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
        "trigger_id": f"trigger-press-{user}",
        "channel": {"id": channel, "name": "study"},
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value}],
    }
    return urlencode({"payload": json.dumps(payload)})


def view_submission(view: Call, values: dict[str, str], *, user: str) -> str:
    """The form body of a modal submission, built from the view PrepLoop opened."""
    state = {
        block["block_id"]: {
            block["element"]["action_id"]: {
                "type": "plain_text_input",
                "value": values.get(block["block_id"]),
            }
        }
        for block in view["blocks"]
    }
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "study-group"},
        "user": _member(user),
        "api_app_id": "A1",
        "trigger_id": f"trigger-submit-{user}",
        "view": {
            "id": "V1",
            "team_id": TEAM,
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": state},
        },
    }
    return urlencode({"payload": json.dumps(payload)})


def user_change(user: str, *, deleted: bool, team: str = TEAM) -> str:
    """The JSON body of a user_change event: a member's profile changed, or they were removed."""
    member = {"id": user, "team_id": team, "name": user.lower(), "deleted": deleted}
    payload = {
        "token": "legacy-verification-token",
        "team_id": team,
        "api_app_id": "A1",
        "event": {"type": "user_change", "user": member, "event_ts": "1700000000.000100"},
        "type": "event_callback",
        "event_id": f"Ev{user}",
        "event_time": 1700000000,
        "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
    }
    return json.dumps(payload)


def app_home_opened(user: str, *, tab: str = "home", team: str = TEAM) -> str:
    """The JSON body of an app_home_opened event: a member opened the app's Home (or Messages)."""
    payload = {
        "token": "legacy-verification-token",
        "team_id": team,
        "api_app_id": "A1",
        "event": {
            "type": "app_home_opened",
            "user": user,
            "channel": f"D{user}",
            "tab": tab,
            "event_ts": "1700000000.000200",
        },
        "type": "event_callback",
        "event_id": f"EvHome{user}{tab}",
        "event_time": 1700000000,
        "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
    }
    return json.dumps(payload)


def home_action(action_id: str, value: str, *, user: str) -> str:
    """The form body of a button press on the app's Home tab: no channel, no response_url."""
    payload = {
        "type": "block_actions",
        "user": _member(user),
        "api_app_id": "A1",
        "team": {"id": TEAM, "domain": "study-group"},
        "container": {"type": "view", "view_id": f"VHOME{user}"},
        "view": {"id": f"VHOME{user}", "type": "home", "team_id": TEAM},
        "trigger_id": f"trigger-home-{user}",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value}],
    }
    return urlencode({"payload": json.dumps(payload)})
