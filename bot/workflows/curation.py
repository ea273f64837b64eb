"""Staff edits to the knowledge base, the same rules from Slack, Teams and the CLI.

The platforms collect a form or a file and turn it into an `Entry` (their own parsing);
this is where it is checked against the store and saved with history: clients named in
`tenants` must exist, an add never overwrites, an edit needs an existing entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.entries import Entry, EntryError, Status
from bot.store import Store

Mode = Literal["add", "edit"]
# A status the staff member did not choose: chat editors show it preselected, so what
# they save is what the bot uses at once (drafts remain one click away).
DEFAULT_STATUS: Status = "published"


class CurationError(EntryError):
    """A save the rules refuse; `field` names the form field to show it next to."""

    def __init__(self, message: str, field: str = "id") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Saved:
    entry: Entry
    version: int
    changed: bool


class Curation:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def unknown_tenants(self, slugs: Iterable[str]) -> str | None:
        """The problem with the clients an entry names, or None."""
        known = {t.slug for t in await self.store.tenants.all()}
        unknown = sorted(set(slugs) - known)
        return f"unknown client(s): {', '.join(unknown)}" if unknown else None

    async def check_tenants(self, entry: Entry) -> None:
        if entry.tenants == "all":
            return
        problem = await self.unknown_tenants(entry.tenants)
        if problem:
            raise CurationError(problem, field="tenants")

    async def save(self, entry: Entry, *, mode: Mode, actor: str,
                   change: str | None = None) -> Saved:
        """Save `entry` as a new version (history keeps who, when and what)."""
        await self.check_tenants(entry)
        existing = await self.store.knowledge.get(entry.id)
        if mode == "add" and existing is not None:
            raise CurationError(f"an entry '{entry.id}' already exists: choose another id, or "
                                f"edit it (`kb edit {entry.id}`)")
        if mode == "edit" and existing is None:
            raise CurationError(f"there is no entry '{entry.id}' to edit; add it instead")
        before = await self.store.knowledge.version()
        version = await self.store.knowledge.put(entry, actor, change or mode)
        return Saved(entry, version, await self.store.knowledge.version() != before)
