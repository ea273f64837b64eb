"""What every console page shares: the app, the templates, and the page renderer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from adapters.console_web import auth
from adapters.console_web.config import ConsoleSettings
from adapters.console_web.oidc import OidcClient
from bot.core.bot import Bot
from bot.service.app import App
from bot.workflows.curation import Curation

HERE = Path(__file__).parent
STATIC_FILES = {  # url name -> file (the vendored files keep their version in the name)
    "htmx.js": "htmx-2.0.4.min.js",
    "chart.js": "chart-4.4.7.umd.js",
    "console.js": "console.js",
}
NAV = (("knowledge", "Knowledge"), ("gaps", "Gaps & feedback"), ("tickets", "Tickets"),
       ("figures", "Figures"), ("try", "Try it"), ("staff", "Staff"))


@dataclass
class Site:
    app: App
    settings: ConsoleSettings
    templates: jinja2.Environment
    curation: Curation
    trial: Bot  # answers like the live bot, records nothing
    oidc: OidcClient

    @classmethod
    def create(cls, app: App, settings: ConsoleSettings) -> Site:
        templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                       autoescape=True, undefined=jinja2.StrictUndefined)
        bot = app.bot
        trial = Bot(app.store, bot.knowledge, bot.composer, voice=bot.voice,
                    max_message_chars=bot.max_message_chars, record=False,
                    rewriter=bot.rewriter)
        return cls(app, settings, templates, Curation(app.store), trial,
                   OidcClient(app.store, settings))

    def page(self, request: web.Request, template: str, status: int = 200,
             **context: Any) -> web.Response:
        session = request.get(auth.SESSION_KEY)
        body = self.templates.get_template(template).render(
            session=session, csrf=session.csrf if session else "", nav=NAV,
            role=auth.Role.parse(session.member.role) if session else None,
            Role=auth.Role, here=request.path, **context)
        return web.Response(text=body, content_type="text/html", status=status)


SITE_KEY = web.AppKey("console_site", Site)


def site_of(request: web.Request) -> Site:
    return request.config_dict[SITE_KEY]
