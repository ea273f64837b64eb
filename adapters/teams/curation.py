"""Staff curation from Teams: `kb add` / `kb edit <id>` answer with a form card; the
submitted form becomes a knowledge entry, stored with history. Staff only."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from adapters.teams.render import card, execute, text_block
from bot.knowledge.entries import Entry, EntryError, describe_validation
from bot.knowledge.topics import TOPICS
from bot.workflows.curation import DEFAULT_STATUS

VERB_SAVE = "kb_save"
_COMMAND = re.compile(r"^kb\s+(add|edit)(?:\s+(\S+))?\s*$", re.I)
_REQUIRED_MESSAGES = {
    "entry_id": "An id is needed: lowercase letters, digits and dashes.",
    "title": "A title is needed.",
    "questions": "At least one question is needed.",
    "topics": "Pick at least one topic.",
    "body": "The answer is needed.",
}
FIELDS = ("entry_id", "title", "questions", "topics", "audience", "tenants", "status", "body")


@dataclass(frozen=True)
class KbCommand:
    mode: str  # "add" | "edit"
    entry_id: str | None


def parse_command(text: str) -> KbCommand | None:
    match = _COMMAND.match(text.strip())
    if match is None:
        return None
    return KbCommand(match.group(1).lower(), (match.group(2) or "").lower() or None)


def _choices(values: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"title": title, "value": value} for value, title in values]


def form(mode: str, entry: Entry | None = None, error: str | None = None,
         values: dict[str, Any] | None = None) -> dict[str, Any]:
    """The add/edit form, prefilled from `entry` or from a rejected submission's `values`."""
    v: dict[str, str] = {}
    if entry is not None:
        v = {
            "entry_id": entry.id,
            "title": entry.title,
            "questions": "\n".join(entry.questions),
            "topics": ",".join(entry.topics),
            "audience": entry.audience,
            "tenants": "all" if entry.tenants == "all" else ", ".join(entry.tenants),
            "status": entry.status,
            "body": entry.body,
        }
    for key in FIELDS:
        raw = (values or {}).get(key)
        if isinstance(raw, str):
            v[key] = raw
    title = "Edit a knowledge entry" if mode == "edit" else "Add a knowledge entry"
    body: list[dict[str, Any]] = [text_block(title, weight="Bolder", size="Medium")]
    if error:
        body.append(text_block(f"Not saved: {error}", color="Attention"))
    body += [
        {"type": "Input.Text", "id": "entry_id", "label": "Id (lowercase-with-dashes)",
         "isRequired": True, "value": v.get("entry_id", ""), "isVisible": True,
         "placeholder": "why-not-fixed-in-4-hours"},
        {"type": "Input.Text", "id": "title", "label": "Title", "isRequired": True,
         "value": v.get("title", "")},
        {"type": "Input.Text", "id": "questions", "label": "Questions clients ask (one a line)",
         "isMultiline": True, "isRequired": True, "value": v.get("questions", "")},
        {"type": "Input.ChoiceSet", "id": "topics", "label": "Topics", "isMultiSelect": True,
         "isRequired": True, "style": "filtered", "value": v.get("topics", ""),
         "choices": _choices([(slug, slug) for slug in TOPICS])},
        {"type": "Input.ChoiceSet", "id": "audience", "label": "Audience",
         "value": v.get("audience", "client"),
         "choices": _choices([("client", "Clients"), ("staff", "Staff"), ("all", "Everyone")])},
        {"type": "Input.Text", "id": "tenants", "label": "Clients (all, or slugs with commas)",
         "value": v.get("tenants", "all")},
        {"type": "Input.ChoiceSet", "id": "status", "label": "Status",
         "value": v.get("status", DEFAULT_STATUS),
         "choices": _choices([("draft", "Draft"), ("published", "Published"),
                              ("retired", "Retired")])},
        {"type": "Input.Text", "id": "body", "label": "Answer (Markdown)", "isMultiline": True,
         "isRequired": True, "value": v.get("body", "")},
    ]
    for element in body:  # Teams shows this under a required input left empty
        if element.get("isRequired"):
            element["errorMessage"] = _REQUIRED_MESSAGES[element["id"]]
    return card(body, [execute("Save", VERB_SAVE, {"mode": mode})], fallback=title)


def _lines(raw: Any) -> list[str]:
    return [line.strip() for line in str(raw or "").splitlines() if line.strip()]


def _items(raw: Any) -> list[str]:
    return [part.strip() for part in str(raw or "").split(",") if part.strip()]


def entry_from_form(data: dict[str, Any], today: dt.date | None = None) -> Entry:
    """The submitted form -> a validated Entry; EntryError names what is wrong."""
    tenants_raw = str(data.get("tenants") or "all").strip()
    record: dict[str, Any] = {
        "id": str(data.get("entry_id") or "").strip().lower(),
        "title": str(data.get("title") or "").strip(),
        "questions": _lines(data.get("questions")),
        "topics": _items(data.get("topics")),
        "audience": str(data.get("audience") or "client"),
        "tenants": "all" if tenants_raw.lower() in ("", "all") else _items(tenants_raw),
        "status": str(data.get("status") or DEFAULT_STATUS),
        "updated": today or dt.date.today(),
        "body": str(data.get("body") or "").strip(),
    }
    try:
        return Entry.model_validate(record)
    except ValidationError as exc:
        raise EntryError(describe_validation(exc)) from exc
