from __future__ import annotations

import pytest

from bot.knowledge.templating import SAMPLE_TENANT, TemplateError, as_list, check, render


def test_placeholders_filled_for_a_tenant_and_generic_without() -> None:
    body = ("Targets: {% if tenant %}{{ tenant.response_targets | as_targets }}"
            "{% else %}see your agreement{% endif %}.")
    assert render(body, SAMPLE_TENANT) == "Targets: P1: 1 hour; P2: 4 business hours."
    assert render(body, None) == "Targets: see your agreement."


def test_missing_field_is_an_error_not_a_blank() -> None:
    with pytest.raises(TemplateError):
        render("{{ tenant.no_such_field }}", SAMPLE_TENANT)
    with pytest.raises(TemplateError):
        render("Call {{ tenant.emergency_contact }}", None)


def test_sandbox_refuses_reaching_into_python() -> None:
    with pytest.raises(TemplateError):
        render("{{ tenant.__class__.__mro__[1].__subclasses__() }}", SAMPLE_TENANT)


def test_check_reports_unknown_variables_and_unguarded_fields() -> None:
    assert check("{{ client }}") == ["unknown placeholder variable 'client' (only 'tenant' exists)"]
    problems = check("Call {{ tenant.emergency_contact }} now.")
    assert problems and "without a tenant" in problems[0]
    assert check("{% if tenant %}{{ tenant.name }}{% endif %} fine") == []
    assert "syntax" in check("{% if tenant %}")[0]


def test_as_list() -> None:
    assert as_list(["a"]) == "a"
    assert as_list(["a", "b", "c"]) == "a, b and c"
