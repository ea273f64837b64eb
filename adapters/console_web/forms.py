"""The entry form <-> Entry: the console's own parsing, before the curation workflow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from multidict import MultiDictProxy
from pydantic import ValidationError

from bot.knowledge.entries import Entry, describe_validation

FormData = MultiDictProxy[Any]


class FormError(ValueError):
    pass


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def entry_from_form(form: FormData, entry_id: str | None = None) -> Entry:
    tenants_raw = str(form.get("tenants", "all")).strip()
    tenants: Any = "all" if tenants_raw in ("", "all") else tuple(
        t.strip() for t in tenants_raw.replace(",", " ").split() if t.strip())
    data = {
        "id": entry_id or str(form.get("id", "")).strip(),
        "title": str(form.get("title", "")).strip(),
        "questions": tuple(lines(str(form.get("questions", "")))),
        "topics": tuple(str(t) for t in form.getall("topics", [])),
        "audience": str(form.get("audience", "client")),
        "tenants": tenants,
        "status": str(form.get("status", "draft")),
        "updated": dt.date.today(),
        "body": str(form.get("body", "")).replace("\r\n", "\n").strip(),
    }
    try:
        return Entry.model_validate(data)
    except ValidationError as exc:
        raise FormError(describe_validation(exc)) from None


def form_values(entry: Entry | None, question: str = "") -> dict[str, Any]:
    if entry is None:
        return {"id": "", "title": "", "questions": question, "topics": [], "audience": "client",
                "tenants": "all", "status": "draft", "body": ""}
    return {"id": entry.id, "title": entry.title, "questions": "\n".join(entry.questions),
            "topics": list(entry.topics), "audience": entry.audience,
            "tenants": "all" if entry.tenants == "all" else ", ".join(entry.tenants),
            "status": entry.status, "body": entry.body}


def raw_values(form: FormData) -> dict[str, Any]:
    """What was typed, to show again beside an error."""
    return {"id": str(form.get("id", "")), "title": str(form.get("title", "")),
            "questions": str(form.get("questions", "")),
            "topics": [str(t) for t in form.getall("topics", [])],
            "audience": str(form.get("audience", "client")),
            "tenants": str(form.get("tenants", "all")), "status": str(form.get("status", "draft")),
            "body": str(form.get("body", ""))}
