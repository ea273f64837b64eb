"""Answer bodies are sandboxed Jinja2 templates with one variable, `tenant`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.tenants.agreement import Coverage, Tenant

if TYPE_CHECKING:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

# Where Jinja2 would see a tag, a placeholder or a comment. Text without one renders as
# itself (Jinja2 only drops a final newline and writes line breaks as "\n", both of which
# `tidy` does anyway), so such a body is tidied without importing Jinja2 (~30 ms).
_SYNTAX = re.compile(r"\{[{%#]")


class TemplateError(ValueError):
    pass


def as_targets(targets: Mapping[str, str]) -> str:
    return "; ".join(f"{priority}: {text}" for priority, text in targets.items())


def as_list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["as_targets"] = as_targets
    env.filters["as_list"] = as_list
    return env


@lru_cache(maxsize=4096)
def _compile(body: str) -> jinja2.Template:
    return environment().from_string(body)


def render(body: str, tenant: Tenant | None) -> str:
    """Fill an entry's placeholders for `tenant` (or the generic wording without one)."""
    if not _SYNTAX.search(body):
        return tidy(body)
    import jinja2

    try:
        text = _compile(body).render(tenant=tenant)
    except jinja2.TemplateError as exc:
        raise TemplateError(str(exc)) from exc
    return tidy(text)


def tidy(text: str) -> str:
    """Collapse the blank runs and doubled spaces that template branches leave behind."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


SAMPLE_TENANT = Tenant(
    slug="sample-client",
    name="Sample Client Ltd",
    plan="Managed Standard",
    timezone="UTC",
    coverage=Coverage(business_hours="Mon-Fri 08:00-18:00", after_hours="P1 only, by phone"),
    response_targets={"P1": "1 hour", "P2": "4 business hours"},
    included=("helpdesk", "patching"),
    excluded=("new projects",),
    emergency_contact="+1 555 0100",
)


def check(body: str) -> list[str]:
    """Problems with a template: syntax, unknown variables, failures with or without a tenant."""
    import jinja2
    from jinja2 import meta

    try:
        parsed = environment().parse(body)
    except jinja2.TemplateSyntaxError as exc:
        return [f"template syntax error on line {exc.lineno}: {exc.message}"]
    problems = [
        f"unknown placeholder variable '{name}' (only 'tenant' exists)"
        for name in sorted(meta.find_undeclared_variables(parsed) - {"tenant"})
    ]
    if problems:
        return problems
    for label, tenant in (("without a tenant", None), ("with a tenant", SAMPLE_TENANT)):
        try:
            render(body, tenant)
        except TemplateError as exc:
            problems.append(f"fails to render {label}: {exc}")
    return problems


