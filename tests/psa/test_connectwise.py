"""ConnectWise connector against the fake ConnectWise REST API 3.0."""

from __future__ import annotations

import asyncio
import base64

import pytest

from bot.psa.connectwise import ConnectWise
from bot.psa.types import (
    InvalidTicketData,
    Priority,
    PsaPermanentError,
    PsaTemporaryError,
    State,
)
from tests.psa.conftest import cw_config, http_date_in, new_ticket
from tests.psa.fakes.connectwise import FakeConnectWise


async def test_create_lands_on_company_board_with_mapped_priority(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    long_summary = "Printer on floor 2 is offline " + "and smoking " * 20
    remote = await cw.create(new_ticket(summary=long_summary, priority=Priority.P2))

    [stored] = cw_fake.tickets.values()
    assert stored["company"]["id"] == 250
    assert stored["board"]["name"] == "Service Board"
    assert stored["priority"]["name"] == "Priority 2 - Quick Response"
    assert stored["externalXRef"] == "mspbot-7f3a2c"
    assert len(stored["summary"]) == 100 and stored["summary"].endswith("…")
    [post] = cw_fake.requests_to("POST", "/service/tickets")
    description = post.body["initialDescription"]
    assert "printer shows error E-52" in description
    assert "Reference: mspbot-7f3a2c" in description
    assert "Dana Reyes <dana@client.example>" in description
    assert post.body["contactEmailAddress"] == "dana@client.example"
    login = base64.b64encode(b"acme+pubKEY123:privKEY456").decode()
    assert post.headers["Authorization"] == f"Basic {login}"
    assert post.headers["clientId"] == cw_fake.client_id

    assert remote.number == str(stored["id"])
    assert remote.company_id == "250"
    assert remote.priority is Priority.P2
    assert remote.status == "New" and remote.state is State.NEW
    assert remote.closed is False and remote.first_response_at is None


async def test_create_replayed_with_same_key_returns_the_same_ticket(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    first = await cw.create(new_ticket())
    second = await cw.create(new_ticket())
    assert second.number == first.number
    assert len(cw_fake.tickets) == 1
    assert len(cw_fake.requests_to("POST", "/service/tickets")) == 1


async def test_create_replayed_after_a_lost_answer_finds_the_landed_ticket(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    # The POST is processed but its answer never arrives: the worker sees a failure...
    cw_fake.lose_next_response(method="POST", path="/service/tickets")
    with pytest.raises(PsaTemporaryError):
        await cw.create(new_ticket())
    [landed] = cw_fake.tickets
    # ...and its replay must find that ticket instead of opening a second one.
    replay = await cw.create(new_ticket())
    assert replay.number == str(landed)
    assert len(cw_fake.tickets) == 1
    assert len(cw_fake.requests_to("POST", "/service/tickets")) == 1


async def test_open_tickets_pages_through_every_page(cw_fake: FakeConnectWise) -> None:
    cw_fake.max_page_size = 2
    mine = [cw_fake.add_ticket(250, f"open {i}")["id"] for i in range(5)]
    cw_fake.add_ticket(250, "done", status="Closed", closed=True)
    cw_fake.add_ticket(251, "someone else's")
    connector = ConnectWise(cw_config(cw_fake, page_size=2))
    try:
        found = await connector.open_tickets("250")
    finally:
        await connector.close()
    assert [int(t.number) for t in found] == mine
    pages = [r.query["page"] for r in cw_fake.requests_to("GET", "/service/tickets")]
    assert pages == ["1", "2", "3"]
    assert all(t.company_id == "250" and not t.closed for t in found)


async def test_get_of_another_companys_ticket_is_none_like_a_missing_one(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    theirs = cw_fake.add_ticket(251, "their outage")
    mine = cw_fake.add_ticket(250, "my outage")
    assert await cw.get(str(theirs["id"]), "250") is None
    assert await cw.get("999999", "250") is None
    assert await cw.get("not-a-number", "250") is None
    got = await cw.get(str(mine["id"]), "250")
    assert got is not None and got.summary == "my outage"


async def test_note_is_client_visible_and_refused_on_other_companies(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    mine = cw_fake.add_ticket(250, "mine")
    theirs = cw_fake.add_ticket(251, "theirs")
    await cw.add_note(str(mine["id"]), "250", "The client says it works again.")
    [note] = cw_fake.notes[mine["id"]]
    assert note["text"] == "The client says it works again."
    assert note["detailDescriptionFlag"] is True
    assert note["internalAnalysisFlag"] is False
    with pytest.raises(PsaPermanentError) as err:
        await cw.add_note(str(theirs["id"]), "250", "sneaky")
    assert err.value.status == 404
    assert theirs["id"] not in cw_fake.notes


async def test_status_and_dates_are_read_back(cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    t = cw_fake.add_ticket(250, "waiting", status="Waiting on Client")
    t["dateResponded"] = "2026-03-02T10:15:00Z"
    got = await cw.get(str(t["id"]), "250")
    assert got is not None
    assert got.state is State.WAITING_CLIENT and got.status == "Waiting on Client"
    assert got.first_response_at is not None and got.first_response_at.hour == 10
    assert got.updated_at is not None


@pytest.mark.parametrize("status", [400, 401, 403, 404])
async def test_refused_create_is_permanent(cw: ConnectWise, cw_fake: FakeConnectWise,
                                           status: int) -> None:
    cw_fake.fail_next(status, method="POST", path="/service/tickets")
    with pytest.raises(PsaPermanentError) as err:
        await cw.create(new_ticket())
    assert err.value.status == status


async def test_wrong_credentials_are_permanent_401(cw_fake: FakeConnectWise) -> None:
    connector = ConnectWise(cw_config(cw_fake, private_key="wrong"))
    try:
        with pytest.raises(PsaPermanentError) as err:
            await connector.create(new_ticket())
    finally:
        await connector.close()
    assert err.value.status == 401
    assert cw_fake.tickets == {}


async def test_unknown_company_is_rejected_by_the_psa(cw: ConnectWise) -> None:
    with pytest.raises(PsaPermanentError) as err:
        await cw.create(new_ticket(company="999"))
    assert err.value.status == 400


async def test_non_numeric_company_is_refused_before_sending(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    with pytest.raises(InvalidTicketData):
        await cw.create(new_ticket(company="acme"))
    assert cw_fake.requests == []


async def test_429_is_temporary_with_retry_after_seconds(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    cw_fake.fail_next(429, retry_after="7")
    with pytest.raises(PsaTemporaryError) as err:
        await cw.create(new_ticket())
    assert err.value.retry_after == 7.0
    assert cw_fake.tickets == {}


async def test_retry_after_as_http_date(cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    cw_fake.fail_next(503, retry_after=http_date_in(30))
    with pytest.raises(PsaTemporaryError) as err:
        await cw.open_tickets("250")
    assert err.value.retry_after is not None and 25 <= err.value.retry_after <= 31


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_temporary(cw: ConnectWise, cw_fake: FakeConnectWise,
                                           status: int) -> None:
    cw_fake.fail_next(status, method="POST", path="/service/tickets")
    with pytest.raises(PsaTemporaryError) as err:
        await cw.create(new_ticket())
    assert err.value.status == status and err.value.retry_after is None


async def test_refused_connection_is_temporary(cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    await cw_fake.refuse_connections()
    with pytest.raises(PsaTemporaryError):
        await cw.create(new_ticket())
    await cw_fake.accept_connections()
    assert (await cw.create(new_ticket())).company_id == "250"


async def test_slow_answer_times_out_as_temporary(cw_fake: FakeConnectWise) -> None:
    connector = ConnectWise(cw_config(cw_fake, timeout_s=0.2))
    cw_fake.slow_next(2.0)
    try:
        with pytest.raises(PsaTemporaryError) as err:
            await connector.get("1001", "250")
    finally:
        await connector.close()
    assert "0.2 s" in str(err.value)


async def test_two_concurrent_creates_of_one_report_make_one_ticket(
        cw: ConnectWise, cw_fake: FakeConnectWise) -> None:
    first, second = await asyncio.gather(cw.create(new_ticket()), cw.create(new_ticket()))
    assert first.number == second.number
    assert len(cw_fake.tickets) == 1
