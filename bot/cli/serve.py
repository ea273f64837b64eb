"""`mspbot serve`: the HTTP server for the Slack and Teams endpoints."""

from __future__ import annotations

import asyncio

import click
from aiohttp import web

from bot.app import open_app
from bot.cli.common import run


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=3978, show_default=True, type=click.IntRange(0, 65535))
def serve(host: str, port: int) -> None:
    """Serve Slack events (POST /slack/events), Teams activities (POST /api/messages),
    /healthz and /readyz until interrupted."""
    run(_serve(host, port))


async def _serve(host: str, port: int) -> None:
    from adapters import server  # the composition root may know the platforms

    async with open_app() as app:
        runner = web.AppRunner(server.build(app), handle_signals=True)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        click.echo(f"mspbot listening on http://{host}:{port}", err=True)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
