"""The store's contract as reusable test mixins, one per Protocol in bot/store/protocols.py.

A backend runs them by subclassing with fixtures `store` (an opened store on an empty,
migrated database) and `store_url` (where a second process would connect): see
test_backends.py. The tests state the obligations the Protocols' docstrings make.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge.entries import Entry
from bot.knowledge.live import Knowledge, ensure_bundled_knowledge
from bot.retrieval.artifacts import ArtifactCache
from bot.store import NewTicket, ReplyRecord, Store, StoreError
from bot.store.records import OidcState, StaffMember
from bot.tenants.agreement import load_tenant_file

TENANT_FILES = sorted((Path(__file__).resolve().parents[2] / "examples" / "tenants").glob("*.yaml"))


def entry(version_text: str, entry_id: str = "e1") -> Entry:
    return Entry.model_validate({
        "id": entry_id, "title": "Printer jams", "questions": ["why does it jam"],
        "topics": ["hardware-and-parts"], "status": "published", "body": version_text,
    })


def reply(tenant: str | None, question: str, **overrides: object) -> ReplyRecord:
    values: dict[str, object] = {
        "platform": "slack", "tenant": tenant, "user_id": "U1", "question": question,
        "normalized": question.lower(), "action": "answer", "reason": "knowledge",
        "confidence": 0.8, "closest_entry": "e1", "entries_used": ["e1"],
        "composer": "curated", "conversation": f"slack:C1:{question}",
        "reply_text": f"the answer to {question}",
    }
    values.update(overrides)
    return ReplyRecord(**values)  # type: ignore[arg-type]


class KnowledgeStoreContract:
    async def test_every_change_keeps_history_and_revert_restores(self, store: Store) -> None:
        assert await store.knowledge.put(entry("first"), "alice", "add") == 1
        assert await store.knowledge.put(entry("second"), "bob") == 2
        assert await store.knowledge.put(entry("second"), "bob") == 2  # unchanged: no version
        assert await store.knowledge.retire("e1", "carol") == 3
        history = await store.knowledge.history("e1")
        assert [(h.version, h.actor, h.change, h.entry.status) for h in history] == [
            (1, "alice", "add", "published"), (2, "bob", "edit", "published"),
            (3, "carol", "retire", "retired"),
        ]
        assert await store.knowledge.revert("e1", 1, "dave") == 4
        current = await store.knowledge.get("e1")
        assert current is not None and current.body == "first" and current.status == "published"
        assert (await store.knowledge.history("e1"))[-1].change == "revert to v1"

    async def test_unknown_entry_or_version_is_refused(self, store: Store) -> None:
        with pytest.raises(StoreError, match="no entry"):
            await store.knowledge.history("nope")
        await store.knowledge.put(entry("x"), "a")
        with pytest.raises(StoreError, match="no version 9"):
            await store.knowledge.revert("e1", 9, "a")

    async def test_knowledge_version_moves_only_on_change(self, store: Store) -> None:
        before = await store.knowledge.version()
        await store.knowledge.put_entries([entry("a", "e1"), entry("b", "e2")], "a", "import")
        middle = await store.knowledge.version()
        await store.knowledge.put_entries([entry("a", "e1"), entry("b", "e2")], "a", "import")
        assert before < middle == await store.knowledge.version()

    async def test_a_batch_that_fails_midway_writes_nothing(
        self, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        await store.knowledge.put(entry("original"), "a")
        real_put = store.knowledge._put  # type: ignore[attr-defined]
        calls = 0

        async def put_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls == 2:
                raise RuntimeError("disk full")
            return await real_put(*args, **kwargs)

        monkeypatch.setattr(store.knowledge, "_put", put_then_fail)
        version = await store.knowledge.version()
        with pytest.raises(RuntimeError):
            await store.knowledge.put_entries([entry("changed"), entry("new", "e2")], "a",
                                              "import")
        assert [e.body for e in await store.knowledge.list_entries()] == ["original"]
        assert len(await store.knowledge.history("e1")) == 1
        assert await store.knowledge.version() == version

    async def test_an_edit_through_one_store_moves_the_others_knowledge(
        self, store: Store, store_url: str, index_dir: Path
    ) -> None:
        await store.knowledge.put(entry("The printer jams because of the paper."), "a")
        other = await Store.open(store_url)
        try:
            # the saved index spares refitting the intent classifier (not the point here)
            knowledge = Knowledge(other, recheck_s=0.0, cache=ArtifactCache(index_dir))
            before = (await knowledge.search("why does the printer jam", None)).top
            assert before is not None and "paper" in before.body
            version = knowledge.version
            await store.knowledge.put(entry("The printer jams because of the toner."), "b")
            # the rebuild runs beside answering (a question meanwhile may get the old
            # index for up to REBUILD_WAIT_S); wait for it rather than race it
            await knowledge.fresh()
            after = (await knowledge.search("why does the printer jam", None)).top
            assert knowledge.version > version
            assert after is not None and "toner" in after.body
        finally:
            await other.close()

    async def test_replicas_starting_together_on_an_empty_database_import_once(
        self, store: Store, store_url: str
    ) -> None:
        stores = [store, *await asyncio.gather(*(Store.open(store_url) for _ in range(2)))]
        try:
            imported = await asyncio.gather(*(ensure_bundled_knowledge(s) for s in stores))
            assert sorted(n > 0 for n in imported) == [False, False, True], imported
            assert await stores[0].knowledge.count() == max(imported)
            entry_ids = [e.id for e in await stores[0].knowledge.list_entries()]
            for entry_id in entry_ids[:5]:
                assert len(await stores[1].knowledge.history(entry_id)) == 1
            assert await ensure_bundled_knowledge(stores[2]) == 0
        finally:
            await asyncio.gather(*(s.close() for s in stores[1:]))

    async def test_timestamps_come_back_in_utc(self, store: Store) -> None:
        before = dt.datetime.now(dt.UTC)
        await store.knowledge.put(entry("x"), "a")
        (row,) = await store.knowledge.history("e1")
        assert row.at.tzinfo is not None
        assert before - dt.timedelta(seconds=5) <= row.at <= dt.datetime.now(dt.UTC)


class TenantStoreContract:
    async def test_agreements_round_trip_by_slug(self, store: Store) -> None:
        tenants = [load_tenant_file(path) for path in TENANT_FILES]
        for tenant in reversed(tenants):
            await store.tenants.put(tenant)
        assert [t.slug for t in await store.tenants.all()] == sorted(t.slug for t in tenants)
        assert await store.tenants.get(tenants[0].slug) == tenants[0]
        assert await store.tenants.get("nobody") is None

    async def test_concurrent_upserts_of_one_key_do_not_collide(
        self, store: Store, store_url: str
    ) -> None:
        tenant = load_tenant_file(TENANT_FILES[0])
        other = await Store.open(store_url)
        try:
            names = [f"Name {i}" for i in range(10)]
            await asyncio.gather(*(
                s.tenants.put(tenant.model_copy(update={"name": n}))
                for s, n in zip([store, other] * 5, names, strict=True)
            ))
            stored = await other.tenants.get(tenant.slug)
            assert stored is not None and stored.name in names
        finally:
            await other.close()


class InteractionStoreContract:
    async def test_a_reply_writes_its_interaction_and_turns_once(self, store: Store) -> None:
        record = reply("acme", "why is it slow", key="slack:post:C1:1.0")
        first = await store.record_reply(record)
        assert await store.record_reply(record) == first  # the same delivery again
        rows = await store.interactions.rows()
        assert [(r.id, r.key, r.entries_used) for r in rows] == [
            (first, "slack:post:C1:1.0", ["e1"])]
        assert await store.conversations.recent(record.conversation or "", "acme") == [
            ("client", "why is it slow"), ("bot", "the answer to why is it slow")]
        got = await store.interactions.get(first)
        assert got is not None and got.confidence == pytest.approx(0.8)
        assert await store.interactions.get(first + 1000) is None

    async def test_replies_without_a_key_are_each_recorded(self, store: Store) -> None:
        first = await store.record_reply(reply("acme", "why"))
        second = await store.record_reply(reply("acme", "why"))
        assert second > first

    async def test_one_vote_per_person_per_answer_and_the_last_counts(
        self, store: Store, store_url: str
    ) -> None:
        answer = await store.record_reply(reply("acme", "why"))
        assert (await store.interactions.vote(answer, "U1", "helpful")).recorded
        again = await store.interactions.vote(answer, "U1", "helpful")
        assert not again.recorded and again.previous == "helpful"
        changed = await store.interactions.vote(answer, "U1", "not_helpful")
        assert changed.recorded and changed.previous == "helpful"
        await store.interactions.vote(answer, "U2", "helpful")
        assert await store.interactions.votes(answer) == {"U1": "not_helpful", "U2": "helpful"}
        other = await Store.open(store_url)  # two replicas get the same click at once
        try:
            await asyncio.gather(*(s.interactions.vote(answer, "U3", "helpful")
                                   for s in (store, other) for _ in range(5)))
        finally:
            await other.close()
        assert len(await store.interactions.votes(answer)) == 3

    async def test_interactions_and_gaps_are_per_tenant(self, store: Store) -> None:
        for _ in range(2):
            await store.record_reply(reply("acme", "acme secret question", action="decline",
                                           confidence=0.1))
        await store.record_reply(reply("bright", "bright question", action="clarify",
                                       confidence=0.2))
        await store.record_reply(reply("bright", "fine", confidence=0.9))
        await store.record_reply(reply("bright", "server down", action="escalate",
                                       reason="emergency", confidence=1.0))
        assert {r.question for r in await store.interactions.rows("bright")} == {
            "bright question", "fine", "server down"}
        bright = await store.interactions.gaps(0.5, tenant="bright")
        assert [r.example for r in bright] == ["bright question"]
        everyone = await store.interactions.gaps(0.5)
        assert [(r.example, r.count) for r in everyone] == [
            ("acme secret question", 2), ("bright question", 1)]
        assert everyone[0].confidence == pytest.approx(0.1)

    async def test_figures_count_actions_composers_and_tokens(self, store: Store) -> None:
        await store.record_reply(reply("acme", "a", composer="llm", prompt_tokens=100,
                                       completion_tokens=20))
        await store.record_reply(reply("acme", "b", composer="curated-fallback",
                                       prompt_tokens=50, fallback="llm timeout"))
        await store.record_reply(reply("bright", "c", action="clarify"))
        figures = await store.interactions.stats()
        assert figures.actions == {"answer": 2, "clarify": 1}
        assert figures.composers == {"llm": 1, "curated-fallback": 1}
        assert (figures.prompt_tokens, figures.completion_tokens, figures.llm_calls) == (
            150, 20, 2)
        assert figures.fallback_reasons == [("llm timeout", 1)]
        assert (await store.interactions.stats(tenant="bright")).actions == {"clarify": 1}


class DeliveryStoreContract:
    async def test_delivery_claims_are_exclusive_until_stale(self, store: Store) -> None:
        assert not await store.deliveries.done("slack:Ev1")
        assert await store.deliveries.claim("slack:Ev1")
        assert not await store.deliveries.claim("slack:Ev1")
        assert not await store.deliveries.done("slack:Ev1")  # claimed is not done
        assert await store.deliveries.claim("slack:Ev1", stale_after_s=0.0)  # died: taken over
        await store.deliveries.complete("slack:Ev1")
        assert await store.deliveries.done("slack:Ev1")
        assert not await store.deliveries.claim("slack:Ev1", stale_after_s=0.0)  # done is done
        assert await store.deliveries.claim("slack:Ev2")
        await store.deliveries.release("slack:Ev2")
        assert await store.deliveries.claim("slack:Ev2")

    async def test_many_concurrent_claims_of_one_delivery_give_exactly_one_winner(
        self, store: Store, store_url: str
    ) -> None:
        other = await Store.open(store_url)  # a second replica: its own engine and pool
        try:
            claims = [s.deliveries.claim("slack:EvRace") for s in (store, other)
                      for _ in range(25)]
            results = await asyncio.gather(*claims)
            assert results.count(True) == 1, results
            # different deliveries do not block each other
            assert all(await asyncio.gather(*(other.deliveries.claim(f"k{i}")
                                              for i in range(10))))
        finally:
            await other.close()


class ConversationStoreContract:
    async def test_conversation_memory_is_per_tenant(self, store: Store) -> None:
        # the same conversation key (say, a shared channel id) under two clients
        key = "slack:C1:1.0"
        await store.record_reply(reply("acme", "acme asks", conversation=key,
                                       reply_text="acme answer"))
        await store.record_reply(reply("bright", "bright asks", conversation=key,
                                       reply_text="bright answer"))
        assert await store.conversations.recent(key, "acme") == [
            ("client", "acme asks"), ("bot", "acme answer")]
        assert await store.conversations.recent(key, "bright", limit=1) == [
            ("bot", "bright answer")]
        assert await store.conversations.recent(key, None) == []
        assert await store.conversations.bot_has_spoken(key)
        assert not await store.conversations.bot_has_spoken("slack:C1:2.0")

    async def test_references_are_replaced_and_survive_concurrent_writers(
        self, store: Store, store_url: str
    ) -> None:
        other = await Store.open(store_url)
        try:
            await asyncio.gather(*(s.conversations.put_ref("k", "teams", {"n": i})
                                   for i, s in enumerate([store, other] * 3)))
            assert (await store.conversations.get_ref("k") or {}).get("n") in range(6)
            assert await other.conversations.get_ref("missing") is None
        finally:
            await other.close()


class AnswerCacheContract:
    async def test_cached_answers_expire(self, store: Store) -> None:
        at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
        day = dt.timedelta(days=1)
        await store.answer_cache.put("k", {"text": "t", "citations": []}, at=at)
        assert await store.answer_cache.get("k", day, at=at + dt.timedelta(hours=23)) == {
            "text": "t", "citations": []}
        assert await store.answer_cache.get("k", day, at=at + dt.timedelta(hours=25)) is None
        assert await store.answer_cache.get("other", day, at=at) is None


def new_ticket(key: str, tenant: str | None = "acme", priority: str = "P3",
               conversation: str | None = "slack:C1:1.0") -> NewTicket:
    return NewTicket(key=key, tenant=tenant, platform="slack", conversation=conversation,
                     requester="U1", requester_name="Dana", summary="printer jammed",
                     description="the printer in reception jammed", reason="request",
                     priority=priority,
                     response_due=dt.datetime(2026, 12, 4, 9, 0,
                                              tzinfo=dt.timezone(dt.timedelta(hours=-6))))


class TicketStoreContract:
    async def test_a_ticket_round_trips_in_utc_and_once_per_key(self, store: Store) -> None:
        first = await store.tickets.create(new_ticket("slack:post:C1:1.0"))
        again = await store.tickets.create(new_ticket("slack:post:C1:1.0", priority="P1"))
        assert again.id == first.id and again.priority == "P3"  # a retry creates nothing
        got = await store.tickets.get(first.id)
        assert got is not None and got.response_due == dt.datetime(2026, 12, 4, 15, 0,
                                                                    tzinfo=dt.UTC)
        assert (got.status, got.staff_notified, got.requester_name) == ("open", None, "Dana")
        assert [e.kind for e in await store.tickets.events(first.id)] == ["created"]

    async def test_another_clients_ticket_is_like_a_missing_one(self, store: Store) -> None:
        ticket = await store.tickets.create(new_ticket("k1", tenant="acme"))
        assert await store.tickets.get(ticket.id, tenant="acme") is not None
        assert await store.tickets.get(ticket.id, tenant="bright") is None
        assert await store.tickets.get(ticket.id + 99, tenant="acme") is None

    async def test_changes_are_kept_as_history(self, store: Store) -> None:
        ticket = await store.tickets.create(new_ticket("k1"))
        await store.tickets.set_notified(ticket.id, True)
        await store.tickets.add_note(ticket.id, "it says tray 2", "U1")
        raised = await store.tickets.reprioritise(ticket.id, "P2", None, "U1", "worse")
        assert raised.priority == "P2" and raised.response_due is None
        closed = await store.tickets.close(ticket.id, "tech", "new fuser")
        assert closed.status == "closed" and closed.closed_at is not None
        with pytest.raises(StoreError, match="closed already"):
            await store.tickets.close(ticket.id, "tech")
        with pytest.raises(StoreError, match="no ticket"):
            await store.tickets.add_note(ticket.id + 99, "x", "U1")
        events = await store.tickets.events(ticket.id)
        assert [(e.kind, e.actor) for e in events] == [
            ("created", "U1"), ("staff-notified", "mspbot"), ("note", "U1"),
            ("priority", "U1"), ("closed", "tech")]
        assert events[3].detail["from"] == "P3" and events[3].detail["to"] == "P2"

    async def test_open_tickets_by_conversation_and_most_urgent_first(
        self, store: Store
    ) -> None:
        low = await store.tickets.create(new_ticket("k1", priority="P4"))
        urgent = await store.tickets.create(new_ticket("k2", priority="P1",
                                                       conversation="slack:C1:2.0"))
        other = await store.tickets.create(new_ticket("k3", tenant="bright", priority="P2",
                                                      conversation="teams:19:x"))
        assert [t.id for t in await store.tickets.find()] == [urgent.id, other.id, low.id]
        assert [t.id for t in await store.tickets.find(tenant="acme")] == [urgent.id, low.id]
        found = await store.tickets.open_in_conversation("slack:C1:1.0", "acme")
        assert found is not None and found.id == low.id
        assert await store.tickets.open_in_conversation("slack:C1:1.0", "bright") is None
        await store.tickets.close(low.id, "tech")
        assert await store.tickets.open_in_conversation("slack:C1:1.0", "acme") is None
        assert [t.id for t in await store.tickets.find(status="closed")] == [low.id]


def member(email: str, role: str = "editor") -> StaffMember:
    return StaffMember(email=email, name=email.split("@")[0], role=role, password_hash="h",
                       created_at=dt.datetime.now(dt.UTC))


class StaffStoreContract:
    async def test_accounts_are_unique_case_insensitively(self, store: Store) -> None:
        await store.staff.add(member("Ada@Example.com"))
        with pytest.raises(StoreError, match="exists already"):
            await store.staff.add(member("ada@example.com"))
        found = await store.staff.get("ADA@example.com")
        assert found is not None and found.email == "ada@example.com"
        await store.staff.update("ada@example.com", role="admin")
        assert [(m.email, m.role) for m in await store.staff.all()] == [
            ("ada@example.com", "admin")]
        with pytest.raises(StoreError, match="no staff account"):
            await store.staff.update("nobody@example.com", role="viewer")

    async def test_sessions_expire_and_go_with_their_account(self, store: Store) -> None:
        await store.staff.add(member("ada@example.com"))
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        await store.staff.open_session("t1", "ada@example.com", "csrf1", "password", later)
        found = await store.staff.session("t1")
        assert found is not None and (found.member.email, found.csrf) == ("ada@example.com",
                                                                         "csrf1")
        assert await store.staff.session("t1", at=later + dt.timedelta(seconds=1)) is None
        assert await store.staff.session("t1") is None  # the expired row was deleted
        await store.staff.open_session("t2", "ada@example.com", "csrf2", "entra", later)
        assert await store.staff.remove("ada@example.com")
        assert await store.staff.session("t2") is None
        assert not await store.staff.remove("ada@example.com")

    async def test_failures_count_per_email_and_address(self, store: Store) -> None:
        since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        for email, address in (("a@x.com", "1.1.1.1"), ("a@x.com", "2.2.2.2"),
                               ("b@x.com", "1.1.1.1")):
            await store.staff.record_failure(email, address)
        assert await store.staff.failures(since, email="A@x.com") == 2
        assert await store.staff.failures(since, address="1.1.1.1") == 2
        assert await store.staff.failures(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5),
                                          email="a@x.com") == 0
        await store.staff.clear_failures("a@x.com")
        assert await store.staff.failures(since, email="a@x.com") == 0

    async def test_an_oidc_state_is_taken_once_even_concurrently(self, store: Store) -> None:
        state = OidcState("entra", "verifier", "nonce", dt.datetime.now(dt.UTC))
        await store.staff.put_oidc_state("s1", state)
        taken = await asyncio.gather(*(store.staff.take_oidc_state("s1") for _ in range(4)))
        assert [t for t in taken if t is not None] == [state]

    async def test_labels_round_trip(self, store: Store) -> None:
        first = await store.labels.add("can you do tune-ups", "answer", "whats-included",
                                       None, "Ada")
        await store.labels.add("server room is flooding", "escalate", None, "emergency", "Ada")
        rows = await store.labels.all()
        assert rows[0] == first and [(r.action, r.intent) for r in rows] == [
            ("answer", None), ("escalate", "emergency")]


class StoreContract(KnowledgeStoreContract, TenantStoreContract, InteractionStoreContract,
                    DeliveryStoreContract, ConversationStoreContract, AnswerCacheContract,
                    TicketStoreContract, StaffStoreContract):
    """Everything a store backend must pass."""
