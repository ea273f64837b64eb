"""Prompt templates as data: `prompts/*.yaml`, each with a name, a version, the variables
it needs and a Jinja2 template.

Rendering is strict: a missing (or unexpected) variable is an error, never a silent
blank. Client text goes in through the `quoted` filter, as a JSON string literal, so
it reads as data and cannot close its quotes to pose as instructions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.data.resources import bundled_prompts

if TYPE_CHECKING:  # Jinja2 loads when a prompt is first parsed (~15 ms a CLI question skips)
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment


class PromptError(ValueError):
    """A prompt file that cannot be used, or a render with the wrong variables."""


def quoted(value: object) -> str:
    """Client-supplied text as a quoted, escaped string literal."""
    return json.dumps(str(value), ensure_ascii=False)


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["quoted"] = quoted
    return env



@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    variables: frozenset[str]
    source: str
    description: str = ""

    @cached_property
    def template(self) -> jinja2.Template:
        return _environment().from_string(self.source)

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, **values: Any) -> str:
        missing = self.variables - values.keys()
        extra = values.keys() - self.variables
        if missing or extra:
            problems = []
            if missing:
                problems.append(f"missing {', '.join(sorted(missing))}")
            if extra:
                problems.append(f"unexpected {', '.join(sorted(extra))}")
            raise PromptError(f"prompt {self.ref}: {'; '.join(problems)}")
        import jinja2

        try:
            text = self.template.render(**values)
        except jinja2.TemplateError as exc:  # StrictUndefined: a missing field inside a value
            raise PromptError(f"prompt {self.ref}: {exc}") from exc
        return text.strip() + "\n"


def parse_prompt(text: str, source: str) -> Prompt:
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PromptError(f"{source}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise PromptError(f"{source}: a prompt file must be a mapping")
    unknown = set(data) - {"name", "version", "description", "variables", "template"}
    if unknown:
        raise PromptError(f"{source}: unknown field(s) {', '.join(sorted(unknown))}")
    name, version, template = data.get("name"), data.get("version"), data.get("template")
    variables = data.get("variables", [])
    if not isinstance(name, str) or not name:
        raise PromptError(f"{source}: 'name' must be a non-empty string")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PromptError(f"{source}: 'version' must be a positive whole number")
    if not isinstance(template, str) or not template.strip():
        raise PromptError(f"{source}: 'template' must be non-empty text")
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise PromptError(f"{source}: 'variables' must be a list of names")
    import jinja2
    from jinja2 import meta

    try:
        used = meta.find_undeclared_variables(_environment().parse(template))
    except jinja2.TemplateSyntaxError as exc:
        raise PromptError(f"{source}: template syntax error on line {exc.lineno}: "
                          f"{exc.message}") from exc
    declared = set(variables)
    if used != declared:
        parts = []
        if used - declared:
            parts.append(f"uses undeclared {', '.join(sorted(used - declared))}")
        if declared - used:
            parts.append(f"declares unused {', '.join(sorted(declared - used))}")
        raise PromptError(f"{source}: template {'; '.join(parts)}")
    return Prompt(name=name, version=version, variables=frozenset(declared), source=template,
                  description=str(data.get("description", "")).strip())


class PromptLibrary:
    """All prompts of a folder, by name."""

    def __init__(self, prompts: Mapping[str, Prompt]) -> None:
        self._prompts = dict(prompts)

    @classmethod
    def load(cls, folder: Path | None = None) -> PromptLibrary:
        folder = folder or bundled_prompts()
        prompts: dict[str, Prompt] = {}
        for path in sorted(folder.glob("*.yaml")):
            prompt = parse_prompt(path.read_text(encoding="utf-8"), str(path))
            if prompt.name in prompts:
                raise PromptError(f"{path}: duplicate prompt name '{prompt.name}'")
            prompts[prompt.name] = prompt
        return cls(prompts)

    def __getitem__(self, name: str) -> Prompt:
        try:
            return self._prompts[name]
        except KeyError:
            raise PromptError(f"no prompt named '{name}'") from None

    def require(self, *names: str) -> None:
        for name in names:
            self[name]

    def version(self, *names: str) -> str:
        """A version tag for a set of prompts, e.g. for the answer cache key."""
        return "+".join(self[n].ref for n in sorted(names))
