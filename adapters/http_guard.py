"""Middleware in front of every endpoint: request metrics, body limits, clean errors.

For a request with a body it checks, before any handler (and so before any platform SDK)
sees it: the declared size, the content type the route accepts, the actual size while
reading, and that the bytes are UTF-8. Each refusal is a 4xx with a JSON `error` that
says what was wrong. Signatures and tokens are still checked by the platform handlers,
on the raw bytes, before they parse anything; nothing here parses the body.

An exception that escapes a handler becomes a 500 with a generic message (the details
go to the log, never to the caller) and counts in `mspbot_errors_total{where="http"}`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from aiohttp.typedefs import Middleware

from bot.service import metrics

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _route(request: web.Request) -> str:
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


def guard(max_body_bytes: int, content_types: Mapping[str, frozenset[str]]) -> Middleware:
    """`content_types`: route path -> the media types its POSTs may carry."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        started = time.perf_counter()
        route = _route(request)
        status = 500
        try:
            response = await _checked(request, handler, route)
            status = response.status
            return response
        except web.HTTPException as exc:  # 404, 405, 401 raised by handlers...
            status = exc.status
            raise
        except Exception:
            metrics.ERRORS.labels("http").inc()
            log.exception("unhandled error on %s %s", request.method, route)
            return error(500, "internal error")
        finally:
            metrics.HTTP_REQUESTS.labels(route, request.method, str(status)).inc()
            metrics.HTTP_SECONDS.labels(route).observe(time.perf_counter() - started)

    async def _checked(request: web.Request, handler: Handler,
                       route: str) -> web.StreamResponse:
        if request.method not in BODY_METHODS or route == "unmatched":
            return await handler(request)
        length = request.content_length
        if length is not None and length > max_body_bytes:
            return error(413, f"request body too large: at most {max_body_bytes} bytes")
        allowed = content_types.get(route)
        if allowed is not None and request.content_type not in allowed:
            return error(415, f"unsupported content type {request.content_type!r}; "
                              f"expected {' or '.join(sorted(allowed))}")
        try:
            body = await request.read()  # kept by aiohttp for the handler
        except web.HTTPRequestEntityTooLarge:
            return error(413, f"request body too large: at most {max_body_bytes} bytes")
        if not body:
            return error(400, "empty request body")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return error(400, "request body is not valid UTF-8")
        return await handler(request)

    return middleware
