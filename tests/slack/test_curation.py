"""Staff curate from Slack: /kb, the "Save to knowledge base" shortcut, the modal."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from adapters.slack.curation import FormErrors, entry_from_view
from bot.core.models import InboundMessage
from tests.slack.conftest import Harness, payload

ENTRY_ID = "why-the-imaging-software-stops-after-updates"


def modal_values(view: dict[str, Any]) -> dict[str, Any]:
    """What a person would see in each field of a modal we built."""
    out: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        out[block["block_id"]] = (
            element.get("initial_value")
            or [o["value"] for o in element.get("initial_options", [])]
            or (element.get("initial_option") or {}).get("value")
        )
    return out


async def test_kb_from_staff_opens_the_modal(harness: Harness) -> None:
    command = payload("slash_kb")
    posted = await harness.send.command(command)
    assert posted.status == 200
    [opened] = harness.fake.of("views.open")
    assert opened.params["trigger_id"] == command["trigger_id"]
    assert opened.params["view"]["callback_id"] == "mspbot_kb_entry"
    assert [c.params["user"] for c in harness.fake.of("users.info")] == ["U0STAFF001"]


async def test_kb_from_a_client_is_refused_politely(harness: Harness) -> None:
    command = payload("slash_kb")
    command.update(user_id="U0CLIENT01", user_name="dana")
    posted = await harness.send.command(command)
    assert posted.status == 200
    body = posted.json()
    assert body["response_type"] == "ephemeral" and "only Northwind IT staff" in body["text"]
    assert harness.fake.of("views.open") == []


async def test_kb_edit_opens_the_entry(harness: Harness) -> None:
    command = payload("slash_kb")
    command["text"] = "edit response-vs-resolution-fix-times"
    await harness.send.command(command)
    [opened] = harness.fake.of("views.open")
    entry = await harness.app.store.knowledge.get("response-vs-resolution-fix-times")
    assert entry is not None
    shown = modal_values(opened.params["view"])
    assert shown["title"] == entry.title and "id" not in shown
    assert shown["topics"] == list(entry.topics)
    assert json.loads(opened.params["view"]["private_metadata"])["mode"] == "edit"


async def test_kb_edit_of_an_unknown_entry(harness: Harness) -> None:
    command = payload("slash_kb")
    command["text"] = "edit no-such-entry"
    posted = await harness.send.command(command)
    assert "no entry `no-such-entry`" in posted.json()["text"]
    assert harness.fake.of("views.open") == []


async def test_shortcut_prefills_question_and_staff_answer(harness: Harness) -> None:
    harness.fake.thread_roots["1700000100.000100"] = {
        "type": "message", "user": "U0CLIENT01", "ts": "1700000100.000100",
        "text": "<@UBOT0001> Why does the X-ray software stop working after updates?",
    }
    shortcut = payload("message_shortcut")
    shortcut["response_url"] = harness.fake.response_url("sc1")
    posted = await harness.send.interactive(shortcut)
    assert posted.status == 200
    await harness.settle()
    [replies] = harness.fake.of("conversations.replies")
    assert replies.params["ts"] == "1700000100.000100"
    [opened] = harness.fake.of("views.open")
    shown = modal_values(opened.params["view"])
    assert shown["questions"] == "Why does the X-ray software stop working after updates?"
    assert shown["body"].startswith("Good question Dana: the dental imaging software")
    assert "&" in shown["body"] and "&amp;" not in shown["body"]


async def test_shortcut_from_a_client_is_refused_and_nothing_opens(harness: Harness) -> None:
    shortcut = payload("message_shortcut")
    shortcut["user"] = {"id": "U0CLIENT01", "username": "dana", "name": "dana",
                        "team_id": "T0ACMEDENT"}
    shortcut["response_url"] = harness.fake.response_url("sc2")
    await harness.send.interactive(shortcut)
    await harness.settle()
    assert harness.fake.of("views.open") == []
    [refusal] = harness.fake.responses
    assert refusal.params["response_type"] == "ephemeral"
    assert "only Northwind IT staff" in refusal.params["text"]


async def test_staff_submission_stores_the_entry_with_history(harness: Harness) -> None:
    before = await harness.app.store.knowledge.version()
    posted = await harness.send.interactive(payload("view_submission"))
    assert posted.status == 200 and posted.body == ""
    await harness.settle()
    entry = await harness.app.store.knowledge.get(ENTRY_ID)
    assert entry is not None
    assert entry.tenants == ("acme-dental",) and entry.status == "published"
    assert entry.topics == ("updates-and-patching", "third-party-outages")
    assert len(entry.questions) == 2
    [row] = await harness.app.store.knowledge.history(ENTRY_ID)
    assert (row.actor, row.change, row.version) == ("slack:U0STAFF001",
                                                   "add from a Slack thread", 1)
    assert await harness.app.store.knowledge.version() > before
    [note] = harness.fake.of("chat.postMessage")
    assert note.params["channel"] == "U0STAFF001" and ENTRY_ID in str(note.params["text"])
    # ...and the bot uses it as soon as the index is rebuilt (in a worker thread, which on
    # a loaded machine can outlast the wait an ordinary answer grants it)
    await harness.app.bot.knowledge.fresh()
    reply = await harness.app.bot.handle(InboundMessage(
        text="Why does the X-ray software stop working after updates?", tenant="acme-dental"))
    assert ENTRY_ID in [c.id for c in reply.citations]


async def test_client_submission_is_refused_and_nothing_is_written(harness: Harness) -> None:
    submission = payload("view_submission")
    submission["user"] = {"id": "U0CLIENT01", "username": "dana", "name": "dana",
                          "team_id": "T0ACMEDENT"}
    before = await harness.app.store.knowledge.version()
    posted = await harness.send.interactive(submission)
    body = posted.json()
    assert body["response_action"] == "errors"
    assert "only Northwind IT staff" in body["errors"]["title"]
    assert await harness.app.store.knowledge.get(ENTRY_ID) is None
    assert await harness.app.store.knowledge.version() == before


async def test_invalid_submission_names_the_fields(harness: Harness) -> None:
    submission = payload("view_submission")
    values = submission["view"]["state"]["values"]
    values["topics"]["topics"]["selected_options"] = []
    values["tenants"]["tenants"]["value"] = "acme-dental, nobody-inc"
    body = (await harness.send.interactive(submission)).json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"topics", "tenants"}
    assert "nobody-inc" in body["errors"]["tenants"]
    assert await harness.app.store.knowledge.get(ENTRY_ID) is None


async def test_adding_over_an_existing_id_is_refused(harness: Harness) -> None:
    submission = payload("view_submission")
    submission["view"]["state"]["values"]["id"]["id"]["value"] = "what-managed-means"
    body = (await harness.send.interactive(submission)).json()
    assert "already exists" in body["errors"]["id"]
    [row] = await harness.app.store.knowledge.history("what-managed-means")
    assert row.actor != "slack:U0STAFF001"


async def test_edit_submission_adds_a_version(harness: Harness) -> None:
    submission = payload("view_submission")
    # what `/kb edit what-managed-means` puts in the modal: no id field, the id kept aside
    submission["view"]["private_metadata"] = json.dumps(
        {"mode": "edit", "id": "what-managed-means", "source": "kb"})
    values = submission["view"]["state"]["values"]
    del values["id"]
    values["title"]["title"]["value"] = "What managed services really means"
    values["tenants"]["tenants"]["value"] = "all"
    posted = await harness.send.interactive(submission)
    assert posted.status == 200 and posted.body == ""
    await harness.settle()
    history = await harness.app.store.knowledge.history("what-managed-means")
    # the bundled import is version 1; the edit from Slack is version 2, by the editor
    assert [(r.version, r.change) for r in history] == [(1, "import"), (2, "edit")]
    assert history[-1].actor == "slack:U0STAFF001"
    assert history[-1].entry.title == "What managed services really means"
    assert history[-1].entry.id == "what-managed-means"
    saved = await harness.app.store.knowledge.get("what-managed-means")
    assert saved is not None and saved.title == "What managed services really means"
    assert saved.tenants == "all" and saved.status == "published"


def test_entry_from_view_makes_the_id_from_the_title() -> None:
    view = payload("view_submission")["view"]
    entry = entry_from_view(view, today=dt.date(2026, 1, 2))
    assert entry.id == ENTRY_ID and entry.updated == dt.date(2026, 1, 2)


def test_entry_from_view_reports_pydantic_errors_per_field() -> None:
    view = payload("view_submission")["view"]
    view["state"]["values"]["title"]["title"]["value"] = "ab"
    view["state"]["values"]["body"]["body"]["value"] = " "
    with pytest.raises(FormErrors) as caught:
        entry_from_view(view, today=dt.date(2026, 1, 2))
    assert {"title", "body"} <= set(caught.value.errors)
