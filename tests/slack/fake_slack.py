"""A local fake of the Slack Web API (and response_url, and the Socket Mode WebSocket).

It answers on 127.0.0.1 and records every call, the way slack-bolt's own tests assert
against a mock server instead of mocking the SDK. Failures are scripted per method.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
MSP_TEAM = "T0MSPTEAM"
# What Slack refuses (docs.slack.dev: Block Kit limits, chat.postMessage / streaming
# methods): a section over 3000 characters or more than 50 blocks is invalid_blocks; a
# message whose text adds up to more than about 12,000 characters is msg_too_long.
MESSAGE_CHARS = 12_000
SECTION_CHARS = 3000
MAX_BLOCKS = 50


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    ok: bool = True


@dataclass
class Script:
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    stored: bool = False  # a post that Slack keeps although it answers with an error
    channel: str | None = None  # only calls for this channel (None: any call of the method)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.responses: list[Call] = []  # posts to response_url
        self.scripts: dict[str, list[Script]] = {}
        self.thread_roots: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel -> posted messages
        self.ws_received: list[dict[str, Any]] = []
        self._ws: web.WebSocketResponse | None = None
        self._ws_ready = asyncio.Event()
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.delay_s = 0.0
        self.arrived: list[str] = []  # methods in the order their requests came in
        # method -> a gate: its calls are answered only once the test sets the event
        self.held: dict[str, asyncio.Event] = {}

    # -- lifecycle --------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{id}", self._response_url)
        app.router.add_get("/ws", self._websocket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    # -- scripting and assertions ----------------------------------------------------------

    def fail(self, method: str, status: int = 200, *, body: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None, times: int = 1,
             stored: bool = False, channel: str | None = None) -> None:
        for _ in range(times):
            self.scripts.setdefault(method, []).append(
                Script(status, body, headers or {}, stored, channel))

    def of(self, method: str) -> list[Call]:
        """Successful calls of `method`."""
        return [c for c in self.calls if c.method == method and c.ok]

    def refused(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and not c.ok]

    def posts(self, channel: str | None = None) -> list[Call]:
        return [c for c in self.of("chat.postMessage")
                if channel is None or c.params.get("channel") == channel]

    async def wait_for(self, check: Callable[[], bool], within_s: float = 10.0) -> None:
        async def until() -> None:
            async with self._changed:
                await self._changed.wait_for(check)

        await asyncio.wait_for(until(), within_s)

    # -- handlers -----------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        params: dict[str, Any] = dict(request.query)  # slack-sdk sends some calls' params here
        if request.content_type == "application/json":
            params.update(json.loads(raw or "{}"))
            return params
        params.update(parse_qsl(raw))
        for key in ("blocks", "view"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        headers = {k.lower(): v for k, v in request.headers.items()}
        async with self._changed:
            self.arrived.append(method)
            self._changed.notify_all()
        if method in self.held:
            await self.held[method].wait()
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        queue = self.scripts.get(method) or []
        script = next((s for s in queue if s.channel in (None, params.get("channel"))), None)
        if script is not None:
            queue.remove(script)
            if script.stored and method == "chat.postMessage":
                self._store_message(params)
            body = script.body if script.body is not None else {"ok": False, "error": "ratelimited"}
            await self._record(Call(method, params, headers, script.status, ok=False))
            return web.json_response(body, status=script.status, headers=script.headers)
        if headers.get("authorization", "") == "":
            await self._record(Call(method, params, headers, 401, ok=False))
            return web.json_response({"ok": False, "error": "not_authed"})
        answer = self._answer(method, params)
        await self._record(Call(method, params, headers, ok=bool(answer.get("ok"))))
        return web.json_response(answer)

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://msp.slack.com/", "team": "MSP", "user": "mspbot",
                    "team_id": MSP_TEAM, "user_id": BOT_USER, "bot_id": BOT_ID}
        if method == "chat.postMessage":
            refused = self._refusal(params)
            if refused:
                return {"ok": False, "error": refused}
            message = self._store_message(params)
            return {"ok": True, "channel": params.get("channel"), "ts": message["ts"],
                    "message": message}
        if method == "chat.update":
            refused = self._refusal(params)
            found = self._find(str(params.get("channel")), str(params.get("ts")))
            if refused or found is None:
                return {"ok": False, "error": refused or "message_not_found"}
            found.update(text=params.get("text"), blocks=params.get("blocks") or [])
            if params.get("metadata"):
                found["metadata"] = _json(params["metadata"])
            return {"ok": True, "channel": params.get("channel"), "ts": found["ts"]}
        if method.startswith("chat.") and method.endswith("Stream"):
            return self._stream(method, params)
        if method == "chat.getPermalink":
            ts = str(params.get("message_ts", "")).replace(".", "")
            return {"ok": True, "channel": params.get("channel"),
                    "permalink": f"https://msp.slack.com/archives/{params.get('channel')}/p{ts}"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": "1700000000.999999"}
        if method == "conversations.replies":
            thread = str(params.get("ts"))
            root = self.thread_roots.get(thread)
            replies = [m for m in self.messages.get(str(params.get("channel")), [])
                       if m.get("thread_ts") == thread]
            return {"ok": True, "messages": ([root] if root else []) + self._shown(params, replies),
                    "has_more": False}
        if method == "conversations.history":
            shown = self._shown(params, self.messages.get(str(params.get("channel")), []))
            return {"ok": True, "messages": list(reversed(shown)), "has_more": False}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.url.replace("http", "ws", 1) + "/ws"}
        if method == "users.info":
            user = str(params.get("user"))
            team = MSP_TEAM if user.startswith("U0STAFF") else "T0ACMEDENT"
            return {"ok": True, "user": {"id": user, "team_id": team, "is_stranger": False}}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V0001", **(params.get("view") or {})}}
        return {"ok": True}

    @staticmethod
    def _refusal(params: dict[str, Any]) -> str | None:
        blocks = params.get("blocks") or []
        sections = [b for b in blocks if b.get("type") == "section"]
        if len(blocks) > MAX_BLOCKS or any(len((b.get("text") or {}).get("text", ""))
                                           > SECTION_CHARS for b in sections):
            return "invalid_blocks"
        size = len(str(params.get("text") or "")) + sum(map(_block_text, blocks))
        return "msg_too_long" if size > MESSAGE_CHARS else None

    def _find(self, channel: str, ts: str) -> dict[str, Any] | None:
        return next((m for m in self.messages.get(channel, []) if m["ts"] == ts), None)

    def _stream(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """chat.startStream / appendStream / stopStream: one message whose markdown grows.
        Outside a DM the recipient's user and team are required."""
        channel = str(params.get("channel"))
        text = str(params.get("markdown_text") or "") + "".join(
            str(c.get("text", "")) for c in params.get("chunks") or []
            if c.get("type") == "markdown_text")
        if len(text) > MESSAGE_CHARS:
            return {"ok": False, "error": "msg_too_long"}
        if method == "chat.startStream":
            if not params.get("thread_ts"):
                return {"ok": False, "error": "invalid_arguments"}
            if channel[:1] != "D" and not (params.get("recipient_user_id")
                                            and params.get("recipient_team_id")):
                return {"ok": False, "error": "invalid_arguments"}
            message = self._store_message({"channel": channel, "text": text,
                                           "thread_ts": params["thread_ts"]})
            message["streaming_state"] = "in_progress"
            return {"ok": True, "channel": channel, "ts": message["ts"]}
        found = self._find(channel, str(params.get("ts")))
        if found is None:
            return {"ok": False, "error": "message_not_found"}
        if found.get("streaming_state") != "in_progress":
            return {"ok": False, "error": "message_not_in_streaming_state"}
        found["text"] = str(found.get("text") or "") + text
        if method == "chat.stopStream":
            found["streaming_state"] = "completed"
            # the streamed text as the message's first block, the given blocks after it
            found["blocks"] = [{"type": "markdown", "block_id": "streamed",
                                "text": found["text"]}, *(params.get("blocks") or [])]
            if params.get("metadata"):
                found["metadata"] = _json(params["metadata"])
        return {"ok": True, "channel": channel, "ts": found["ts"]}

    def _store_message(self, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        message: dict[str, Any] = {"type": "message", "ts": ts, "text": params.get("text"),
                                   "bot_id": BOT_ID, "user": BOT_USER,
                                   "blocks": params.get("blocks") or []}
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        metadata = _json(params.get("metadata"))
        if metadata:
            message["metadata"] = metadata
        self.messages.setdefault(str(params.get("channel")), []).append(message)
        return message

    @staticmethod
    def _shown(params: dict[str, Any], messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Slack returns message metadata only when asked (include_all_metadata)."""
        if str(params.get("include_all_metadata")).lower() in ("1", "true"):
            return messages
        return [{k: v for k, v in m.items() if k != "metadata"} for m in messages]

    async def _response_url(self, request: web.Request) -> web.Response:
        params = await self._params(request)
        await self._record_response(Call(request.match_info["id"], params, {}))
        return web.Response(text="ok")

    async def _record_response(self, call: Call) -> None:
        async with self._changed:
            self.responses.append(call)
            self._changed.notify_all()

    # -- Socket Mode --------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                      "connection_info": {"app_id": "A0001"}}))
        self._ws_ready.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                async with self._changed:
                    self.ws_received.append(json.loads(message.data))
                    self._changed.notify_all()
        return ws

    def message(self, channel: str, ts: str) -> dict[str, Any]:
        found = self._find(channel, ts)
        assert found is not None, f"no message {ts} in {channel}"
        return found

    async def send_envelope(self, envelope: dict[str, Any]) -> None:
        await asyncio.wait_for(self._ws_ready.wait(), 10)
        assert self._ws is not None
        await self._ws.send_str(json.dumps(envelope))


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _block_text(block: dict[str, Any]) -> int:
    """A section's text object, or a markdown block's text string."""
    text = block.get("text")
    if isinstance(text, dict):
        return len(str(text.get("text", "")))
    return len(text) if isinstance(text, str) else 0
