"""Knowledge: list and filter entries, edit with a live preview, history with diffs."""

from __future__ import annotations

import difflib

from aiohttp import web

from adapters.console_web import auth
from adapters.console_web.forms import FormError, entry_from_form, form_values, raw_values
from adapters.console_web.site import site_of
from bot.knowledge.entries import Entry
from bot.knowledge.lint import lint_entries
from bot.knowledge.templating import TemplateError, render
from bot.knowledge.topics import TOPICS
from bot.store import StoreError
from bot.workflows.curation import CurationError

STATUSES = ("draft", "published", "retired")


def _matches(entry: Entry, q: str, topic: str, client: str, status: str) -> bool:
    if status and entry.status != status:
        return False
    if topic and topic not in entry.topics:
        return False
    if client and entry.tenants != "all" and client not in entry.tenants:
        return False
    if q:
        haystack = " ".join((entry.id, entry.title, *entry.questions, entry.body)).lower()
        return all(word in haystack for word in q.lower().split())
    return True


async def listing(request: web.Request) -> web.Response:
    site = site_of(request)
    query = {k: request.query.get(k, "").strip() for k in ("q", "topic", "client", "status")}
    entries = [e for e in await site.app.store.knowledge.list_entries()
               if _matches(e, **query)]
    template = "knowledge_rows.html" if "HX-Request" in request.headers else "knowledge.html"
    tenants = await site.app.store.tenants.all()
    return site.page(request, template, entries=entries, query=query, topics=TOPICS,
                     tenants=tenants, statuses=STATUSES)


async def _editor(request: web.Request, entry: Entry | None, values: dict[str, object],
                  error: str | None = None, status: int = 200, saved: str | None = None
                  ) -> web.Response:
    site = site_of(request)
    history = await site.app.store.knowledge.history(entry.id) if entry else []
    return site.page(request, "entry.html", status=status, entry=entry, values=values,
                     error=error, saved=saved, topics=TOPICS, statuses=STATUSES,
                     tenants=await site.app.store.tenants.all(), history=history[::-1])


async def show(request: web.Request) -> web.Response:
    entry = await site_of(request).app.store.knowledge.get(request.match_info["entry_id"])
    if entry is None:
        raise web.HTTPNotFound(text="no such entry")
    saved = request.query.get("saved")
    return await _editor(request, entry, form_values(entry), saved=saved)


async def new(request: web.Request) -> web.Response:
    auth.require(request, auth.Role.EDITOR)
    return await _editor(request, None, form_values(None, request.query.get("question", "")))


async def save(request: web.Request) -> web.StreamResponse:
    auth.require(request, auth.Role.EDITOR)
    site = site_of(request)
    entry_id = request.match_info.get("entry_id")
    current = await site.app.store.knowledge.get(entry_id) if entry_id else None
    if entry_id and current is None:
        raise web.HTTPNotFound(text="no such entry")
    form = await request.post()
    try:
        entry = entry_from_form(form, entry_id)
        saved = await site.curation.save(entry, mode="edit" if entry_id else "add",
                                         actor=auth.actor(request),
                                         change=str(form.get("change") or "") or None)
    except (FormError, CurationError) as exc:
        return await _editor(request, current, raw_values(form), error=str(exc), status=422)
    note = f"v{saved.version}" if saved.changed else "unchanged"
    raise web.HTTPSeeOther(f"/console/knowledge/{saved.entry.id}?saved={note}")


async def preview(request: web.Request) -> web.Response:
    """The answer as a chosen client and as an unknown sender would read it, with lint."""
    site = site_of(request)
    form = await request.post()
    slug = str(form.get("preview_client", ""))
    tenant = await site.app.store.tenants.get(slug) if slug else None
    renders: list[tuple[str, str | None, str | None]] = []
    for label, who in ((tenant.name if tenant else None, tenant), ("An unknown sender", None)):
        if label is None:
            continue
        try:
            renders.append((label, render(str(form.get("body", "")), who), None))
        except TemplateError as exc:
            renders.append((label, None, str(exc)))
    problems: list[str] = []
    try:
        entry = entry_from_form(form, str(form.get("id", "")) or "preview-entry")
    except FormError as exc:
        problems.append(str(exc))
    else:
        others = [e for e in await site.app.store.knowledge.list_entries()
                  if e.id != entry.id and e.status != "retired"]
        problems += [str(p) for p in lint_entries([*others, entry])
                     if entry.id in p.where.split(", ")]
    return site.page(request, "preview.html", renders=renders, problems=problems)


async def history(request: web.Request) -> web.Response:
    site = site_of(request)
    entry_id = request.match_info["entry_id"]
    try:
        rows = await site.app.store.knowledge.history(entry_id)
    except StoreError:
        raise web.HTTPNotFound(text="no such entry") from None
    diffs = []
    previous: list[str] = []
    for row in rows:
        text = row.entry.to_markdown().splitlines()
        diff = list(difflib.unified_diff(previous, text, f"v{row.version - 1}", f"v{row.version}",
                                         lineterm="", n=2))
        diffs.append((row, diff[2:] if previous else []))  # the first version: no diff
        previous = text
    return site.page(request, "history.html", entry_id=entry_id, diffs=diffs[::-1],
                     current=rows[-1].version if rows else 0)


async def revert(request: web.Request) -> web.StreamResponse:
    auth.require(request, auth.Role.EDITOR)
    site = site_of(request)
    entry_id = request.match_info["entry_id"]
    form = await request.post()
    try:
        version = int(str(form.get("version", "")))
        new_version = await site.app.store.knowledge.revert(entry_id, version, auth.actor(request))
    except (ValueError, StoreError) as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    raise web.HTTPSeeOther(f"/console/knowledge/{entry_id}?saved=v{new_version}")


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/knowledge", listing)
    router.add_get("/knowledge/new", new)
    router.add_post("/knowledge/new", save)
    router.add_post("/knowledge/preview", preview)
    router.add_get("/knowledge/{entry_id}", show)
    router.add_post("/knowledge/{entry_id}", save)
    router.add_get("/knowledge/{entry_id}/history", history)
    router.add_post("/knowledge/{entry_id}/revert", revert)
