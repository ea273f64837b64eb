"""Autotask connector against the fake Autotask REST API."""

from __future__ import annotations

import asyncio

import pytest

from bot.psa.autotask import Autotask
from bot.psa.types import Priority, PsaPermanentError, PsaTemporaryError, State
from tests.psa.conftest import at_config, http_date_in, new_ticket
from tests.psa.fakes.autotask import FakeAutotask


async def test_create_discovers_the_zone_and_lands_on_company_and_queue(
        at: Autotask, at_fake: FakeAutotask) -> None:
    remote = await at.create(new_ticket(priority=Priority.P1))

    [zone] = at_fake.requests_to("GET", "/zoneInformation")
    assert zone.query == {"user": "mspbot-api@acme.example"}
    assert "Secret" not in zone.headers  # the discovery host never sees the secret
    [stored] = at_fake.tickets.values()
    assert stored["companyID"] == 250
    assert stored["queueID"] == 29682833
    assert stored["priority"] == 4  # P1 -> Critical in the default picklist
    assert stored["externalID"] == "mspbot-7f3a2c"
    assert "Reference: mspbot-7f3a2c" in stored["description"]
    [post] = at_fake.requests_to("POST", "/V1.0/Tickets")
    assert post.headers["ApiIntegrationCode"] == at_fake.integration_code
    assert post.headers["UserName"] == at_fake.username
    assert post.headers["Secret"] == at_fake.secret

    assert remote.number == stored["ticketNumber"]
    assert remote.company_id == "250"
    assert remote.priority is Priority.P1
    assert remote.status == "New" and remote.state is State.NEW and not remote.closed


async def test_zone_url_setting_skips_discovery(at_fake: FakeAutotask) -> None:
    connector = Autotask(at_config(at_fake, zone_url=at_fake.zone_url.rstrip("/"),
                                   discovery_url="http://127.0.0.1:9"))
    try:
        await connector.create(new_ticket())
    finally:
        await connector.close()
    assert at_fake.requests_to("GET", "/zoneInformation") == []
    assert len(at_fake.tickets) == 1


async def test_create_replayed_with_same_key_returns_the_same_ticket(
        at: Autotask, at_fake: FakeAutotask) -> None:
    first = await at.create(new_ticket())
    second = await at.create(new_ticket())
    assert second.number == first.number
    assert len(at_fake.tickets) == 1
    assert len(at_fake.requests_to("POST", "/V1.0/Tickets")) == 1


async def test_create_replayed_after_a_lost_answer_finds_the_landed_ticket(
        at: Autotask, at_fake: FakeAutotask) -> None:
    at_fake.lose_next_response(method="POST", path="/V1.0/Tickets")
    with pytest.raises(PsaTemporaryError):
        await at.create(new_ticket())
    [landed] = at_fake.tickets.values()
    replay = await at.create(new_ticket())
    assert replay.number == landed["ticketNumber"]
    assert len(at_fake.tickets) == 1
    assert len(at_fake.requests_to("POST", "/V1.0/Tickets")) == 1


async def test_open_tickets_follows_next_page_urls(at_fake: FakeAutotask) -> None:
    at_fake.max_records = 2
    mine = [at_fake.add_ticket(250, f"open {i}")["ticketNumber"] for i in range(5)]
    at_fake.add_ticket(250, "done", status=5)
    at_fake.add_ticket(251, "someone else's")
    connector = Autotask(at_config(at_fake))
    try:
        found = await connector.open_tickets("250")
    finally:
        await connector.close()
    assert [t.number for t in found] == mine
    queries = [r for r in at_fake.requests if "/Tickets/query" in r.path]
    assert [r.path.endswith("/next") for r in queries] == [False, True, True]
    assert all(r.body["filter"] == queries[0].body["filter"] for r in queries)


async def test_get_of_another_companys_ticket_is_none_like_a_missing_one(
        at: Autotask, at_fake: FakeAutotask) -> None:
    theirs = at_fake.add_ticket(251, "their outage")
    mine = at_fake.add_ticket(250, "my outage", status=7)
    assert await at.get(theirs["ticketNumber"], "250") is None
    assert await at.get("T20990101.9999", "250") is None
    got = await at.get(mine["ticketNumber"], "250")
    assert got is not None
    assert got.status == "Waiting Customer" and got.state is State.WAITING_CLIENT


async def test_note_goes_under_the_ticket_published_to_the_portal(
        at: Autotask, at_fake: FakeAutotask) -> None:
    mine = at_fake.add_ticket(250, "mine")
    theirs = at_fake.add_ticket(251, "theirs")
    await at.add_note(mine["ticketNumber"], "250", "Engineer booked for 14:00.")
    [note] = at_fake.notes[mine["id"]]
    assert note["description"] == "Engineer booked for 14:00."
    assert note["publish"] == 1 and note["ticketID"] == mine["id"]
    with pytest.raises(PsaPermanentError) as err:
        await at.add_note(theirs["ticketNumber"], "250", "sneaky")
    assert err.value.status == 404
    assert theirs["id"] not in at_fake.notes


async def test_complete_status_reads_as_closed(at: Autotask, at_fake: FakeAutotask) -> None:
    done = at_fake.add_ticket(250, "fixed", status=5)
    got = await at.get(done["ticketNumber"], "250")
    assert got is not None and got.closed and got.state is State.CLOSED
    assert got.status == "Complete"


@pytest.mark.parametrize("status", [400, 401, 403, 404])
async def test_refused_create_is_permanent(at: Autotask, at_fake: FakeAutotask,
                                           status: int) -> None:
    at_fake.fail_next(status, method="POST", path="/V1.0/Tickets")
    with pytest.raises(PsaPermanentError) as err:
        await at.create(new_ticket())
    assert err.value.status == status
    assert at_fake.tickets == {}


async def test_wrong_secret_is_permanent_401(at_fake: FakeAutotask) -> None:
    connector = Autotask(at_config(at_fake, secret="wrong"))
    try:
        with pytest.raises(PsaPermanentError) as err:
            await connector.create(new_ticket())
    finally:
        await connector.close()
    assert err.value.status == 401
    assert at_fake.tickets == {}


async def test_429_is_temporary_with_retry_after(at: Autotask, at_fake: FakeAutotask) -> None:
    at_fake.fail_next(429, retry_after="30", method="POST", path="/V1.0/Tickets")
    with pytest.raises(PsaTemporaryError) as err:
        await at.create(new_ticket())
    assert err.value.retry_after == 30.0


async def test_retry_after_as_http_date(at: Autotask, at_fake: FakeAutotask) -> None:
    at_fake.fail_next(429, retry_after=http_date_in(60))
    with pytest.raises(PsaTemporaryError) as err:
        await at.open_tickets("250")
    assert err.value.retry_after is not None and 55 <= err.value.retry_after <= 61


@pytest.mark.parametrize("status", [500, 503])
async def test_server_errors_are_temporary(at: Autotask, at_fake: FakeAutotask,
                                           status: int) -> None:
    at_fake.fail_next(status)
    with pytest.raises(PsaTemporaryError) as err:
        await at.open_tickets("250")
    assert err.value.status == status


async def test_unknown_company_answers_500_as_documented_and_is_temporary(
        at: Autotask, at_fake: FakeAutotask) -> None:
    # Autotask reports rejected references with HTTP 500; the message carries the reason.
    with pytest.raises(PsaTemporaryError) as err:
        await at.create(new_ticket(company="999"))
    assert "does not exist for companyID" in str(err.value)


async def test_refused_connection_is_temporary(at: Autotask, at_fake: FakeAutotask) -> None:
    await at_fake.refuse_connections()
    with pytest.raises(PsaTemporaryError):
        await at.open_tickets("250")
    await at_fake.accept_connections()
    assert await at.open_tickets("250") == []


async def test_slow_answer_times_out_as_temporary(at_fake: FakeAutotask) -> None:
    connector = Autotask(at_config(at_fake, timeout_s=0.2))
    at_fake.slow_next(2.0)
    try:
        with pytest.raises(PsaTemporaryError):
            await connector.open_tickets("250")
    finally:
        await connector.close()


async def test_two_concurrent_creates_of_one_report_make_one_ticket(
        at: Autotask, at_fake: FakeAutotask) -> None:
    first, second = await asyncio.gather(at.create(new_ticket()), at.create(new_ticket()))
    assert first.number == second.number
    assert len(at_fake.tickets) == 1
