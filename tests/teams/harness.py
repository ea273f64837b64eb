"""Test doubles for Teams: a fake Bot Connector, a JWKS server in a thread, token minting,
and a local outbound token provider. Used by the tests and by bench/teams_load.py."""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import jwt
from aiohttp import web
from azure.core.credentials_async import AsyncTokenCredential
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    OutboundHostValidator,
)

import adapters.teams as teams
from adapters import server
from adapters.teams.config import TeamsSettings
from bot.service.app import App

PAYLOADS = Path(__file__).parent / "payloads"
APP_ID = "9a8b7c6d-1111-4222-8333-944455556666"
BOT_ID = f"28:{APP_ID}"
CLIENT_TENANT = "6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4c21"  # brightpath-legal in examples/tenants
STAFF_TENANT = "0d9e8f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
OUTBOUND_TOKEN = "outbound-token-from-the-fake-provider"


def payload(name: str, service_url: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    data["serviceUrl"] = service_url
    data.update(copy.deepcopy(changes))
    return data


# -- fake Bot Connector ---------------------------------------------------------------


@dataclass
class Sent:
    conversation_id: str
    reply_to: str | None
    activity: dict[str, Any]
    authorization: str | None
    at: float

    @property
    def type(self) -> str:
        return str(self.activity.get("type"))

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.activity.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] = attachment["content"]
                return content
        return None

    @property
    def stream(self) -> dict[str, Any] | None:
        return stream_info(self.activity)

    @property
    def card_text(self) -> str:
        card = self.card or {}
        return json.dumps(card.get("body", []), ensure_ascii=False)

    @property
    def shown(self) -> str:
        """What the person sees: the message text (answers carry it there, with citations)
        and the card under it, if any."""
        return f"{self.activity.get('text') or ''}\n{self.card_text}"


def stream_info(activity: dict[str, Any]) -> dict[str, Any] | None:
    for entity in activity.get("entities") or []:
        if entity.get("type") == "streaminfo":
            found: dict[str, Any] = entity
            return found
    return None


def _refusal(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


@dataclass
class Failure:
    """A scripted error answer. `stored`: the service kept the activity although it
    answered with an error (a 5xx after the write), so the client sees it."""

    status: int
    conversation_id: str | None = None  # None: any conversation
    stored: bool = False
    activity_type: str = "message"  # typing indicators pass


@dataclass
class FakeConnector:
    """Records what the bot sends to /v3/conversations/... and answers like the service.

    Like Teams (and the Agents Playground) it refuses a post carrying JSON nulls at the
    top level (400 BadArgument), a stream outside a personal chat (403
    ContentStreamNotAllowed), a streaming update that does not extend the text streamed
    before, and a final message whose text does not begin with the streamed text. A
    stream's activities get the stream's id back. `fail_next` scripts refusals: each
    post takes the next status from it (201 when it is empty).
    """

    sent: list[Sent] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    url: str = ""
    delay_s: float = 0.0
    fail_next: list[int] = field(default_factory=list)
    refused: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    _streams: dict[str, str] = field(default_factory=dict)  # stream id -> text so far
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _runner: web.AppRunner | None = None

    async def start(self) -> FakeConnector:
        web_app = web.Application()
        web_app.router.add_post("/v3/conversations/{cid}/activities", self._post)
        web_app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._post)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _check(self, conversation_id: str, body: dict[str, Any]) -> web.Response | None:
        nulls = sorted(k for k, v in body.items() if v is None)
        if nulls:
            return _refusal(400, "BadArgument", f"null is not a valid value for {nulls}")
        info = stream_info(body)
        if info is None:
            return None
        if not conversation_id.startswith("a:"):
            return _refusal(403, "ContentStreamNotAllowed", "streaming is for personal chats")
        stream_id = info.get("streamId") or ""
        text = str(body.get("text") or "")
        if stream_id and stream_id not in self._streams:
            return _refusal(400, "BadArgument", f"unknown stream {stream_id}")
        before = self._streams.get(stream_id, "")
        if info.get("streamType") == "streaming" and not text.startswith(before):
            return _refusal(400, "BadArgument", "a streaming update must extend the text")
        if info.get("streamType") == "final" and not text.startswith(before):
            return _refusal(400, "BadArgument", "the final message differs from the stream")
        return None

    async def _post(self, request: web.Request) -> web.Response:
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        body = await request.json()
        status = self.fail_next.pop(0) if self.fail_next else 201
        refusal = self._check(request.match_info["cid"], body) if status < 300 else \
            _refusal(status, "ServiceError", "scripted failure")
        if refusal is not None:
            self.refused.append((refusal.status, body))
            return refusal
        info = stream_info(body)
        record = Sent(
            conversation_id=request.match_info["cid"],
            reply_to=request.match_info.get("aid"),
            activity=body,
            authorization=request.headers.get("Authorization"),
            at=time.perf_counter(),
        )
        failure = next((f for f in self.failures if record.type == f.activity_type
                        and f.conversation_id in (None, record.conversation_id)), None)
        async with self._changed:
            if failure is not None:
                self.failures.remove(failure)
                self.refused.append((failure.status, body))
            if failure is None or failure.stored:
                self.sent.append(record)
            self._changed.notify_all()
        if failure is not None:
            return web.json_response({"error": {"code": "ServiceError",
                                                "message": "scripted failure"}},
                                     status=failure.status)
        new_id = f"1:{len(self.sent)}"
        if info is not None:
            stream_id = info.get("streamId") or new_id
            if info.get("streamType") != "informative":
                self._streams[stream_id] = str(body.get("text") or "")
            else:
                self._streams.setdefault(stream_id, "")
            new_id = stream_id
        return web.json_response({"id": new_id}, status=201)

    def fail(self, status: int, *, conversation_id: str | None = None,
             stored: bool = False, times: int = 1) -> None:
        """The next `times` posts (to `conversation_id`, or any) answer `status`."""
        self.failures += [Failure(status, conversation_id, stored) for _ in range(times)]

    def messages(self, conversation_id: str | None = None) -> list[Sent]:
        return [
            s for s in self.sent
            if s.type == "message" and conversation_id in (None, s.conversation_id)
        ]

    async def wait_for(
        self, predicate: Callable[[list[Sent]], bool], timeout_s: float = 5.0
    ) -> list[Sent]:
        async def until() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: predicate(self.sent))

        await asyncio.wait_for(until(), timeout_s)
        return self.sent

    async def wait_messages(self, count: int, timeout_s: float = 5.0) -> list[Sent]:
        await self.wait_for(lambda sent: len([s for s in sent if s.type == "message"]) >= count,
                            timeout_s)
        return self.messages()


# -- signing keys and the JWKS endpoint (a thread, not the bot's event loop) -----------------


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class KeyServer:
    """Serves OpenID metadata and the JWKS over HTTP from its own thread."""

    def __init__(self, key: rsa.RSAPrivateKey, kid: str = "test-key-1") -> None:
        self.kid = kid
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        public.update({"kid": kid, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]})
        self.jwks = {"keys": [public]}
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                if self.path == "/v1/.well-known/openidconfiguration":
                    body: dict[str, Any] = {
                        "issuer": BOT_FRAMEWORK_ISSUER,
                        "jwks_uri": f"{server.url}/v1/.well-known/keys",
                        "id_token_signing_alg_values_supported": ["RS256"],
                    }
                elif self.path == "/v1/.well-known/keys":
                    body = server.jwks
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/v1/.well-known/keys"

    def __enter__(self) -> KeyServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def mint(
    key: rsa.RSAPrivateKey,
    *,
    kid: str | None = "test-key-1",
    audience: str = APP_ID,
    issuer: str = BOT_FRAMEWORK_ISSUER,
    service_url: str = "",
    expires_in_s: float = 3600,
    **claims: Any,
) -> str:
    """A token shaped like the ones the Bot Connector sends with each activity."""
    now = int(time.time())
    body: dict[str, Any] = {
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": int(now + expires_in_s),
        "iss": issuer,
        "aud": audience,
        **claims,
    }
    headers = {"kid": kid} if kid else {}
    return jwt.encode(body, key, algorithm="RS256", headers=headers)


# -- outbound token provider (instead of MSAL calling login.microsoftonline.com) ------------


class LocalTokenProvider(AccessTokenProviderBase):
    """Hands out a fixed token; records each request (the SDK's provider seam)."""

    requests: ClassVar[list[tuple[str, tuple[str, ...]]]] = []

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        self._configuration = configuration

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        LocalTokenProvider.requests.append((resource_url, tuple(scopes)))
        return OUTBOUND_TOKEN

    def get_token_credential(self) -> AsyncTokenCredential:
        raise NotImplementedError("not used by the bot")


@asynccontextmanager
async def teams_endpoint(
    app: App, settings: TeamsSettings,
    host_validator: OutboundHostValidator | None = None,
) -> AsyncIterator[tuple[web.Application, str]]:
    """The shared server with the Teams endpoint on a free loopback port, outbound tokens
    from `LocalTokenProvider`: (the aiohttp app, its base URL). The fake connector is on
    loopback http, which the production host check refuses, so that check is off unless
    a `host_validator` is given."""
    web_app = server.build(app)
    assert teams.AGENT_KEY not in web_app  # Teams is off in the environment
    teams.register(web_app, app, settings=settings, token_provider_factory=LocalTokenProvider,
                   host_validator=host_validator or OutboundHostValidator(enabled=False))
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        yield web_app, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
