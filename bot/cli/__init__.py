"""The `mspbot` command line. Sub-commands load on first use to keep start-up quick."""

from __future__ import annotations

import gc
import importlib
from types import ModuleType

import click

COMMANDS = {
    "ask": "bot.cli.ask:ask",
    "chat": "bot.cli.ask:chat",
    "kb": "bot.cli.kb:kb",
    "index": "bot.cli.index:index",
    "tenants": "bot.cli.tenants:tenants",
    "eval": "bot.cli.evaluate:eval_command",
    "serve": "bot.cli.serve:serve",
    "stats": "bot.cli.stats:stats",
    "tickets": "bot.cli.tickets:tickets",
    "staff": "adapters.console_web.cli:staff",
    "console": "adapters.console_web.cli:console",
    "slack": "adapters.slack.cli:slack",
    "teams": "adapters.teams.cli:teams",
}


# The commands that load the knowledge index (and so numpy: see `_import`).
ANSWERING = frozenset({"ask", "chat", "kb", "index", "eval", "serve", "console"})

# One-line help for `mspbot --help`, so listing commands imports none of them.
SUMMARIES = {
    "ask": "Answer a question, or a JSON-lines batch on stdin.",
    "chat": "A conversation in the terminal.",
    "kb": "Curate the knowledge base (every change keeps history).",
    "index": "Build the saved knowledge index now (MSPBOT_INDEX_DIR).",
    "tenants": "Import and inspect client agreements.",
    "eval": "Accuracy figures on an evaluation set.",
    "serve": "The HTTP server for Slack and Teams.",
    "stats": "Answers, fallbacks and tokens.",
    "tickets": "List, show and close tickets.",
    "staff": "Staff console accounts (add, list, set-role, remove).",
    "console": "The staff console on 127.0.0.1, for one person.",
    "slack": "Slack set-up: the app manifest and Socket Mode.",
    "teams": "Teams set-up: the app package.",
}


class LazyGroup(click.Group):
    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, _, attr = COMMANDS[name].partition(":")
            command = getattr(_import(module, numpy_first=name in ANSWERING), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, name)


def _import(name: str, numpy_first: bool = False) -> ModuleType:
    """Import a command's module with the cyclic garbage collector paused, then freeze what
    was imported. Importing allocates hundreds of thousands of objects that live as long
    as the process; with the collector running, each of its passes walks them all again
    (~80 ms of a CLI call). Frozen, later collections skip them.

    `numpy_first`: import numpy before anything imports typing_extensions (pydantic,
    SQLAlchemy and aiohttp do), which swaps a function `typing` uses to build generic
    aliases for a slower one; numpy builds hundreds of aliases when imported (~40 ms more
    when it comes second)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        if numpy_first:
            import numpy  # noqa: F401
        return importlib.import_module(name)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mspbot")
def cli() -> None:
    """mspbot: answers MSP clients' "why isn't this fixed yet?" questions, candidly."""


def main() -> None:
    cli()
