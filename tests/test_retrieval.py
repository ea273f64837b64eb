from __future__ import annotations

from bot.knowledge.entries import Entry
from bot.retrieval import KnowledgeIndex


def make(entry_id: str, question: str, topic: str, **extra: object) -> Entry:
    data: dict[str, object] = {
        "id": entry_id, "title": question, "questions": [question], "topics": [topic],
        "status": "published", "body": f"An answer about {question}.",
    }
    data.update(extra)
    return Entry.model_validate(data)


ENTRIES = [
    make("printers", "Why does the printer keep jamming?", "hardware-and-parts"),
    make("invoices", "Why did we get an invoice for this?", "whats-included"),
    make("acme-only", "Who supports the dental imaging software?", "third-party-outages",
         tenants=["acme-dental"]),
    make("draft-one", "Why is the dental imaging software slow?", "diagnosis-takes-time",
         status="draft"),
    make("retired-one", "Why was the dental imaging software retired?", "open-systems",
         status="retired"),
]


def test_finds_the_matching_entry_with_high_confidence() -> None:
    found = KnowledgeIndex(ENTRIES).search("the printer is jamming again", tenant=None)
    assert found.top is not None and found.top.id == "printers"
    assert 0.5 < found.confidence <= 1.0


def test_survives_typos_and_synonyms() -> None:
    index = KnowledgeIndex(ENTRIES)
    typo = index.search("why did we get an invocie", tenant=None)
    assert typo.top is not None and typo.top.id == "invoices"
    synonym = index.search("why were we billed", tenant=None)  # thesaurus: bill ~ invoice
    assert synonym.top is not None and synonym.top.id == "invoices"


def test_unrelated_question_has_low_confidence() -> None:
    found = KnowledgeIndex(ENTRIES).search("what is the capital of peru", tenant=None)
    assert found.confidence < 0.2


def test_tenant_entries_are_never_seen_by_other_tenants() -> None:
    index = KnowledgeIndex(ENTRIES)
    query = "who supports the dental imaging software"
    own = index.search(query, tenant="acme-dental")
    assert own.top is not None and own.top.id == "acme-only"
    for other in (None, "brightpath-legal"):
        ids = {hit.entry.id for hit in index.search(query, tenant=other, k=10).hits}
        assert "acme-only" not in ids


def test_drafts_and_retired_entries_are_not_retrieved() -> None:
    ids = {h.entry.id for h in KnowledgeIndex(ENTRIES).search("dental imaging", "acme-dental",
                                                               k=10).hits}
    assert "acme-only" in ids
    assert not ids & {"draft-one", "retired-one"}


def test_empty_index_and_empty_query() -> None:
    assert KnowledgeIndex([]).search("anything", None).top is None
    assert KnowledgeIndex(ENTRIES).search("", None).top is None
