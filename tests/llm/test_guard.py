"""The guard: grounded citations, and no promise the agreement does not make."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.llm.guard import check, claims
from bot.tenants.agreement import Tenant, load_tenant_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def acme() -> Tenant:
    return load_tenant_file(ROOT / "examples" / "tenants" / "acme-dental.yaml")


@pytest.mark.parametrize("text", [
    "It will be fixed within 2 hours [1].",
    "We'll have it fixed in two hours [1].",
    "Expect a 1-hour fix [1].",
    "We guarantee your email comes back today [1].",
    "I promise you it's sorted by tomorrow [1].",
    "We keep your systems up 99.9% of the time [1].",
    "Your uptime will be 99.99 percent [1].",
    "Your laptop will be repaired [1].",
    "I can't say exactly, but it will be fixed in a day [1].",
    "Someone will respond within 30 minutes [1].",
    "Resolution within 4 business hours is part of your plan [1].",
])
def test_promises_the_agreement_lacks_are_rejected(acme: Tenant, text: str) -> None:
    verdict = check(text, 2, acme)
    assert not verdict.ok
    assert "promise" in verdict.reason


@pytest.mark.parametrize("text", [
    "That's frustrating. Response targets time the start of work, not the fix [1].",
    "Nobody can honestly guarantee a fix time for open systems [1].",
    "We can't promise it will be fixed within 4 hours [2].",
    "Your P1 response target is 1 hour, around the clock [1].",
    "A P2 gets a response within 4 business hours, which is not a fix time [1][2].",
    "Your internet provider guarantees 99.9% because it runs a closed network [1].",
    "An uptime percentage only works when the provider controls everything [1].",
    "We will keep you updated until it is resolved [1].",
    "Wanting a firm guarantee is completely reasonable [1].",
])
def test_honest_answers_pass(acme: Tenant, text: str) -> None:
    verdict = check(text, 2, acme)
    assert verdict.ok, verdict.reason


def test_response_times_need_a_known_agreement(acme: Tenant) -> None:
    text = "For a P1 someone responds within 1 hour [1]."
    assert check(text, 1, acme).ok
    assert not check(text, 1, None).ok


def test_an_agreement_that_does_promise_a_fix_time_allows_it(acme: Tenant) -> None:
    generous = acme.model_copy(update={"included": ("guaranteed restore within 4 hours",)})
    assert check("Your server will be restored within 4 hours [1].", 1, generous).ok
    assert not check("Your server will be restored within 2 hours [1].", 1, generous).ok


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("Response is not resolution.", "cites no retrieved entry"),
    ("Response is not resolution [3].", "not given: [3]"),
    ("See [0] and [1].", "not given: [0]"),
])
def test_citations_must_point_at_given_entries(text: str, reason: str) -> None:
    verdict = check(text, 2, None)
    assert not verdict.ok and reason in verdict.reason


def test_markers_are_renumbered_in_citation_order() -> None:
    verdict = check("First [2]. Both [1, 2]. Again [2].", 2, None)
    assert verdict.ok
    assert verdict.cited == (2, 1)
    assert verdict.text == "First [1]. Both [2][1]. Again [1]."


def test_claims_name_kind_and_value() -> None:
    found = claims("It will be fixed within 90 minutes. We guarantee 99.9% uptime.")
    assert {(c.kind, c.value) for c in found} >= {("resolution", "90 minute"),
                                                   ("guarantee", ""), ("uptime", "99.9%")}
    assert claims("It'll be fixed within 60 minutes")[0].value == "1 hour"
