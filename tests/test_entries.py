from __future__ import annotations

from collections import Counter

import pytest

from bot.data.resources import bundled_knowledge
from bot.knowledge.entries import EntryError, load_directory, parse_entry
from bot.knowledge.lint import lint_entries
from bot.knowledge.templating import SAMPLE_TENANT, render
from bot.knowledge.topics import TOPICS


def test_parses_a_valid_entry(entry_text: str) -> None:
    entry = parse_entry(entry_text, "x.md")
    assert entry.id == "test-entry"
    assert entry.topics == ("hardware-and-parts",)
    assert entry.visible_to(None) and entry.visible_to("anyone")


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda t: t.replace("topics: [hardware-and-parts]", "topics: [printers]"),
         "unknown topic(s): printers"),
        (lambda t: t.replace("title: A test", "title: [unclosed"), "invalid YAML"),
        (lambda t: t.replace("---\nid", "id"), "missing YAML front matter"),
        (lambda t: t.replace("id: test-entry", "id: Not A Slug"), "lowercase slug"),
        (lambda t: t.replace("status: published", "status: live"), "status"),
        (lambda t: t.replace("questions:\n", "questions: []\nx:\n"), "questions"),
    ],
)
def test_bad_entries_name_the_file_and_problem(entry_text: str, mutate, problem: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EntryError) as err:
        parse_entry(mutate(entry_text), "knowledge/bad.md")
    assert str(err.value).startswith("knowledge/bad.md: ")
    assert problem in str(err.value)


def test_bundled_knowledge_covers_every_topic_and_passes_lint() -> None:
    entries = load_directory(bundled_knowledge())
    published = [e for e in entries if e.status == "published" and e.tenants == "all"]
    primary = Counter(e.topics[0] for e in published)
    assert set(primary) == set(TOPICS), set(TOPICS) - set(primary)
    assert all(len(e.questions) >= 5 for e in published)
    assert lint_entries(entries) == []


def test_bundled_answers_read_well_with_and_without_a_tenant() -> None:
    for entry in load_directory(bundled_knowledge()):
        generic, specific = render(entry.body, None), render(entry.body, SAMPLE_TENANT)
        for text in (generic, specific):
            assert 60 <= len(text.split()) <= 200, entry.id
            assert "{{" not in text and "{%" not in text
        assert "Sample Client" not in generic
