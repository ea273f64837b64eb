"""Quality checks on knowledge entries, for `mspbot kb lint`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.entries import Entry, EntryError, parse_entry, read_text
from bot.knowledge.templating import SAMPLE_TENANT, TemplateError, check, render
from bot.retrieval.text import normalize

MAX_WORDS = 200
MIN_WORDS = 60
MIN_QUESTIONS = 5


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def lint_files(folder: Path) -> tuple[list[Entry], list[Problem]]:
    """Parse every file, collecting problems instead of stopping at the first."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        try:
            entries.append(parse_entry(read_text(path), str(path)))
        except EntryError as exc:
            where, _, message = str(exc).partition(": ")
            problems.append(Problem(where, message))
    return entries, problems + lint_entries(entries)


def _words(text: str) -> int:
    return len(text.split())


def lint_entries(entries: Sequence[Entry]) -> list[Problem]:
    problems: list[Problem] = []
    owners: dict[str, list[str]] = defaultdict(list)
    ids: dict[str, int] = defaultdict(int)
    for entry in entries:
        ids[entry.id] += 1
        for question in entry.questions:
            owners[normalize(question).rstrip("?!. ")].append(entry.id)
        problems += [Problem(entry.id, m) for m in check(entry.body)]
        if entry.status == "published" and len(entry.questions) < MIN_QUESTIONS:
            problems.append(Problem(entry.id, f"only {len(entry.questions)} alternate "
                                    f"questions (at least {MIN_QUESTIONS} help retrieval)"))
        try:
            lengths = [_words(render(entry.body, t)) for t in (None, SAMPLE_TENANT)]
        except TemplateError:
            continue  # already reported by check()
        if max(lengths) > MAX_WORDS:
            problems.append(Problem(entry.id, f"answer is {max(lengths)} words (max {MAX_WORDS})"))
        if min(lengths) < MIN_WORDS:
            problems.append(Problem(entry.id, f"answer is {min(lengths)} words (min {MIN_WORDS})"))
    for entry_id, count in ids.items():
        if count > 1:
            problems.append(Problem(entry_id, f"id used by {count} entries"))
    for question, where in owners.items():
        distinct = sorted(set(where))
        if len(where) > 1:
            problems.append(Problem(", ".join(distinct), f"duplicate question '{question}'"))
    return problems
