"""The `mspbot` command line."""

from __future__ import annotations

import click

from bot.cli.ask import ask, chat
from bot.cli.evaluate import eval_command
from bot.cli.kb import kb
from bot.cli.serve import serve
from bot.cli.tenants import tenants


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mspbot")
def cli() -> None:
    """mspbot: answers MSP clients' "why isn't this fixed yet?" questions, candidly."""


for command in (ask, chat, kb, tenants, eval_command, serve):
    cli.add_command(command)


def main() -> None:
    cli()
