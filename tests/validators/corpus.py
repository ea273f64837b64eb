"""What our renderers produce, for the official validators: every knowledge entry's
answer for a known and an unknown client, the escalations, staff alerts, notices, forms
and modals, plus the edge cases the renderers handle specially (long answers split over
several messages, a preface, many sources, an LLM answer, text that needs escaping).

Each function returns name -> rendered value, built by the real render functions."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from adapters.slack import curation as slack_curation
from adapters.slack import render as slack
from adapters.teams import curation as teams_curation
from adapters.teams import render as teams
from bot.core import replies as wording
from bot.core.models import (
    Action,
    Button,
    Citation,
    ComposerKind,
    InboundMessage,
    Reason,
    Reply,
    TicketInfo,
)
from bot.core.ports import StaffAlert
from bot.knowledge.entries import Entry, load_directory
from bot.knowledge.templating import render as fill
from bot.tenants.agreement import Tenant, load_tenant_file

ROOT = Path(__file__).resolve().parents[2]
MSP = "Northwind IT"
ALL_BUTTONS = (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON)
QUESTION = "Why isn't my email fixed yet? It's been 4 hours & <nobody> called."
TRICKY = ('Prices in "quotes" & <angle brackets>, a * star, _underscores_, ~tildes~, '
          "a `tick`, an emoji 🚨 and a link https://example.com/a?b=1&c=2")


@functools.cache
def entries() -> tuple[Entry, ...]:
    return tuple(load_directory(ROOT / "knowledge"))


@functools.cache
def tenant() -> Tenant:
    return load_tenant_file(ROOT / "examples" / "tenants" / "acme-dental.yaml")


def _citation(entry: Entry) -> Citation:
    return Citation(entry.id, entry.title, entry.topics)


def replies() -> dict[str, tuple[Reply, str]]:
    """name -> (reply, the client's question), as the core would hand them to a platform."""
    out: dict[str, tuple[Reply, str]] = {}
    known = tenant()
    for entry in entries():
        for client in (known, None):
            out[f"answer/{entry.id}/{client.slug if client else 'unknown'}"] = (Reply(
                text=fill(entry.body, client), action=Action.ANSWER, confidence=0.9,
                citations=(_citation(entry),), buttons=ALL_BUTTONS,
                tenant=client.slug if client else None, reason=Reason.KNOWLEDGE,
                interaction_id=101,
            ), entry.questions[0])
    voice = wording.Voice(MSP, "+1 555 0100 (the MSP's own line)")
    for reason in (Reason.EMERGENCY, Reason.HUMAN, Reason.REQUEST):
        for client in (known, None):
            for notified in (True, False):
                name = f"escalate/{reason.value}/{client.slug if client else 'unknown'}"
                out[name + ("" if notified else "/not-notified")] = (Reply(
                    text=wording.escalation(reason, client, voice, notified=notified),
                    action=Action.ESCALATE, confidence=1.0,
                    tenant=client.slug if client else None, reason=reason,
                    interaction_id=102, staff_notified=notified,
                ), QUESTION)
    first, second, third = entries()[:3]
    long_text = "\n\n".join(fill(e.body, known) for e in entries() * 2)  # > 20 sections
    out["answer/long-split"] = (Reply(
        text=long_text, action=Action.ANSWER, confidence=0.7,
        citations=tuple(_citation(e) for e in entries()[:12]), buttons=ALL_BUTTONS,
        tenant=known.slug, interaction_id=103,
    ), QUESTION * 40)
    out["answer/llm-three-sources"] = (Reply(
        text=f"**Response** is not *resolution*.\n\n- {TRICKY}\n- second point\n\n"
             "1. first\n2. second\n\n> a quote\n\n```\nping 8.8.8.8\n```",
        action=Action.ANSWER, confidence=0.8, composer=ComposerKind.LLM,
        citations=(_citation(first), _citation(second), _citation(third)),
        buttons=ALL_BUTTONS, tenant=known.slug, interaction_id=104,
    ), TRICKY)
    out["answer/no-interaction-id"] = (Reply(
        text="An answer the store could not record.", action=Action.ANSWER,
        confidence=0.6, buttons=ALL_BUTTONS,
    ), "why?")
    out["decline"] = (Reply(
        text="I'm only set up to help with questions about your IT service.",
        action=Action.DECLINE, confidence=0.2, interaction_id=105,
    ), "what's the weather?")
    return out


def staff_alerts(platform: str) -> list[tuple[str, StaffAlert, str | None]]:
    """name, alert, and the link to the client's message (None: no link)."""
    inbound = InboundMessage(text=f"{QUESTION}\nSecond line > quoted?\n{TRICKY}",
                             platform=platform, user_id="U123", channel="C456",
                             user_name="Alex Wilber")
    answer = replies()[f"answer/{entries()[0].id}/acme-dental"][0].text
    client = "Acme Dental Group (acme-dental)"
    ticket = TicketInfo(4821, "P2", "2026-12-03T10:30:00-06:00", "new")
    link = "https://acme.slack.com/archives/C1/p1"
    anonymous = InboundMessage(text="help " * 1000, platform=platform, user_id="")
    return [
        ("emergency-with-thread", StaffAlert(Reason.EMERGENCY, inbound, client, "acme-dental",
                                             ticket=ticket, due_text="by 10:30 on Thursday"),
         link),
        ("human-no-link", StaffAlert(Reason.HUMAN, inbound, client, "acme-dental"), None),
        ("request", StaffAlert(Reason.REQUEST, inbound, client, "acme-dental", ticket=ticket),
         link),
        ("talk-to-person", StaffAlert(Reason.HUMAN, inbound, client, "acme-dental",
                                      answer=answer, clicked=True), link),
        ("long-anonymous", StaffAlert(Reason.EMERGENCY, anonymous, "unknown client", None,
                                      answer="x" * 5000), None),
        ("resolved", StaffAlert(Reason.EMERGENCY, inbound, client, "acme-dental", ticket=ticket,
                                resolved=True), link),
    ]


# -- Slack ------------------------------------------------------------------------------


def slack_messages() -> dict[str, list[dict[str, Any]]]:
    """name -> the blocks of one chat.postMessage."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, (reply, _question) in replies().items():
        for number, message in enumerate(slack.render_reply(reply), start=1):
            out[f"{name}/message-{number}"] = message.blocks
        out[f"{name}/stream-final-blocks"] = slack.footer(reply)
    reply, _question = replies()[f"answer/{entries()[0].id}/acme-dental"]
    shared = slack.render_reply(reply, share_key="C123:1712345678.000100",
                                preface="_You asked privately; here is the answer._")
    for number, message in enumerate(shared, start=1):
        out[f"answer/shared-with-preface/message-{number}"] = message.blocks
    [answered] = slack.render_reply(reply)
    for button in ALL_BUTTONS:
        note = (slack.person_note("U0CLIENT01", MSP) if button is Button.TALK_TO_PERSON
                else slack.vote_note(button, "U0CLIENT01"))
        out[f"answer/after-{button.value}"] = slack.settled(answered.blocks, button, note)
    for name, alert, permalink in staff_alerts("slack"):
        out[f"staff-alert/{name}"] = slack.render_staff_alert(alert, permalink).blocks
    return out


def slack_modals() -> dict[str, dict[str, Any]]:
    """name -> the view of views.open (the knowledge-entry modal)."""
    entry = entries()[0]
    return {
        "kb/add-empty": slack_curation.build_modal(slack_curation.Draft()),
        "kb/edit-entry": slack_curation.build_modal(slack_curation.Draft.from_entry(entry)),
        "kb/from-shortcut": slack_curation.build_modal(
            slack_curation.Draft(title="Printer offline", questions=(QUESTION, TRICKY),
                                 body="x" * 4000, source="shortcut",
                                 topics=tuple(entry.topics)),
            private={"channel": "C123", "thread": "1712345678.000100"},
        ),
    }


# -- Teams ------------------------------------------------------------------------------


def teams_cards() -> dict[str, dict[str, Any]]:
    """name -> an Adaptive Card the Teams adapter sends or returns to an invoke."""
    out: dict[str, dict[str, Any]] = {}
    for name, (reply, question) in replies().items():
        out[name] = teams.render_reply(reply, question).card
    out["feedback-thanks/helpful"] = teams.feedback_thanks(Button.HELPFUL)
    out["feedback-thanks/not-helpful"] = teams.feedback_thanks(Button.NOT_HELPFUL)
    out["welcome"] = teams.welcome(MSP)
    out["staff-welcome"] = teams.staff_welcome()
    out["notice"] = teams.notice("Sorry, something went wrong on my side.")
    link = teams.message_link("19:abc@thread.tacv2;messageid=1712", "1713",
                              "9b0c4e8e-0000-4000-8000-000000000001", "group-1")
    for name, alert, with_link in staff_alerts("teams"):
        out[f"staff-alert/{name}"] = teams.staff_alert(alert, link if with_link else None)
    entry = entries()[0]
    out["kb-form/add"] = teams_curation.form("add")
    out["kb-form/edit"] = teams_curation.form("edit", entry)
    out["kb-form/rejected"] = teams_curation.form(
        "add", error="an entry with id 'x' exists already",
        values={"entry_id": "x", "title": "T", "questions": "q", "topics": "security",
                "body": TRICKY})
    return out
