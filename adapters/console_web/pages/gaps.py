"""Gaps and feedback: weak answers grouped by similarity; one click to fix each."""

from __future__ import annotations

import json

from aiohttp import web

from adapters.console_web import auth
from adapters.console_web.site import site_of
from bot.core.models import Action, Intent
from bot.knowledge.topics import TOPICS
from bot.policy import ANSWER_CONFIDENCE
from bot.workflows.curation import CurationError
from bot.workflows.gaps import find_gaps

ESCALATION_INTENTS = (Intent.EMERGENCY.value, Intent.HUMAN.value, Intent.REQUEST.value)


async def listing(request: web.Request) -> web.Response:
    site = site_of(request)
    groups = await find_gaps(site.app.store, ANSWER_CONFIDENCE)
    entries = [e for e in await site.app.store.knowledge.list_entries() if e.status != "retired"]
    return site.page(request, "gaps.html", groups=groups, entries=entries, topics=TOPICS,
                     actions=[a.value for a in Action], intents=ESCALATION_INTENTS,
                     labels=(await site.app.store.labels.all())[-10:][::-1],
                     entry_topic={e.id: e.topics[0] for e in entries},
                     done=request.query.get("done"))


async def alternate(request: web.Request) -> web.StreamResponse:
    """Add the question to an entry's alternate questions (through the curation rules)."""
    auth.require(request, auth.Role.EDITOR)
    site = site_of(request)
    form = await request.post()
    question = str(form.get("question", "")).strip()
    entry = await site.app.store.knowledge.get(str(form.get("entry_id", "")))
    if entry is None or not question:
        raise web.HTTPBadRequest(text="choose an entry and a question")
    if question.lower() not in (q.lower() for q in entry.questions):
        updated = entry.model_copy(update={"questions": (*entry.questions, question)})
        try:
            await site.curation.save(updated, mode="edit", actor=auth.actor(request),
                                     change="alternate question")
        except CurationError as exc:
            raise web.HTTPBadRequest(text=str(exc)) from None
    raise web.HTTPSeeOther(f"/console/gaps?done=added+to+{entry.id}")


async def label(request: web.Request) -> web.StreamResponse:
    auth.require(request, auth.Role.EDITOR)
    site = site_of(request)
    form = await request.post()
    text = str(form.get("question", "")).strip()
    action = str(form.get("action", ""))
    topic = str(form.get("topic", "")) or None
    intent = str(form.get("intent", "")) or None
    if not text or action not in {a.value for a in Action}:
        raise web.HTTPBadRequest(text="a labelled message needs its text and an action")
    if action == Action.ANSWER.value and topic not in TOPICS:
        raise web.HTTPBadRequest(text="an answerable message needs its topic")
    if action == Action.ESCALATE.value and intent not in ESCALATION_INTENTS:
        raise web.HTTPBadRequest(text="an escalation needs its intent: emergency, human or request")
    await site.app.store.labels.add(text, action, topic if action == Action.ANSWER.value else None,
                                    intent if action == Action.ESCALATE.value else None,
                                    auth.actor(request))
    raise web.HTTPSeeOther("/console/gaps?done=labelled")


async def labels_jsonl(request: web.Request) -> web.Response:
    """The labelled messages in the training/*.jsonl format, to commit under training/."""
    lines = []
    for row in await site_of(request).app.store.labels.all():
        record: dict[str, object] = {"id": f"console-{row.id}", "text": row.text,
                                     "action": row.action, "topic": row.topic}
        if row.intent:
            record["intent"] = row.intent
        lines.append(json.dumps(record, ensure_ascii=False))
    return web.Response(text="\n".join(lines) + ("\n" if lines else ""),
                        content_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="console.jsonl"'})


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/gaps", listing)
    router.add_post("/gaps/alternate", alternate)
    router.add_post("/gaps/label", label)
    router.add_get("/gaps/labels.jsonl", labels_jsonl)
