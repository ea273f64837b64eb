"""Staff accounts (admins): who may use the console, and with which role."""

from __future__ import annotations

from aiohttp import web

from adapters.console_web import auth
from adapters.console_web.site import site_of
from bot.store import StoreError


async def listing(request: web.Request) -> web.Response:
    auth.require(request, auth.Role.ADMIN)
    site = site_of(request)
    return site.page(request, "staff.html", members=await site.app.store.staff.all(),
                     roles=auth.ROLE_NAMES)


async def set_role(request: web.Request) -> web.StreamResponse:
    auth.require(request, auth.Role.ADMIN)
    site = site_of(request)
    form = await request.post()
    email, role = str(form.get("email", "")), str(form.get("role", ""))
    if role not in auth.ROLE_NAMES:
        raise web.HTTPBadRequest(text="unknown role")
    if email == auth.session_of(request).member.email and role != "admin":
        raise web.HTTPBadRequest(text="you cannot take away your own admin role")
    try:
        await site.app.store.staff.update(email, role=role)
    except StoreError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    raise web.HTTPSeeOther("/console/staff")


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/staff", listing)
    router.add_post("/staff/role", set_role)
