"""HaloPSA connector against the fake Halo API."""

from __future__ import annotations

import asyncio

import pytest

from bot.psa.halo import Halo
from bot.psa.types import Priority, PsaPermanentError, PsaTemporaryError, State
from tests.psa.conftest import halo_config, http_date_in, new_ticket
from tests.psa.fakes.halo import FakeHalo


async def test_create_lands_on_client_with_mapped_priority_and_key_marker(
        halo: Halo, halo_fake: FakeHalo) -> None:
    long_summary = "Email is down for the whole office " * 12
    remote = await halo.create(new_ticket(summary=long_summary, priority=Priority.P3))

    [token] = halo_fake.requests_to("POST", "/auth/token")
    assert token.query == {"tenant": "acme"}
    assert token.body == {"grant_type": "client_credentials", "client_id": halo_fake.client_id,
                          "client_secret": halo_fake.client_secret, "scope": "all"}
    [post] = halo_fake.requests_to("POST", "/api/tickets")
    assert isinstance(post.body, list) and len(post.body) == 1
    assert post.headers["Authorization"].startswith("Bearer tok-")
    [stored] = halo_fake.tickets.values()
    assert stored["client_id"] == 250
    assert stored["priority_id"] == 3
    assert stored["tickettype_id"] == 1
    assert len(stored["summary"]) <= 255
    assert stored["summary"].endswith(" [mspbot-7f3a2c]")
    assert "Reference: mspbot-7f3a2c" in stored["details"]
    assert stored["user_email"] == "dana@client.example"

    assert remote.number == str(stored["id"])
    assert remote.company_id == "250"
    assert remote.priority is Priority.P3
    assert remote.status == "New" and remote.state is State.NEW and not remote.closed


async def test_create_replayed_with_same_key_returns_the_same_ticket(
        halo: Halo, halo_fake: FakeHalo) -> None:
    first = await halo.create(new_ticket())
    second = await halo.create(new_ticket())
    assert second.number == first.number
    assert len(halo_fake.tickets) == 1
    assert len(halo_fake.requests_to("POST", "/api/tickets")) == 1
    assert len(halo_fake.requests_to("POST", "/auth/token")) == 1  # the token was reused


async def test_a_longer_key_containing_this_one_is_not_a_match(
        halo: Halo, halo_fake: FakeHalo) -> None:
    halo_fake.add_ticket(250, "Other report [mspbot-7f3a2c-2]")
    halo_fake.add_ticket(251, "Same key on another client [mspbot-7f3a2c]")
    await halo.create(new_ticket())
    assert len(halo_fake.tickets) == 3


async def test_create_replayed_after_a_lost_answer_finds_the_landed_ticket(
        halo: Halo, halo_fake: FakeHalo) -> None:
    halo_fake.lose_next_response(method="POST", path="/api/tickets")
    with pytest.raises(PsaTemporaryError):
        await halo.create(new_ticket())
    [landed] = halo_fake.tickets
    replay = await halo.create(new_ticket())
    assert replay.number == str(landed)
    assert len(halo_fake.tickets) == 1


async def test_open_tickets_pages_through_every_page(halo_fake: FakeHalo) -> None:
    halo_fake.max_page_size = 2
    mine = [halo_fake.add_ticket(250, f"open {i}")["id"] for i in range(5)]
    halo_fake.add_ticket(250, "done", status_id=9)
    halo_fake.add_ticket(251, "someone else's")
    connector = Halo(halo_config(halo_fake, page_size=2))
    try:
        found = await connector.open_tickets("250")
    finally:
        await connector.close()
    assert [int(t.number) for t in found] == mine
    pages = [r.query for r in halo_fake.requests_to("GET", "/api/tickets")]
    assert [p["page_no"] for p in pages] == ["1", "2", "3"]
    assert all(p["open_only"] == "true" and p["client_id"] == "250" and
               p["pageinate"] == "true" for p in pages)


async def test_get_of_another_clients_ticket_is_none_like_a_missing_one(
        halo: Halo, halo_fake: FakeHalo) -> None:
    theirs = halo_fake.add_ticket(251, "their outage")
    mine = halo_fake.add_ticket(250, "my outage", status_id=5)
    assert await halo.get(str(theirs["id"]), "250") is None
    assert await halo.get("999999", "250") is None
    got = await halo.get(str(mine["id"]), "250")
    assert got is not None
    assert got.status == "With Supplier" and got.state is State.WAITING_THIRD_PARTY


async def test_note_is_a_visible_action_and_refused_on_other_clients(
        halo_fake: FakeHalo) -> None:
    connector = Halo(halo_config(halo_fake, note_outcome_id=7))
    mine = halo_fake.add_ticket(250, "mine")
    theirs = halo_fake.add_ticket(251, "theirs")
    try:
        await connector.add_note(str(mine["id"]), "250", "A technician is on the way.")
        with pytest.raises(PsaPermanentError) as err:
            await connector.add_note(str(theirs["id"]), "250", "sneaky")
    finally:
        await connector.close()
    assert halo_fake.actions[mine["id"]] == [{"ticket_id": mine["id"], "outcome_id": 7,
                                             "note": "A technician is on the way.",
                                             "hiddenfromuser": False}]
    assert err.value.status == 404
    assert theirs["id"] not in halo_fake.actions


async def test_closed_status_and_halo_timestamps(halo: Halo, halo_fake: FakeHalo) -> None:
    t = halo_fake.add_ticket(250, "fixed", status_id=9)
    t["responsedate"] = "2026-03-02T10:15:00.1234567Z"
    got = await halo.get(str(t["id"]), "250")
    assert got is not None and got.closed and got.state is State.CLOSED
    assert got.first_response_at is not None and got.first_response_at.minute == 15


async def test_expired_token_is_renewed_once_after_a_401(halo: Halo,
                                                         halo_fake: FakeHalo) -> None:
    await halo.open_tickets("250")
    halo_fake.revoke_tokens()
    assert await halo.open_tickets("250") == []
    assert len(halo_fake.requests_to("POST", "/auth/token")) == 2


async def test_persistent_401_is_permanent(halo: Halo, halo_fake: FakeHalo) -> None:
    await halo.open_tickets("250")
    halo_fake.fail_next(401, times=2, path="/api/tickets")
    with pytest.raises(PsaPermanentError) as err:
        await halo.open_tickets("250")
    assert err.value.status == 401


async def test_wrong_client_secret_is_permanent(halo_fake: FakeHalo) -> None:
    connector = Halo(halo_config(halo_fake, client_secret="wrong"))
    try:
        with pytest.raises(PsaPermanentError) as err:
            await connector.create(new_ticket())
    finally:
        await connector.close()
    assert err.value.status == 401
    assert halo_fake.tickets == {}


async def test_missing_tenant_on_hosted_instance_is_permanent(halo_fake: FakeHalo) -> None:
    connector = Halo(halo_config(halo_fake, tenant=None))
    try:
        with pytest.raises(PsaPermanentError) as err:
            await connector.open_tickets("250")
    finally:
        await connector.close()
    assert err.value.status == 400


@pytest.mark.parametrize("status", [400, 403, 404])
async def test_refused_create_is_permanent(halo: Halo, halo_fake: FakeHalo,
                                           status: int) -> None:
    halo_fake.fail_next(status, method="POST", path="/api/tickets")
    with pytest.raises(PsaPermanentError) as err:
        await halo.create(new_ticket())
    assert err.value.status == status


async def test_429_is_temporary_with_retry_after(halo: Halo, halo_fake: FakeHalo) -> None:
    halo_fake.fail_next(429, retry_after="12", method="POST", path="/api/tickets")
    with pytest.raises(PsaTemporaryError) as err:
        await halo.create(new_ticket())
    assert err.value.retry_after == 12.0


async def test_retry_after_as_http_date(halo: Halo, halo_fake: FakeHalo) -> None:
    halo_fake.fail_next(503, retry_after=http_date_in(90), path="/api/tickets")
    with pytest.raises(PsaTemporaryError) as err:
        await halo.open_tickets("250")
    assert err.value.retry_after is not None and 85 <= err.value.retry_after <= 91


async def test_server_error_is_temporary(halo: Halo, halo_fake: FakeHalo) -> None:
    halo_fake.fail_next(500, path="/api/tickets")
    with pytest.raises(PsaTemporaryError) as err:
        await halo.open_tickets("250")
    assert err.value.status == 500


async def test_refused_connection_is_temporary(halo: Halo, halo_fake: FakeHalo) -> None:
    await halo_fake.refuse_connections()
    with pytest.raises(PsaTemporaryError):
        await halo.open_tickets("250")


async def test_slow_answer_times_out_as_temporary(halo_fake: FakeHalo) -> None:
    connector = Halo(halo_config(halo_fake, timeout_s=0.2))
    halo_fake.slow_next(2.0)
    try:
        with pytest.raises(PsaTemporaryError):
            await connector.open_tickets("250")
    finally:
        await connector.close()


async def test_two_concurrent_creates_of_one_report_make_one_ticket(
        halo: Halo, halo_fake: FakeHalo) -> None:
    first, second = await asyncio.gather(halo.create(new_ticket()), halo.create(new_ticket()))
    assert first.number == second.number
    assert len(halo_fake.tickets) == 1
    assert len(halo_fake.requests_to("POST", "/auth/token")) == 1  # one token for both
