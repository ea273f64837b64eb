"""`mspbot kb ...`: staff curate the knowledge base."""

from __future__ import annotations

import asyncio
import getpass
import sys
from pathlib import Path

import click

from bot.cli.common import echo_json, run
from bot.knowledge import fitting
from bot.knowledge.entries import Entry, EntryError, check_unique_ids, parse_entry, read_text
from bot.knowledge.lint import lint_entries, lint_files
from bot.policy import ANSWER_CONFIDENCE
from bot.retrieval.artifacts import ArtifactCache
from bot.service.app import open_app
from bot.service.settings import Settings
from bot.store import StoreError

ACTOR = click.option("--actor", default=lambda: getpass.getuser(), show_default="current user",
                     help="Who is making the change (kept in the history).")


@click.group()
def kb() -> None:
    """Add, import, edit, retire and review knowledge entries (every change keeps history)."""


def _update_index() -> None:
    """After a change: refit the index parts it affects and save them, so the next
    process (a question from the terminal, a restarted server) loads them, not fits."""
    settings = Settings.from_env()
    if settings.index_dir is None:
        return
    directory = settings.index_dir
    click.echo(f"updating the saved index in {directory}...", err=True)

    async def go() -> None:
        async with open_app(settings, record=False) as app:
            entries = await app.store.knowledge.list_entries()
        await asyncio.to_thread(fitting.build, entries, None, ArtifactCache(directory))

    run(go())


def _read_entry(path: Path) -> Entry:
    if not path.is_file():
        raise EntryError(f"{path}: no such file")
    return parse_entry(read_text(path), str(path))


@kb.command()
@click.argument("file", type=click.Path(path_type=Path))
@ACTOR
def add(file: Path, actor: str) -> None:
    """Add a new entry from a Markdown FILE."""

    async def go() -> None:
        entry = _read_entry(file)
        async with open_app() as app:
            if await app.store.knowledge.get(entry.id):
                raise EntryError(f"{file}: entry '{entry.id}' exists; use `mspbot kb edit`")
            await app.store.knowledge.put(entry, actor, "add")

    run(go())
    click.echo(f"added {file}")
    _update_index()


@kb.command(name="import")
@click.argument("folder", type=click.Path(path_type=Path))
@ACTOR
def import_(folder: Path, actor: str) -> None:
    """Import every *.md entry in FOLDER: all of them, or none if any file is bad."""

    if not folder.is_dir():
        raise click.ClickException(f"{folder}: not a directory")
    files = sorted(folder.glob("*.md"))
    if not files:
        raise click.ClickException(f"{folder}: no .md entries found")
    try:
        with click.progressbar(files, label="checking", file=sys.stderr) as bar:
            entries = [_read_entry(path) for path in bar]
        check_unique_ids(entries, files)
    except EntryError as exc:
        raise click.ClickException(f"{exc} (nothing was imported)") from None

    async def go() -> tuple[int, int]:
        async with open_app() as app:
            results = await app.store.knowledge.put_entries(entries, actor, "import")
        return len(entries), sum(changed for _, changed in results)

    count, changed = run(go())
    click.echo(f"imported {count} entries from {folder} ({changed} new or changed)")
    _update_index()


@kb.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "markdown"]), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Folder for --format markdown.")
def export(fmt: str, out: Path | None) -> None:
    """Print every entry with all its fields (jsonl), or write Markdown files to --out."""
    if fmt == "markdown" and out is None:
        raise click.UsageError("--format markdown needs --out FOLDER")

    async def go() -> list[Entry]:
        async with open_app() as app:
            return await app.store.knowledge.list_entries()

    entries = run(go())
    if fmt == "jsonl":
        for entry in entries:
            echo_json(entry.to_record())
        return
    assert out is not None
    out.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        (out / f"{entry.id}.md").write_text(entry.to_markdown(), encoding="utf-8")
    click.echo(f"wrote {len(entries)} entries to {out}", err=True)


@kb.command(name="list")
@click.option("--status", type=click.Choice(["draft", "published", "retired"]))
@click.option("--topic", help="Only entries with this topic slug.")
def list_(status: str | None, topic: str | None) -> None:
    """List entries: id, status, topics, title."""

    async def go() -> list[Entry]:
        async with open_app() as app:
            return await app.store.knowledge.list_entries()

    for entry in run(go()):
        if (status and entry.status != status) or (topic and topic not in entry.topics):
            continue
        click.echo(f"{entry.id:<44} {entry.status:<9} {','.join(entry.topics):<40} {entry.title}")


@kb.command()
@click.argument("entry_id")
def show(entry_id: str) -> None:
    """Print one entry as Markdown."""
    click.echo(run(_get(entry_id)).to_markdown(), nl=False)


async def _get(entry_id: str) -> Entry:
    async with open_app() as app:
        entry = await app.store.knowledge.get(entry_id)
    if entry is None:
        raise StoreError(f"no entry with id '{entry_id}'")
    return entry


@kb.command()
@click.argument("entry_id")
@click.option("--file", "file", type=click.Path(path_type=Path),
              help="Replace the entry with this Markdown file instead of opening $EDITOR.")
@ACTOR
def edit(entry_id: str, file: Path | None, actor: str) -> None:
    """Change an entry, in $EDITOR or from --file."""
    current = run(_get(entry_id))
    if file is not None:
        entry = _read_entry(file) if file.is_file() else None
        if entry is None:
            raise click.ClickException(f"{file}: no such file")
    else:
        edited = click.edit(current.to_markdown(), extension=".md")
        if edited is None:
            click.echo("no change")
            return
        try:
            entry = parse_entry(edited, f"{entry_id} (edited)")
        except EntryError as exc:
            raise click.ClickException(str(exc)) from None
    if entry.id != entry_id:
        raise click.ClickException(f"the edited entry's id is '{entry.id}', expected '{entry_id}'")

    async def go() -> int:
        async with open_app() as app:
            return await app.store.knowledge.put(entry, actor, "edit")

    click.echo(f"{entry_id} is now at version {run(go())}")
    _update_index()


@kb.command()
@click.argument("entry_id")
@ACTOR
def retire(entry_id: str, actor: str) -> None:
    """Stop using an entry (kept, with its history)."""

    async def go() -> int:
        async with open_app() as app:
            return await app.store.knowledge.retire(entry_id, actor)

    click.echo(f"{entry_id} retired (version {run(go())})")
    _update_index()


@kb.command()
@click.argument("entry_id")
def history(entry_id: str) -> None:
    """Every version of an entry: who changed it, when, and how."""

    async def go() -> list[str]:
        async with open_app() as app:
            rows = await app.store.knowledge.history(entry_id)
        return [f"v{r.version:<4} {r.at:%Y-%m-%d %H:%M:%S} {r.actor:<28} {r.change:<16} "
                f"{r.entry.status:<9} {r.entry.title}" for r in rows]

    for line in run(go()):
        click.echo(line)


@kb.command()
@click.argument("entry_id")
@click.argument("version", type=click.IntRange(min=1))
@ACTOR
def revert(entry_id: str, version: int, actor: str) -> None:
    """Make VERSION of an entry current again (recorded as a new version)."""

    async def go() -> int:
        async with open_app() as app:
            return await app.store.knowledge.revert(entry_id, version, actor)

    click.echo(f"{entry_id} reverted to v{version}, now version {run(go())}")
    _update_index()


@kb.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def lint(folder: Path | None) -> None:
    """Check entries (FOLDER, or the store): duplicates, topics, placeholders, length."""
    if folder is not None:
        if not folder.is_dir():
            raise click.UsageError(f"{folder}: not a directory")
        _, problems = lint_files(folder)
    else:

        async def go() -> list[Entry]:
            async with open_app() as app:
                return await app.store.knowledge.list_entries()

        problems = lint_entries([e for e in run(go()) if e.status != "retired"])
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s)")
    click.echo("no problems found", err=True)


@kb.command()
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def gaps(limit: int, as_json: bool) -> None:
    """Questions declined, clarified or answered with low confidence, most frequent first."""

    async def go() -> list[dict[str, object]]:
        async with open_app() as app:
            rows = await app.store.interactions.gaps(ANSWER_CONFIDENCE, limit)
        return [
            {"count": r.count, "question": r.example, "action": r.action,
             "confidence": round(float(r.confidence), 3), "closest_entry": r.closest_entry}
            for r in rows
        ]

    rows = run(go())
    for row in rows:
        if as_json:
            echo_json(row)
        else:
            click.echo(f"{row['count']:>4}  {row['action']:<8} {row['confidence']:.2f}  "
                       f"{row['closest_entry'] or '-':<40} {row['question']}")
    if not rows and not as_json:
        click.echo("no gaps recorded", err=True)
