"""`mspbot index build`: build (or check) the saved index now, e.g. in a deploy step, so
the first question after a start or an edit does not wait for it."""

from __future__ import annotations

import asyncio

import click

from bot.cli.common import echo_json, run
from bot.knowledge import fitting
from bot.retrieval.artifacts import ArtifactCache
from bot.service.app import open_app
from bot.service.settings import Settings


@click.group()
def index() -> None:
    """The saved knowledge index (MSPBOT_INDEX_DIR, default MSPBOT_HOME/index)."""


@index.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def build(as_json: bool) -> None:
    """Load each index part that is saved and current; build and save the rest."""
    settings = Settings.from_env()
    if settings.index_dir is None:
        raise click.UsageError("MSPBOT_INDEX_DIR is off: there is no saved index to build")
    directory = settings.index_dir

    async def go() -> tuple[int, fitting.Built]:
        async with open_app(settings, record=False) as app:
            entries = await app.store.knowledge.list_entries()
        click.echo(f"checking the index of {len(entries)} entries in {directory}...", err=True)
        built = await asyncio.to_thread(fitting.build, entries, None, ArtifactCache(directory))
        return len(entries), built

    count, built = run(go())
    parts = {kind: {"key": r.key, "status": "loaded" if r.loaded else "built",
                    "seconds": round(r.seconds, 3)} for kind, r in built.parts.items()}
    if as_json:
        echo_json({"directory": str(directory), "entries": count,
                   "published": len(built.index), "parts": parts})
        return
    for kind, part in parts.items():
        click.echo(f"{kind:<8} {part['status']:<7} {part['seconds']:>7.2f} s  {part['key']}")
