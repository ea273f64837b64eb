"""Sign-in (password or single sign-on) and sign-out: the only pages without a session."""

from __future__ import annotations

import logging
import secrets

from aiohttp import web

from adapters.console_web import auth, passwords
from adapters.console_web.oidc import OidcError
from adapters.console_web.site import site_of

log = logging.getLogger(__name__)
PUBLIC = ("/console/login",)


def is_public(request: web.Request) -> bool:
    return request.path == "/console/login" or request.path.startswith("/console/login/oidc/")


def _form(request: web.Request, error: str | None = None, email: str = "",
          status: int = 200) -> web.Response:
    site = site_of(request)
    token = secrets.token_urlsafe(32)
    response = site.page(request, "login.html", status=status, error=error, email=email,
                         login_csrf=token, providers=list(site.settings.providers.values()))
    auth.set_cookie(response, site.settings, auth.LOGIN_COOKIE, token, 3600)
    return response


async def login_form(request: web.Request) -> web.Response:
    return _form(request)


async def login(request: web.Request) -> web.StreamResponse:
    site = site_of(request)
    form = await request.post()
    email = str(form.get("email", "")).strip().lower()
    password = str(form.get("password", ""))
    cookie = request.cookies.get(auth.LOGIN_COOKIE, "")
    sent = str(form.get("csrf", ""))
    if not cookie or not sent or not auth.same(cookie, sent) or \
            not auth.origin_ok(request, site.settings):
        return _form(request, "The sign-in form had expired. Please try again.", email, 403)
    address = request.remote or "unknown"
    limiter = auth.LoginLimiter(site.app.store, site.settings)
    if await limiter.blocked(email, address):
        log.warning("console sign-in refused: too many failures",
                    extra={"fields": {"event": "console-login-limited", "email": email}})
        return _form(request, "Too many failed sign-ins. Wait a few minutes and try again.",
                     email, 429)
    member = await site.app.store.staff.get(email) if email else None
    ok = passwords.verify(member.password_hash if member else None, password)
    if member is None or not ok:
        await limiter.failed(email, address)
        return _form(request, "That email and password do not match a staff account.", email, 401)
    await limiter.succeeded(email)
    response = web.HTTPSeeOther("/console/knowledge")
    await auth.open_session(site.app.store, site.settings, response, member.email, "password")
    response.del_cookie(auth.LOGIN_COOKIE, path="/console/")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    response = web.HTTPSeeOther("/console/login")
    await auth.close_session(site_of(request).app.store, request, response)
    raise response


async def oidc_start(request: web.Request) -> web.StreamResponse:
    site = site_of(request)
    provider = site.settings.providers.get(request.match_info["provider"])
    if provider is None:
        raise web.HTTPNotFound(text="that sign-in method is not configured")
    try:
        target = await site.oidc.start(provider)
    except (OidcError, OSError) as exc:
        return _form(request, f"{provider.label} sign-in is unavailable: {exc}", status=502)
    raise web.HTTPSeeOther(target)


async def oidc_callback(request: web.Request) -> web.StreamResponse:
    site = site_of(request)
    provider = site.settings.providers.get(request.match_info["provider"])
    if provider is None:
        raise web.HTTPNotFound(text="that sign-in method is not configured")
    query = request.query
    if "error" in query:
        return _form(request, f"{provider.label} did not sign you in: "
                              f"{query.get('error_description') or query['error']}", status=401)
    try:
        who = await site.oidc.finish(provider, query.get("state", ""), query.get("code", ""))
    except (OidcError, OSError) as exc:
        return _form(request, f"{provider.label} sign-in failed: {exc}", status=401)
    member = await site.app.store.staff.get(who.email)
    if member is None:
        return _form(request, f"{who.email} has no staff account here; an admin can add it "
                              "with `mspbot staff add`.", status=403)
    response = web.HTTPSeeOther("/console/knowledge")
    await auth.open_session(site.app.store, site.settings, response, member.email, provider.name)
    raise response


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/login", login_form)
    router.add_post("/login", login)
    router.add_post("/logout", logout)
    router.add_get("/login/oidc/{provider}", oidc_start)
    router.add_get("/login/oidc/{provider}/callback", oidc_callback)
