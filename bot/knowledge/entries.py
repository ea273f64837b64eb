"""Knowledge entries: the Markdown-with-front-matter file format and its validation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.knowledge.topics import TOPICS

Status = Literal["draft", "published", "retired"]
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)(.*)\Z", re.DOTALL)


class EntryError(ValueError):
    """A knowledge entry that cannot be accepted; the message names the file and the problem."""


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str = Field(min_length=3, max_length=200)
    questions: tuple[str, ...] = Field(min_length=1)
    topics: tuple[str, ...] = Field(min_length=1)
    audience: Literal["client", "staff", "all"] = "client"
    tenants: tuple[str, ...] | Literal["all"] = "all"
    status: Status = "draft"
    updated: dt.date = Field(default_factory=dt.date.today)
    body: str = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError("id must be a lowercase slug (a-z, 0-9, '-'), 2-80 characters")
        return value

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [t for t in value if t not in TOPICS]
        if unknown:
            raise ValueError(f"unknown topic(s): {', '.join(unknown)}")
        return value

    @field_validator("questions")
    @classmethod
    def _clean_questions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple([q.strip() for q in value])
        if not all(cleaned):
            raise ValueError("questions must not be empty")
        return cleaned

    @field_validator("tenants", mode="before")
    @classmethod
    def _tenants(cls, value: Any) -> Any:
        if isinstance(value, str):
            return "all" if value == "all" else (value,)
        return value

    def visible_to(self, tenant: str | None) -> bool:
        """Published and meant for everyone or for this client."""
        if self.status != "published":
            return False
        return self.tenants == "all" or (tenant is not None and tenant in self.tenants)

    def to_record(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["questions"] = list(self.questions)
        data["topics"] = list(self.topics)
        data["tenants"] = self.tenants if self.tenants == "all" else list(self.tenants)
        return data

    def to_markdown(self) -> str:
        front = self.to_record()
        body = front.pop("body")
        text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
        return f"---\n{text}---\n{body.rstrip()}\n"


def parse_entry(text: str, source: str) -> Entry:
    """Parse one Markdown entry; errors name `source`."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        raise EntryError(f"{source}: missing YAML front matter between '---' lines")
    try:
        front = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise EntryError(f"{source}: invalid YAML front matter: {exc}") from exc
    if not isinstance(front, dict):
        raise EntryError(f"{source}: front matter must be a mapping of fields")
    if "body" in front:
        raise EntryError(f"{source}: 'body' is not a front matter field; write the answer below")
    try:
        return Entry.model_validate({**front, "body": match.group(2).strip()})
    except ValidationError as exc:
        raise EntryError(f"{source}: {describe_validation(exc)}") from exc


def entry_from_record(record: dict[str, Any], source: str = "record") -> Entry:
    try:
        return Entry.model_validate(record)
    except ValidationError as exc:
        raise EntryError(f"{source}: {describe_validation(exc)}") from exc


def describe_validation(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "entry"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def load_directory(folder: Path) -> list[Entry]:
    """Load every `*.md` entry in `folder`; any bad file fails the whole load."""
    if not folder.is_dir():
        raise EntryError(f"{folder}: not a directory")
    files = sorted(folder.glob("*.md"))
    if not files:
        raise EntryError(f"{folder}: no .md entries found")
    entries = [parse_entry(read_text(path), str(path)) for path in files]
    check_unique_ids(entries, files)
    return entries


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EntryError(f"{path}: not valid UTF-8 ({exc.reason})") from exc


def check_unique_ids(entries: Iterable[Entry], sources: Iterable[Path | str]) -> None:
    seen: dict[str, str] = {}
    for entry, source in zip(entries, sources, strict=True):
        if entry.id in seen:
            raise EntryError(f"{source}: duplicate id '{entry.id}' (also in {seen[entry.id]})")
        seen[entry.id] = str(source)
