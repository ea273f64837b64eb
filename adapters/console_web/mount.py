"""The console's sub-application and its mounting in `mspbot serve` (see the package)."""

from __future__ import annotations

from aiohttp import web

from adapters.console_web import auth
from adapters.console_web.config import ConsoleSettings
from adapters.console_web.pages import figures, gaps, knowledge, signin, staff, tickets, tryit
from adapters.console_web.site import HERE, SITE_KEY, STATIC_FILES, Site
from bot.service.app import App

PREFIX = "/console/"


async def home(_request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/console/knowledge")


async def static(request: web.Request) -> web.StreamResponse:
    name = STATIC_FILES.get(request.match_info["name"])
    if name is None:
        raise web.HTTPNotFound()
    return web.FileResponse(HERE / "static" / name,
                            headers={"Cache-Control": "private, max-age=3600"})


@web.middleware
async def security_headers(request: web.Request, handler: auth.Handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def build_console(app: App, settings: ConsoleSettings) -> web.Application:
    site = Site.create(app, settings)
    console = web.Application(middlewares=[
        security_headers, auth.middleware(app.store, settings, signin.is_public)])
    console[SITE_KEY] = site
    console.router.add_get("/", home)
    console.router.add_get("/static/{name}", static)
    for page in (signin, knowledge, gaps, tickets, figures, tryit, staff):
        page.routes(console.router)
    return console

