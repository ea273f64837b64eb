"""What every fake vendor API shares: a loopback aiohttp server that records each request
and can be told to misbehave (fail the next N requests, answer slowly, refuse connections)."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any  # parsed JSON, a form as a dict, raw text, or None


@dataclass
class _Fault:
    status: int
    retry_after: str | None
    body: Any
    method: str | None  # None: any method
    path: str | None  # a path suffix; None: any path

    def matches(self, request: web.Request) -> bool:
        return ((self.method is None or self.method == request.method)
                and (self.path is None or request.path.endswith(self.path)))


@dataclass
class _Slowness:
    seconds: float
    times: int


@dataclass
class FakeServer:
    """Subclasses add routes in `setup_routes` and decide in `authorised`."""

    requests: list[Recorded] = field(default_factory=list)
    _faults: deque[_Fault] = field(default_factory=deque)
    _slow: _Slowness | None = None
    _lose: list[_Fault] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _site: web.TCPSite | None = None
    port: int = 0

    # -- to override ---------------------------------------------------------------------

    def setup_routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def authorised(self, request: web.Request) -> web.Response | None:
        """None when the request carries valid credentials, else the vendor's refusal."""
        return None

    # -- control from tests --------------------------------------------------------------

    def fail_next(self, status: int, times: int = 1, *, retry_after: str | None = None,
                  body: Any = None, method: str | None = None,
                  path: str | None = None) -> None:
        """Answer the next `times` requests (of `method` to a path ending in `path`, if
        given) with `status`, with a Retry-After header if given, without processing them."""
        for _ in range(times):
            self._faults.append(_Fault(status, retry_after, body, method, path))

    def lose_next_response(self, times: int = 1, *, method: str | None = None,
                           path: str | None = None) -> None:
        """Process the next `times` matching requests, then drop the connection instead of
        answering: the client cannot know whether its create landed."""
        self._lose.extend(_Fault(0, None, None, method, path) for _ in range(times))

    def slow_next(self, seconds: float, times: int = 1) -> None:
        """Hold the next `times` requests for `seconds` before answering."""
        self._slow = _Slowness(seconds, times)

    async def refuse_connections(self) -> None:
        """Stop listening: new connections are refused until `accept_connections`."""
        if self._site is not None:
            await self._site.stop()
            self._site = None

    async def accept_connections(self) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await self._site.start()

    def requests_to(self, method: str, path_suffix: str) -> list[Recorded]:
        return [r for r in self.requests
                if r.method == method and r.path.lower().endswith(path_suffix.lower())]

    # -- life cycle ----------------------------------------------------------------------

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware])
        self.setup_routes(app)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await self._site.start()
        server = self._site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- the middleware ------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append(await _record(request))
        if self._slow is not None and self._slow.times > 0:
            self._slow.times -= 1
            await asyncio.sleep(self._slow.seconds)
        fault = _take(self._faults, request)
        if fault is not None:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return web.json_response(fault.body or {"message": f"injected {fault.status}"},
                                     status=fault.status, headers=headers)
        refusal = self.authorised(request)
        if refusal is not None:
            return refusal
        response: web.StreamResponse = await handler(request)
        lost = _take(self._lose, request) is not None
        if lost and request.transport is not None:
            request.transport.abort()  # the answer below goes nowhere
        return response



def _take(faults: Any, request: web.Request) -> _Fault | None:
    for fault in faults:
        if fault.matches(request):
            faults.remove(fault)
            return fault  # type: ignore[no-any-return]
    return None


async def _record(request: web.Request) -> Recorded:
    raw = await request.read()
    body: Any = None
    if raw:
        text = raw.decode("utf-8", "replace")
        if request.content_type == "application/x-www-form-urlencoded":
            body = dict((await request.post()).items())
        else:
            try:
                body = json.loads(text)
            except ValueError:
                body = text
    return Recorded(
        method=request.method,
        path=request.path,
        query=dict(request.query.items()),
        headers=dict(request.headers.items()),
        body=body,
    )
