"""Figures and charts (drawn by the vendored Chart.js from JSON in the page)."""

from __future__ import annotations

from aiohttp import web

from adapters.console_web.site import site_of
from bot.workflows.figures import figures


async def page(request: web.Request) -> web.Response:
    site = site_of(request)
    try:
        days = max(1, min(365, int(request.query.get("days", "30"))))
    except ValueError:
        days = 30
    found = await figures(site.app.store, days)
    charts = {
        "days": found.days,
        "actions": found.actions_per_day,
        "feedback": found.feedback_per_day,
        "fallbacks": found.fallbacks_per_day,
        "tokens": found.tokens_per_day,
        "by_topic": [[s.label, s.percent, s.total] for s in found.by_topic],
        "by_client": [[s.label, s.percent, s.total] for s in found.by_client],
    }
    return site.page(request, "figures.html", figures=found, charts=charts, days=days)


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/figures", page)
