"""A fake Discord REST API on 127.0.0.1 that records every request discord.py makes."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

APP_ID = "1100000000000000001"
BOT_USER = {
    "id": "1100000000000000002",
    "username": "PrepLoop",
    "discriminator": "0",
    "global_name": "PrepLoop",
    "avatar": None,
    "bot": True,
}
MISSING_ACCESS = {"message": "Missing Access", "code": 50001}
CANNOT_DM = {"message": "Cannot send messages to this user", "code": 50007}
UNKNOWN_CHANNEL = {"message": "Unknown Channel", "code": 10003}
INVALID_FORM = {"message": "Invalid Form Body", "code": 50035}
UNKNOWN_MEMBER = {"message": "Unknown Member", "code": 10007}
UNKNOWN_ROLE = {"message": "Unknown Role", "code": 10011}
MISSING_PERMISSIONS = {"message": "Missing Permissions", "code": 50013}
THREAD_EXISTS = {"message": "A thread has already been created for this message", "code": 160004}


@dataclass
class Call:
    """One request that reached the fake API."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The message payload(s) this call sends, if it sends one."""
        body = self.body if isinstance(self.body, dict) else {}
        if "/callback" in self.path:
            data = body.get("data") or {}
            return [data] if body.get("type") in (4, 7) else []
        is_send = self.method == "POST" and (
            re.fullmatch(r"/channels/\d+/messages", self.path)
            or re.fullmatch(r"/webhooks/\d+/[^/]+", self.path)
        )
        editing = self.method == "PATCH" and self.path.startswith("/webhooks/")
        return [body] if is_send or editing else []


async def _multipart(request: web.Request) -> dict[str, Any]:
    """Read a message sent with files: its JSON payload, plus `files` as (name, bytes) pairs."""
    body: dict[str, Any] = {}
    files: list[tuple[str, bytes]] = []
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        assert isinstance(part, aiohttp.BodyPartReader)
        data = await part.read()
        if part.name == "payload_json":
            body = json.loads(data)
        else:
            files.append((part.filename or "", bytes(data)))
    body["files"] = files
    return body


def _json(data: Any, status: int = 200, **headers: str) -> web.Response:
    # discord.py parses JSON only when the Content-Type is exactly application/json.
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **headers},
    )


def _glitch(status: int, retry_after: float) -> web.Response:
    """A failure Discord answers: a rate limit, a refusal, or a server error from its edge."""
    if status == 429:
        # discord.py takes a 429 without a Via header for a Cloudflare ban, and does not retry it.
        limited = {"message": "You are being rate limited.", "retry_after": retry_after}
        return _json({**limited, "global": False}, 429, Via="1.1 google")
    if status < 500:
        return _json(INVALID_FORM, status)
    page = f"<html><body><h1>{status} Bad Gateway</h1></body></html>"
    return web.Response(status=status, text=page, content_type="text/html")


@dataclass
class FakeDiscord:
    """Answers what a logged-in discord.py client asks; set `forbidden`/`missing` to fail."""

    calls: list[Call] = field(default_factory=list)
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    originals: dict[str, str] = field(default_factory=dict)  # interaction token -> message id
    threads: set[str] = field(default_factory=set)
    thread_members: dict[str, list[str]] = field(default_factory=dict)  # private thread -> users
    forbidden: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    closed_dms: set[str] = field(default_factory=set)  # user ids
    glitches: dict[str, list[int]] = field(default_factory=dict)  # channel id -> statuses first
    hang_ups: set[str] = field(default_factory=set)  # channel ids whose posts lose the connection
    lost_answers: dict[str, list[int]] = field(default_factory=dict)  # channel -> statuses answered
    # to posts that are nevertheless kept, as when Discord's edge fails after the message was made
    unreadable: set[str] = field(default_factory=set)  # channel ids whose history answers 403
    nonces: dict[tuple[str, str], str] = field(default_factory=dict)  # (channel, nonce) -> id
    retry_after: float = 0.05  # seconds, in a 429's body
    dms: dict[str, str] = field(default_factory=dict)  # DM channel id -> user id
    gone: set[str] = field(default_factory=set)  # user ids no longer in any server
    member_lookup_status: int = 200  # what every member lookup answers (unless gone)
    member_lookup_delay: float = 0.0  # seconds before a member lookup is answered
    commands: list[dict[str, Any]] = field(default_factory=list)
    refused_roles: set[str] = field(default_factory=set)  # role ids the bot may not give (403)
    deleted_roles: set[str] = field(default_factory=set)  # role ids that no longer exist (404)
    member_roles: dict[str, set[str]] = field(default_factory=dict)  # user id -> role ids given
    with_response_message: bool = True
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1300000000000000000))
    _runner: web.AppRunner | None = None

    def new_id(self) -> str:
        return str(next(self._ids))

    async def start(self) -> str:
        """Serve on a free port of 127.0.0.1 and return the API base URL."""
        app = web.Application()
        app.router.add_route("*", "/api/v10/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        return f"http://127.0.0.1:{port}/api/v10"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        if request.content_type == "multipart/form-data":
            body = await _multipart(request)
        else:
            raw = await request.read()
            body = json.loads(raw) if raw and request.content_type == "application/json" else None
        call = Call(request.method, path, dict(request.query), body, dict(request.headers))
        self.calls.append(call)
        if request.method == "POST" and path in {f"/channels/{c}/messages" for c in self.hang_ups}:
            assert request.transport is not None
            request.transport.close()  # the network drops: the client never gets an answer
            return web.Response()
        if "/members/" in path and self.member_lookup_delay:
            await asyncio.sleep(self.member_lookup_delay)
        for method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if match and method == request.method:
                return handler(call, *match.groups())
        return _json({"message": f"404: no fake for {request.method} {path}", "code": 0}, 404)

    def _routes(self) -> list[tuple[str, str, Callable[..., web.Response]]]:
        return [
            ("GET", r"/users/@me", lambda call: _json(BOT_USER)),
            ("GET", r"/oauth2/applications/@me", lambda call: _json(self._application())),
            ("PUT", r"/applications/(\d+)/commands", self._sync),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._callback),
            ("GET", r"/webhooks/\d+/([^/]+)/messages/@original", self._original),
            ("PATCH", r"/webhooks/\d+/([^/]+)/messages/@original", self._edit_original),
            ("POST", r"/webhooks/\d+/([^/]+)", self._follow_up),
            ("POST", r"/users/@me/channels", self._open_dm),
            ("GET", r"/guilds/(\d+)/members/(\d+)", self._member),
            ("POST", r"/channels/(\d+)/messages", self._channel_message),
            ("GET", r"/channels/(\d+)/messages", self._history),
            ("POST", r"/channels/(\d+)/messages/(\d+)/threads", self._thread),
            ("POST", r"/channels/(\d+)/threads", self._private_thread),
            ("PUT", r"/channels/(\d+)/thread-members/(\d+)", self._join_thread),
            ("DELETE", r"/channels/(\d+)", self._delete_channel),
            ("GET", r"/guilds/(\d+)", self._guild),
            ("PUT", r"/guilds/(\d+)/members/(\d+)/roles/(\d+)", self._member_role),
            ("DELETE", r"/guilds/(\d+)/members/(\d+)/roles/(\d+)", self._member_role),
        ]

    def _application(self) -> dict[str, Any]:
        return {
            "id": APP_ID,
            "name": "PrepLoop",
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": {**BOT_USER, "id": "1100000000000000003", "bot": False},
            "verify_key": "0" * 64,
            "flags": 0,
            "interactions_endpoint_url": None,
        }

    def _sync(self, call: Call, app_id: str) -> web.Response:
        self.commands = [
            {**command, "id": self.new_id(), "application_id": app_id, "version": "1"}
            for command in call.body
        ]
        return _json(self.commands)

    def message(self, channel_id: str, body: dict[str, Any] | None) -> dict[str, Any]:
        """Store and return a message as Discord would echo it."""
        body = body or {}
        stored: dict[str, Any] = {
            "id": self.new_id(),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": "2026-12-01T09:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags") or 0,
            "components": body.get("components") or [],
        }
        self.messages[stored["id"]] = stored
        return stored

    def _callback(self, call: Call, interaction_id: str, token: str) -> web.Response:
        kind = call.body["type"]
        answer: dict[str, Any] = {"interaction": {"id": interaction_id, "type": 2}}
        if kind in (4, 5):
            data = call.body.get("data") or {}
            message = self.message("0", data)
            self.originals[token] = message["id"]
            answer["interaction"]["response_message_ephemeral"] = bool(message["flags"] & 64)
            answer["interaction"]["response_message_loading"] = kind == 5
            if self.with_response_message:
                answer["interaction"]["response_message_id"] = message["id"]
                answer["resource"] = {"type": kind, "message": message}
        return _json(answer)

    def _original(self, call: Call, token: str) -> web.Response:
        return _json(self.messages[self.originals[token]])

    def _edit_original(self, call: Call, token: str) -> web.Response:
        stored = self.messages[self.originals[token]]
        stored.update({k: v for k, v in call.body.items() if k in ("embeds", "components")})
        return _json(stored)

    def _follow_up(self, call: Call, token: str) -> web.Response:
        return _json(self.message("0", call.body))

    def _open_dm(self, call: Call) -> web.Response:
        user_id = str(call.body["recipient_id"])
        channel_id = next((c for c, u in self.dms.items() if u == user_id), self.new_id())
        self.dms[channel_id] = user_id
        recipient = {**BOT_USER, "id": user_id, "bot": False}
        return _json(
            {"id": channel_id, "type": 1, "recipients": [recipient], "last_message_id": None}
        )

    def _guild(self, call: Call, guild_id: str) -> web.Response:
        return _json(
            {
                "id": guild_id,
                "name": "Study group",
                "icon": None,
                "owner_id": "1400000000000000003",
                "roles": [],
                "emojis": [],
                "stickers": [],
                "features": [],
                "verification_level": 0,
                "default_message_notifications": 0,
                "explicit_content_filter": 0,
                "mfa_level": 0,
                "premium_tier": 0,
                "nsfw_level": 0,
                "system_channel_flags": 0,
                "preferred_locale": "en-US",
            }
        )

    def _member_role(self, call: Call, guild_id: str, user_id: str, role_id: str) -> web.Response:
        """Give (PUT) or take (DELETE) a member's role, unless refused or deleted."""
        if role_id in self.deleted_roles:
            return _json(UNKNOWN_ROLE, 404)
        if role_id in self.refused_roles:
            return _json(MISSING_PERMISSIONS, 403)
        held = self.member_roles.setdefault(user_id, set())
        if call.method == "PUT":
            held.add(role_id)
        else:
            held.discard(role_id)
        return web.Response(status=204)

    def role_calls(self) -> list[Call]:
        """Every request that gave or took a member's role."""
        return [c for c in self.calls if re.fullmatch(r"/guilds/\d+/members/\d+/roles/\d+", c.path)]

    def _member(self, call: Call, guild_id: str, user_id: str) -> web.Response:
        if user_id in self.gone:
            return _json(UNKNOWN_MEMBER, 404)
        if self.member_lookup_status != 200:
            return _glitch(self.member_lookup_status, self.retry_after)
        user = {**BOT_USER, "id": user_id, "bot": False}
        joined = "2026-01-01T00:00:00+00:00"
        held = sorted(self.member_roles.get(user_id, set()))
        # As Discord answers a member: with flags, which discord.py's Member needs.
        found = {"user": user, "roles": held, "joined_at": joined, "deaf": False, "mute": False}
        return _json({**found, "flags": 0, "pending": False, "nick": None, "avatar": None})

    def _channel_message(self, call: Call, channel_id: str) -> web.Response:
        if self.glitches.get(channel_id):
            return _glitch(self.glitches[channel_id].pop(0), self.retry_after)
        if channel_id in self.forbidden:
            return _json(MISSING_ACCESS, 403)
        if self.dms.get(channel_id) in self.closed_dms:
            return _json(CANNOT_DM, 403)
        if channel_id in self.missing or (
            channel_id in self.messages and channel_id not in self.threads
        ):
            return _json(UNKNOWN_CHANNEL, 404)
        body = call.body or {}
        nonce = (channel_id, str(body.get("nonce")))
        if body.get("enforce_nonce") and nonce in self.nonces:  # Discord's dedupe: the same one
            return _json({**self.messages[self.nonces[nonce]], "nonce": nonce[1]})
        stored = self.message(channel_id, body)
        if body.get("nonce") is not None:
            self.nonces[nonce] = stored["id"]
        if self.lost_answers.get(channel_id):
            return _glitch(self.lost_answers[channel_id].pop(0), self.retry_after)
        return _json({**stored, "nonce": nonce[1]} if body.get("nonce") is not None else stored)

    def _history(self, call: Call, channel_id: str) -> web.Response:
        """The channel's latest messages, newest first; like Discord's, without their nonces."""
        if channel_id in self.unreadable:
            return _json(MISSING_ACCESS, 403)
        limit = int(call.query.get("limit", "50"))
        found = [m for m in reversed(self.messages.values()) if m["channel_id"] == channel_id]
        return _json(found[:limit])

    def _thread(self, call: Call, channel_id: str, message_id: str) -> web.Response:
        if channel_id in self.forbidden:
            return _json(MISSING_ACCESS, 403)
        if message_id in self.threads:
            return _json(THREAD_EXISTS, 400)
        self.threads.add(message_id)
        thread = {"id": message_id, "type": 11, "parent_id": channel_id, **call.body}
        return _json(thread)

    def _private_thread(self, call: Call, channel_id: str) -> web.Response:
        if channel_id in self.forbidden:
            return _json(MISSING_ACCESS, 403)
        thread_id = self.new_id()
        self.threads.add(thread_id)
        return _json({"id": thread_id, "type": 12, "parent_id": channel_id, **call.body})

    def _join_thread(self, call: Call, thread_id: str, user_id: str) -> web.Response:
        self.thread_members.setdefault(thread_id, []).append(user_id)
        return web.Response(status=204)

    def _delete_channel(self, call: Call, channel_id: str) -> web.Response:
        self.threads.discard(channel_id)
        self.missing.add(channel_id)
        return _json({"id": channel_id, "type": 12})

    # What the tests read -------------------------------------------------------------

    def posts_to(self, channel_id: str) -> list[Call]:
        """Every attempt to send a message to this channel, answered or not."""
        path = f"/channels/{channel_id}/messages"
        return [c for c in self.calls if (c.method, c.path) == ("POST", path)]

    def history_reads(self, channel_id: str) -> list[Call]:
        """Every time the bot read this channel's recent messages."""
        path = f"/channels/{channel_id}/messages"
        return [c for c in self.calls if (c.method, c.path) == ("GET", path)]

    def in_channel(self, channel_id: str) -> list[dict[str, Any]]:
        """The messages that landed in this channel."""
        return [m for m in self.messages.values() if m["channel_id"] == channel_id]

    def member_lookups(self) -> list[Call]:
        """Every time the bot asked whether someone is still in a server."""
        return [c for c in self.calls if c.method == "GET" and "/members/" in c.path]

    def since(self, start: int) -> list[Call]:
        return self.calls[start:]

    def sent_messages(self, start: int = 0) -> list[dict[str, Any]]:
        """Every message payload sent since `start`, in order."""
        return [payload for call in self.calls[start:] for payload in call.messages]
