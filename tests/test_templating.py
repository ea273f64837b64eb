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


PLAIN_BODIES = [
    "One line.",
    "Trailing newline.\n",
    "Windows\r\nline\r\nends\r\n\r\nand a blank one.",
    "Old Mac\rline ends.",
    "  Indented   and  doubled  spaces.  \n\n\n\nThen a paragraph.",
    "Braces that are no tags: {name}, {}, } {, 100%}, #} and a lone { at the end {",
    "Unicode line\u2028separator, next\u2029paragraph, form\x0cfeed, \u00e9 and \u2019.",
]


@pytest.mark.parametrize("body", PLAIN_BODIES)
def test_text_without_tags_renders_as_jinja_would_render_it(body: str) -> None:
    """render() skips Jinja2 for text with no tag, placeholder or comment: the result must
    be exactly what Jinja2 gives (a body that is all text is most of the bundled ones)."""
    from bot.knowledge.templating import environment, tidy

    for tenant in (None, SAMPLE_TENANT):
        assert render(body, tenant) == tidy(environment().from_string(body).render(tenant=tenant))


def test_the_bundled_plain_bodies_render_as_jinja_would() -> None:
    from bot.data.resources import bundled_knowledge
    from bot.knowledge.entries import load_directory
    from bot.knowledge.templating import environment, tidy

    plain = [e.body for e in load_directory(bundled_knowledge())
             if "{{" not in e.body and "{%" not in e.body and "{#" not in e.body]
    assert plain  # the check below covers real bodies
    for body in plain:
        assert render(body, None) == tidy(environment().from_string(body).render(tenant=None))


@pytest.mark.parametrize(("body", "expected"), [
    ("a {{ 'placeholder' }} b", "a placeholder b"),
    ("a {% if true %}tag{% endif %} b", "a tag b"),
    ("a {# a comment #} b", "a b"),
    ("a {%- if true %} b", None),  # unclosed: an error, as Jinja2 says
])
def test_text_with_any_tag_goes_through_jinja(body: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(TemplateError):
            render(body, None)
    else:
        assert render(body, None) == expected
