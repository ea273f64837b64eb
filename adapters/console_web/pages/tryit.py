"""Try it: a message as any client, the decision, what retrieval found, and the reply
as Slack and Teams would show it. Nothing is recorded and nobody is alerted."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from aiohttp import web

from adapters.console_web.site import site_of
from adapters.slack.render import render_reply as slack_reply
from adapters.teams import answer as teams_answer
from bot.core.models import InboundMessage, Reply


@dataclass(frozen=True)
class TeamsView:
    """The Teams message as a client sees it: its text (with citation markers), the
    citations, Teams' own feedback buttons, and the small card's buttons."""

    text: str
    sources: list[str]
    feedback: bool
    card_text: str
    buttons: list[str]


def teams_view(reply: Reply, question: str) -> tuple[TeamsView, str]:
    activity = teams_answer.message(reply, question)
    card = teams_answer.buttons_card(reply, question) or {}
    card_text = " ".join(str(b.get("text", "")) for b in card.get("body", []))
    view = TeamsView(text=activity.text or "", sources=[c.title for c in reply.citations],
                     feedback=teams_answer.feedback_loop(reply), card_text=card_text,
                     buttons=[str(a.get("title", "")) for a in card.get("actions", [])])
    sent = activity.model_dump(mode="json", by_alias=True, exclude_none=True)
    return view, json.dumps(sent, indent=2, ensure_ascii=False)


async def page(request: web.Request) -> web.Response:
    site = site_of(request)
    return site.page(request, "try.html", tenants=await site.app.store.tenants.all(),
                     chosen=request.query.get("client", ""), text=request.query.get("q", ""))


async def ask(request: web.Request) -> web.Response:
    site = site_of(request)
    form = await request.post()
    text = str(form.get("text", "")).strip()
    slug = str(form.get("client", "")) or None
    if not text:
        return site.page(request, "try_result.html", error="Type a message first.")
    if slug is not None and await site.app.store.tenants.get(slug) is None:
        return site.page(request, "try_result.html", error=f"No client {slug!r}.")
    await site.trial.knowledge.fresh()  # an edit saved a moment ago is what answers
    assessment = await site.trial.intake.assess(text, slug)
    reply = await site.trial.handle(InboundMessage(text=text, platform="console",
                                                   user_id="console-try", tenant=slug))
    # Rendered as a recorded reply would be (the live bot's replies carry their interaction
    # id, which is what makes Slack show the feedback buttons); this one has id 0.
    shown = replace(reply, interaction_id=0)
    slack = slack_reply(shown)
    teams, teams_json = teams_view(shown, text)
    return site.page(
        request, "try_result.html", error=None, reply=reply, assessment=assessment,
        slack=slack, teams=teams,
        slack_json=json.dumps([m.blocks for m in slack], indent=2, ensure_ascii=False),
        teams_json=teams_json)


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/try", page)
    router.add_post("/try", ask)
