"""`mspbot serve`: the HTTP server for the Slack and Teams endpoints.

Start-up validates every setting (environment, then the optional TOML file) before it
opens the database, so a mistake is one clear line and exit status 1. SIGTERM or SIGINT
starts a graceful shutdown: readiness turns 503, the listening socket closes, requests
in flight complete, and answers already acknowledged are finished before the store
closes.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
from pathlib import Path
from urllib.parse import urlsplit

import click
from aiohttp import web

from bot.cli.common import run
from bot.service import config_file, logging_setup
from bot.service.app import open_app
from bot.service.settings import Settings, SettingsError

log = logging.getLogger("mspbot.serve")
SHUTDOWN_TIMEOUT_S = 25.0  # requests still open after this are cut (answers drain on)


def load_settings(config: Path | None) -> tuple[Settings, list[str]]:
    """The file's values under the environment's, then every setting validated.
    Returns the settings and the platforms that are configured."""
    from adapters import server  # the composition root may know the platforms
    from adapters.sections import SECTIONS

    if config is not None:
        config_file.apply(config_file.load(config, SECTIONS), os.environ)
    settings = Settings.from_env()
    if not settings.emergency_contact:
        raise SettingsError(
            "MSPBOT_EMERGENCY_CONTACT is required by mspbot serve: the MSP's own emergency "
            "phone number, which the bot gives clients it cannot identify")
    return settings, server.configured_platforms()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=3978, show_default=True, type=click.IntRange(0, 65535))
@click.option("--config", "config", envvar=config_file.ENV_VAR, default=None,
              type=click.Path(path_type=Path, dir_okay=False),
              help="A TOML file of settings (environment variables win). [env: MSPBOT_CONFIG]")
@click.option("--check", is_flag=True, help="Validate the configuration, print a summary, exit.")
def serve(host: str, port: int, config: Path | None, check: bool) -> None:
    """Serve Slack events (POST /slack/events), Teams activities (POST /api/messages),
    /healthz, /readyz and /metrics until interrupted."""
    # Start-up (settings, adapters, the store) allocates what lives as long as the server:
    # the cyclic collector waits until it listens, then skips it (see bot.cli._import).
    gc.disable()
    try:
        try:
            settings, platforms = load_settings(config)
        except SettingsError as exc:
            raise click.ClickException(f"configuration: {exc}") from None
        summary = (f"database {urlsplit(settings.database_url).scheme}, "
                   f"composer {settings.composer}, "
                   f"platforms: {', '.join(platforms) or 'none (health endpoints only)'}")
        if check:
            click.echo(f"configuration OK: {summary}")
            return
        from adapters.sections import SECTIONS

        logging_setup.configure(settings.log_level, settings.log_format, env=os.environ,
                                sections=SECTIONS)
        run(_serve(host, port, settings, summary))
    finally:
        gc.enable()


async def _serve(host: str, port: int, settings: Settings, summary: str) -> None:
    from adapters import server

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with open_app(settings, limits=True) as app:
        runner = web.AppRunner(server.build(app), handle_signals=False,
                               shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
            log.info("listening on http://%s:%s (%s)", host, port, summary,
                     extra={"fields": {"event": "start", "host": host, "port": port}})
            click.echo(f"mspbot listening on http://{host}:{port}", err=True)
            gc.freeze()
            gc.enable()
            await stop.wait()
            log.info("shutting down: finishing requests and answers in flight",
                     extra={"fields": {"event": "stop"}})
        finally:
            await runner.cleanup()
    log.info("stopped", extra={"fields": {"event": "stopped"}})
