"""Staff curation from Slack: the knowledge-entry modal (pure builders and parsing).

`/kb` opens it empty (or on an existing entry: `/kb edit <id>`); the message shortcut
"Save to knowledge base" opens it prefilled with the client's question and the staff
answer. The submission is validated by the same `Entry` model as the CLI's files.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from adapters.slack.render import plain
from bot.knowledge.entries import Entry
from bot.knowledge.topics import TOPICS
from bot.workflows.curation import DEFAULT_STATUS

CALLBACK_ID = "mspbot_kb_entry"
SHORTCUT_ID = "mspbot_save_to_kb"
BODY_LIMIT = 3000  # Slack's plain_text_input maximum
_FIELDS = ("id", "title", "questions", "topics", "body", "tenants", "audience", "status")


class FormErrors(ValueError):
    """Per-field messages for `response_action: errors` (block_id -> message)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Draft:
    """What the modal starts with."""

    mode: str = "add"  # add | edit
    id: str = ""
    title: str = ""
    questions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    body: str = ""
    tenants: str = "all"
    audience: str = "client"
    status: str = DEFAULT_STATUS
    source: str = "kb"  # kb | shortcut

    @classmethod
    def from_entry(cls, entry: Entry) -> Draft:
        return cls(
            mode="edit", id=entry.id, title=entry.title, questions=entry.questions,
            topics=entry.topics, body=entry.body,
            tenants="all" if entry.tenants == "all" else ", ".join(entry.tenants),
            audience=entry.audience, status=entry.status,
        )


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-")


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": value}


def _input(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False,
           hint: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "input", "block_id": block_id, "label": plain(label, 2000),
                             "element": {**element, "action_id": block_id},
                             "optional": optional}
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def _text(initial: str, *, multiline: bool = False, max_length: int = 3000,
          placeholder: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline,
                               "max_length": max_length}
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def _select(options: Iterable[tuple[str, str]], initial: str) -> dict[str, Any]:
    opts = [_option(v, label) for v, label in options]
    element: dict[str, Any] = {"type": "static_select", "options": opts}
    chosen = [o for o in opts if o["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return element


def build_modal(draft: Draft, *, private: Mapping[str, str] | None = None) -> dict[str, Any]:
    topic_options = [_option(slug, slug) for slug in TOPICS]
    topics: dict[str, Any] = {"type": "multi_static_select", "options": topic_options,
                              "placeholder": plain("Pick one or more topics", 150)}
    chosen = [o for o in topic_options if o["value"] in draft.topics]
    if chosen:
        topics["initial_options"] = chosen
    blocks: list[dict[str, Any]] = []
    if draft.mode == "edit":
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": f"Editing `{draft.id}`; the change is kept in its history."}
        ]})
    elif draft.source == "shortcut":
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": "Prefilled from the thread: the client's question and "
                                        "your answer. Tidy it up so it reads well for any client."}
        ]})
    if draft.mode == "add":
        blocks.append(_input("id", "Entry id", _text(draft.id, max_length=80,
                                                     placeholder="made from the title if empty"),
                             optional=True, hint="Lowercase letters, digits and dashes."))
    blocks += [
        _input("title", "Title", _text(draft.title, max_length=200)),
        _input("questions", "Questions clients ask", _text("\n".join(draft.questions),
                                                           multiline=True),
               hint="One per line: the ways clients phrase this question."),
        _input("topics", "Topics", topics),
        _input("body", "Answer (Markdown)", _text(draft.body, multiline=True,
                                                  max_length=BODY_LIMIT)),
        _input("tenants", "Clients", _text(draft.tenants, max_length=500),
               hint="'all', or client slugs separated by commas."),
        _input("audience", "Audience", _select(
            [("client", "Clients"), ("staff", "Staff only"), ("all", "Everyone")], draft.audience)),
        _input("status", "Status", _select(
            [("published", "Published (the bot uses it)"), ("draft", "Draft")], draft.status)),
    ]
    metadata = {"mode": draft.mode, "id": draft.id, "source": draft.source, **(private or {})}
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": plain("Knowledge entry", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "private_metadata": json.dumps(metadata)[:3000],
        "blocks": blocks,
    }


def metadata(view: Mapping[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _values(view: Mapping[str, Any]) -> dict[str, Any]:
    state = view.get("state", {}).get("values", {})
    out: dict[str, Any] = {}
    for block_id, actions in state.items():
        for value in actions.values():
            if value.get("type") == "multi_static_select":
                out[block_id] = [o["value"] for o in value.get("selected_options") or []]
            elif value.get("type") == "static_select":
                selected = value.get("selected_option")
                out[block_id] = selected["value"] if selected else None
            else:
                out[block_id] = value.get("value")
    return out


def named_tenants(view: Mapping[str, Any]) -> tuple[str, ...]:
    """The client slugs typed in the form ('all' names none)."""
    raw = (_values(view).get("tenants") or "all").strip()
    if raw.lower() == "all":
        return ()
    return tuple(t.strip() for t in re.split(r"[,\s]+", raw) if t.strip())


def entry_from_view(view: Mapping[str, Any], *, today: dt.date) -> Entry:
    """The submitted entry, or FormErrors naming the fields to fix."""
    meta = metadata(view)
    values = _values(view)
    title = (values.get("title") or "").strip()
    editing = meta.get("mode") == "edit"
    typed_id = (values.get("id") or "").strip()
    entry_id = (meta.get("id", "") if editing else typed_id) or slugify(title)
    errors: dict[str, str] = {}
    raw_tenants = (values.get("tenants") or "all").strip()
    tenants: str | tuple[str, ...] = "all"
    if raw_tenants.lower() != "all":
        tenants = tuple(t.strip() for t in re.split(r"[,\s]+", raw_tenants) if t.strip())
        if not tenants:
            errors["tenants"] = "write 'all' or at least one client slug"
    record = {
        "id": entry_id,
        "title": title,
        "questions": [q for q in (values.get("questions") or "").split("\n") if q.strip()],
        "topics": values.get("topics") or [],
        "audience": values.get("audience") or "client",
        "tenants": tenants,
        "status": values.get("status") or DEFAULT_STATUS,
        "updated": today,
        "body": (values.get("body") or "").strip(),
    }
    try:
        entry = Entry.model_validate(record)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "title"
            if field == "id" and (editing or not typed_id):
                field = "title"  # there is no id field, or the id was made from the title
            errors.setdefault(field if field in _FIELDS else "title", _message(err["msg"]))
        raise FormErrors(errors) from None
    if errors:
        raise FormErrors(errors)
    return entry


def _message(msg: str) -> str:
    return msg.removeprefix("Value error, ")
