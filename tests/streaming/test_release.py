"""Guarded release, judged with the real guard: only prefixes the guard accepts go out,
and what went out is never rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.llm.guard import check
from bot.llm.release import GuardedRelease
from bot.tenants.agreement import Tenant, load_tenant_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def acme() -> Tenant:
    return load_tenant_file(ROOT / "examples" / "tenants" / "acme-dental.yaml")


def feed_words(release: GuardedRelease, text: str) -> list[str]:
    """Feed `text` three words at a time, as a model streams; the chunks released."""
    words = text.split(" ")
    pieces = [" ".join(words[i:i + 3]) + (" " if i + 3 < len(words) else "")
              for i in range(0, len(words), 3)]
    return [chunk for piece in pieces if (chunk := release.feed(piece))]


def test_sentences_go_out_once_each_prefix_passes_the_guard(acme: Tenant) -> None:
    answer = ("The response time is when a person starts work [2]. A fix can take longer, "
              "because it depends on what is wrong [2]. Call the helpdesk if it is urgent [1].")
    release = GuardedRelease(given=3, tenant=acme)
    chunks = feed_words(release, answer)
    assert chunks[0] == "The response time is when a person starts work [1]."  # renumbered
    assert len(chunks) == 2  # the last sentence has no whitespace after it yet
    verdict = check(answer, 3, acme)
    tail = release.finish(verdict.text)
    assert "".join(chunks) + tail == verdict.text
    assert tail.endswith("urgent [2].")


def test_nothing_goes_out_before_a_citation(acme: Tenant) -> None:
    release = GuardedRelease(given=3, tenant=acme)
    assert feed_words(release, "Good question. Let me explain how it works. ") == []
    assert release.feed("A person starts work within the target [1]. ") == (
        "Good question. Let me explain how it works. A person starts work within the "
        "target [1].")


def test_a_promise_stops_the_release_and_the_answer_ends_before_it(acme: Tenant) -> None:
    release = GuardedRelease(given=3, tenant=acme)
    shown = feed_words(release, "Response time is when someone starts work [1]. Relax, it "
                                "will be fixed within 2 hours [1]. Anything else, just ask [1]. ")
    assert shown == ["Response time is when someone starts work [1]."]
    assert "promise" in release.refused
    whole = check(release.raw, 3, acme)
    assert not whole.ok
    assert release.finish(None) == ""
    assert release.released == shown[0]


def test_a_promise_in_the_first_sentence_releases_nothing(acme: Tenant) -> None:
    release = GuardedRelease(given=3, tenant=acme)
    assert feed_words(release, "We guarantee a fix within 1 hour [1]. Call us [1]. ") == []
    assert release.released == ""


def test_a_citation_it_was_not_given_is_never_shown(acme: Tenant) -> None:
    release = GuardedRelease(given=2, tenant=acme)
    shown = feed_words(release, "Backups run nightly [1]. Restores are covered [5]. ")
    assert shown == ["Backups run nightly [1]."]
    assert "not given" in release.refused


def test_a_decimal_point_is_not_a_sentence_end(acme: Tenant) -> None:
    release = GuardedRelease(given=3, tenant=acme)
    # "99.9% uptime" would be refused; the release must not stop at "99." and pass "We aim".
    assert release.feed("We aim for 99.") == ""
    assert release.feed("9% uptime [1]. ") == ""
    assert release.released == ""
