"""Console access: sessions in the database, CSRF tokens, roles, sign-in rate limits.

The session cookie holds a random token; the database keeps only its SHA-256, with the
staff member, a CSRF token and an expiry, so every replica honours the same sessions and
a stolen database row cannot be replayed as a cookie. Every request that changes
anything must carry the session's CSRF token (a form field or the X-CSRF-Token header
htmx sends) and, when the browser sends one, an Origin of this site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from enum import IntEnum
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from adapters.console_web.config import ConsoleSettings
from bot.store import Store
from bot.store.records import StaffSession

COOKIE = "mspbot_console"
LOGIN_COOKIE = "mspbot_console_login"  # double-submit CSRF token of the sign-in form
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_KEY = web.RequestKey("console_session", StaffSession)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Role(IntEnum):
    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown role {name!r}: viewer, editor or admin") from None

    @property
    def label(self) -> str:
        return self.name.lower()


ROLE_NAMES = tuple(r.label for r in Role)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def set_cookie(response: web.StreamResponse, settings: ConsoleSettings, name: str, value: str,
               max_age: int | None = None) -> None:
    response.set_cookie(name, value, path="/console/", max_age=max_age, httponly=True,
                        secure=settings.secure_cookies, samesite="Lax")


async def open_session(store: Store, settings: ConsoleSettings, response: web.StreamResponse,
                       email: str, via: str) -> None:
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=settings.session_hours)
    await store.staff.open_session(token_hash(token), email, secrets.token_urlsafe(32), via,
                                   expires)
    set_cookie(response, settings, COOKIE, token, int(settings.session_hours * 3600))


async def close_session(store: Store, request: web.Request, response: web.StreamResponse) -> None:
    token = request.cookies.get(COOKIE)
    if token:
        await store.staff.close_session(token_hash(token))
    response.del_cookie(COOKIE, path="/console/")


def origin_ok(request: web.Request, settings: ConsoleSettings) -> bool:
    """A browser names the site a POST came from; it must be this one."""
    origin = request.headers.get("Origin")
    if origin is None:  # not a browser, or an old one: the CSRF token alone decides
        return True
    allowed = {f"{request.scheme}://{request.host}"}
    if settings.base_url:
        parsed = urlsplit(settings.base_url)
        allowed.add(f"{parsed.scheme}://{parsed.netloc}")
    return origin in allowed


async def csrf_ok(request: web.Request, expected: str, settings: ConsoleSettings) -> bool:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.content_type in ("application/x-www-form-urlencoded",
                                                 "multipart/form-data"):
        sent = str((await request.post()).get("csrf", ""))
    return bool(sent) and same(sent or "", expected) and origin_ok(request, settings)


def refuse(request: web.Request, status: int, message: str) -> web.StreamResponse:
    if request.method in SAFE_METHODS and "HX-Request" not in request.headers and status == 401:
        raise web.HTTPSeeOther("/console/login")
    return web.Response(status=status, text=message, content_type="text/plain")


def middleware(store: Store, settings: ConsoleSettings,
               public: Callable[[web.Request], bool]) -> Middleware:
    """Every console request needs a live session, except the sign-in pages."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if public(request):
            return await handler(request)
        token = request.cookies.get(COOKIE)
        session = await store.staff.session(token_hash(token)) if token else None
        if session is None:
            return refuse(request, 401, "sign in first")
        if request.method not in SAFE_METHODS and not await csrf_ok(request, session.csrf,
                                                                      settings):
            return refuse(request, 403, "the form was out of date or not from this site "
                                        "(CSRF check failed): reload the page and try again")
        request[SESSION_KEY] = session
        response = await handler(request)
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    return check


def session_of(request: web.Request) -> StaffSession:
    return request[SESSION_KEY]


def role_of(request: web.Request) -> Role:
    return Role.parse(session_of(request).member.role)


def require(request: web.Request, role: Role) -> None:
    if role_of(request) < role:
        raise web.HTTPForbidden(text=f"this needs the {role.label} role", content_type="text/plain")


def actor(request: web.Request) -> str:
    """How a change is signed in the knowledge history: name and email."""
    member = session_of(request).member
    return f"{member.name} <{member.email}> (console)"[:200]


class LoginLimiter:
    """Failed sign-ins counted in the database (all replicas), per email and per address."""

    def __init__(self, store: Store, settings: ConsoleSettings) -> None:
        self.store = store
        self.settings = settings

    def _since(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=self.settings.login_window_s)

    async def blocked(self, email: str, address: str) -> bool:
        since = self._since()
        return (await self.store.staff.failures(since, email=email) >= self.settings.login_attempts
                or await self.store.staff.failures(since, address=address)
                >= self.settings.address_attempts)

    async def failed(self, email: str, address: str) -> None:
        await self.store.staff.record_failure(email, address)

    async def succeeded(self, email: str) -> None:
        await self.store.staff.clear_failures(email)
