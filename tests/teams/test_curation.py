"""Staff curation from Teams: `kb add` form, submission stored with history; clients refused."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from adapters.teams import curation
from bot.knowledge.entries import EntryError
from tests.teams.conftest import StartTeams
from tests.teams.harness import CLIENT_TENANT, payload

STAFF_CHAT = "a:1Qq2Ww3Ee4Rr5Tt6Yy7Uu8Ii9Oo0Pp1Aa2Ss3Dd4Ff5Gg6Hh7Jj8Kk9Ll0-Zz"


def as_client(activity: dict[str, Any]) -> dict[str, Any]:
    forged = copy.deepcopy(activity)
    forged["channelData"]["tenant"]["id"] = CLIENT_TENANT
    forged["conversation"]["tenantId"] = CLIENT_TENANT
    return forged


async def test_staff_kb_add_answers_with_a_form(start_teams: StartTeams) -> None:
    server = await start_teams()
    posted = await server.post(payload("staff_message_kb_add", server.connector.url))
    assert posted.status in (200, 202)
    (reply,) = await server.connector.wait_messages(1)
    assert reply.conversation_id == STAFF_CHAT
    card = reply.card
    assert card is not None
    inputs = {item["id"] for item in card["body"] if item["type"].startswith("Input.")}
    assert inputs == set(curation.FIELDS)
    (save,) = card["actions"]
    assert save["type"] == "Action.Execute" and save["verb"] == "kb_save"
    assert await server.app.store.interactions.rows() == []  # a command, not a question


async def test_client_kb_add_is_refused(start_teams: StartTeams) -> None:
    server = await start_teams()
    await server.post(as_client(payload("staff_message_kb_add", server.connector.url)))
    (reply,) = await server.connector.wait_messages(1)
    assert "Only the support team" in reply.card_text
    assert not any(item["type"].startswith("Input.") for item in reply.card["body"])  # type: ignore[index]


async def test_staff_submission_is_stored_with_history(start_teams: StartTeams) -> None:
    server = await start_teams()
    posted = await server.post(payload("card_execute_kb_save", server.connector.url))
    assert posted.status == 200
    body = posted.body
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Saved 'printer-lease-swaps' as version 1" in str(body["value"])
    entry = await server.app.store.knowledge.get("printer-lease-swaps")
    assert entry is not None and entry.status == "published"
    assert entry.topics == ("hardware-and-parts", "third-party-outages")
    assert entry.questions == ("Why won't you fix the printer?", "Who repairs the leased printer?")
    (history,) = await server.app.store.knowledge.history("printer-lease-swaps")
    assert history.actor == "teams:5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b"
    assert history.change == "add"


async def test_staff_edit_adds_a_version(start_teams: StartTeams) -> None:
    server = await start_teams()
    await server.post(payload("card_execute_kb_save", server.connector.url))
    edit = payload("card_execute_kb_save", server.connector.url, id="f:edit-1")
    data = edit["value"]["action"]["data"]
    data.update(mode="edit", title="Leased printers: swapped by the leasing company")
    posted = await server.post(edit)
    assert "version 2" in str(posted.body["value"])
    history = await server.app.store.knowledge.history("printer-lease-swaps")
    assert [h.change for h in history][-1] == "edit" and len(history) == 2
    # `kb edit <id>` answers with the form filled in
    ask = payload("staff_message_kb_add", server.connector.url, id="1772461000999",
                  text="kb edit printer-lease-swaps")
    await server.post(ask)
    (form,) = await server.connector.wait_messages(1)
    assert "Leased printers: swapped by the leasing company" in form.card_text


async def test_adding_an_existing_id_is_refused_with_the_form_again(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    await server.post(payload("card_execute_kb_save", server.connector.url))
    again = payload("card_execute_kb_save", server.connector.url, id="f:again-1")
    posted = await server.post(again)
    value = str(posted.body["value"])
    assert "Not saved" in value and "already exists" in value
    assert len(await server.app.store.knowledge.history("printer-lease-swaps")) == 1


async def test_invalid_submission_returns_the_form_with_the_problem(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    bad = payload("card_execute_kb_save", server.connector.url)
    bad["value"]["action"]["data"]["topics"] = "printers"
    posted = await server.post(bad)
    value = str(posted.body["value"])
    assert "Not saved" in value and "unknown topic" in value
    assert "Why leased printers are swapped" in value  # what they typed is kept
    assert await server.app.store.knowledge.get("printer-lease-swaps") is None


async def test_client_submission_is_refused_and_nothing_is_written(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    before = await server.app.store.knowledge.version()
    posted = await server.post(as_client(payload("card_execute_kb_save", server.connector.url)))
    assert posted.status == 200
    assert "Only the support team" in str(posted.body["value"])
    assert await server.app.store.knowledge.get("printer-lease-swaps") is None
    assert await server.app.store.knowledge.version() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kb add", curation.KbCommand("add", None)),
        ("KB  edit why-not-fixed", curation.KbCommand("edit", "why-not-fixed")),
        ("kb", None),
        ("what is the kb add command", None),
        ("kb delete x", None),
    ],
)
def test_parse_command(text: str, expected: curation.KbCommand | None) -> None:
    assert curation.parse_command(text) == expected


def test_entry_from_form_explains_problems() -> None:
    with pytest.raises(EntryError, match="id"):
        curation.entry_from_form({"entry_id": "Not A Slug", "title": "A title", "questions": "q?",
                                  "topics": "small-team", "body": "b"})
    with pytest.raises(EntryError, match="questions"):
        curation.entry_from_form({"entry_id": "ok-id", "title": "A title", "questions": "  \n ",
                                  "topics": "small-team", "body": "b"})
    entry = curation.entry_from_form({"entry_id": "ok-id", "title": "A title", "questions": "q?",
                                      "topics": "small-team", "tenants": "acme-dental, x-co",
                                      "body": "b"})
    # the status the form preselects, the same as Slack's (bot.workflows.curation)
    assert entry.tenants == ("acme-dental", "x-co") and entry.status == "published"
