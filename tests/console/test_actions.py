"""Console changes over HTTP: labelling a message for training, starting an entry from a
gap, refused edits leaving nothing half-written, and the preview's lint."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest

from tests.console.conftest import PASSWORD, Served
from tests.console.test_signin import CSRF, _login


@pytest.fixture
async def editor(served: Served) -> AsyncIterator[tuple[aiohttp.ClientSession, str]]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        assert (await _login(http, served.url, "ada@example.com", PASSWORD)).status == 303
        async with http.get(f"{served.url}/console/gaps") as page:
            token = CSRF.search(await page.text())
        assert token is not None
        yield http, token.group(1)


async def test_a_labelled_message_exports_in_the_training_format(
        served: Served, editor: tuple[aiohttp.ClientSession, str]) -> None:
    http, csrf = editor
    for form in ({"question": "do you do tune-ups", "action": "answer",
                  "topic": "whats-included"},
                 {"question": "the server room is flooding", "action": "escalate",
                  "intent": "emergency"}):
        async with http.post(f"{served.url}/console/gaps/label", data={"csrf": csrf, **form},
                             allow_redirects=False) as done:
            assert done.status == 303
    async with http.post(f"{served.url}/console/gaps/label", allow_redirects=False,
                         data={"csrf": csrf, "question": "x", "action": "answer"}) as bad:
        assert bad.status == 400  # an answerable message needs its topic
    async with http.get(f"{served.url}/console/gaps/labels.jsonl") as export:
        rows = [json.loads(line) for line in (await export.text()).splitlines()]
    assert [(r["text"], r["action"], r["topic"], r.get("intent")) for r in rows] == [
        ("do you do tune-ups", "answer", "whats-included", None),
        ("the server room is flooding", "escalate", None, "emergency")]
    assert all(r["id"].startswith("console-") for r in rows)


async def test_a_new_entry_from_a_gap_is_saved_with_the_staff_name(
        served: Served, editor: tuple[aiohttp.ClientSession, str]) -> None:
    http, csrf = editor
    async with http.get(f"{served.url}/console/knowledge/new",
                        params={"question": "do you do tune-ups"}) as form:
        assert ">do you do tune-ups</textarea>" in await form.text()
    entry = {"csrf": csrf, "id": "tune-ups", "title": "Tune-up visits",
             "questions": "do you do tune-ups\nare tune-ups included", "topics": "whats-included",
             "tenants": "all", "status": "draft", "audience": "client",
             "body": "We look after your machines continuously rather than in visits."}
    async with http.post(f"{served.url}/console/knowledge/new", data=entry,
                         allow_redirects=False) as saved:
        assert saved.status == 303 and saved.headers["Location"].startswith(
            "/console/knowledge/tune-ups?saved=v1")
    (row,) = await served.app.store.knowledge.history("tune-ups")
    assert (row.actor, row.change, row.entry.status) == (
        "Ada Admin <ada@example.com> (console)", "add", "draft")
    async with http.post(f"{served.url}/console/knowledge/new", data=entry) as again:
        assert again.status == 422 and "already exists" in await again.text()
    unknown = {**entry, "id": "other", "tenants": "no-such-client"}
    async with http.post(f"{served.url}/console/knowledge/new", data=unknown) as refused:
        assert refused.status == 422 and "unknown client" in await refused.text()
    assert await served.app.store.knowledge.get("other") is None


async def test_the_preview_renders_per_client_and_lints(
        served: Served, editor: tuple[aiohttp.ClientSession, str]) -> None:
    http, csrf = editor
    form = {"csrf": csrf, "id": "what-managed-means", "title": "Managed",
            "topics": "whats-included",
            "questions": "What does MSP stand for?", "status": "published",
            "preview_client": "acme-dental",
            "body": "Hello {% if tenant %}{{ tenant.name }}{% else %}there{% endif %}."}
    async with http.post(f"{served.url}/console/knowledge/preview", data=form) as preview:
        html = await preview.text()
    assert "Hello Acme Dental Group." in html and "Hello there." in html
    assert "alternate questions" in html  # one question is too few for a published entry
    broken = {**form, "body": "{{ tenant.name "}
    async with http.post(f"{served.url}/console/knowledge/preview", data=broken) as preview:
        assert "Cannot render" in await preview.text()
