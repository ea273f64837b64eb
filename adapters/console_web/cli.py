"""`mspbot staff ...` (console accounts) and `mspbot console` (the console alone, locally)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sys

import click
from aiohttp import web

from adapters.console_web import build_console
from adapters.console_web.auth import ROLE_NAMES
from adapters.console_web.config import ConsoleSettings
from adapters.console_web.passwords import PasswordError, hash_password
from bot.cli.common import run
from bot.service import logging_setup
from bot.service.app import open_app
from bot.service.settings import Settings, SettingsError
from bot.store.records import StaffMember

ROLE = click.Choice(ROLE_NAMES)


@click.group()
def staff() -> None:
    """Staff console accounts: who may sign in, and with which role."""


def _read_password(confirm: bool) -> str:
    """From standard input when it is not a terminal (one line), else a hidden prompt."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise click.ClickException("no password on standard input")
        return line
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=confirm))


@staff.command()
@click.argument("email")
@click.option("--role", type=ROLE, default="viewer", show_default=True)
@click.option("--name", help="How the person is shown and signed in history (default: email).")
@click.option("--sso-only", is_flag=True,
              help="No password: the person signs in with Entra ID or Slack only.")
def add(email: str, role: str, name: str | None, sso_only: bool) -> None:
    """Add a staff account. The password is read from standard input or a prompt,
    never from the command line."""
    if "@" not in email:
        raise click.UsageError(f"{email!r} is not an email address")
    password_hash = None
    if not sso_only:
        try:
            password_hash = hash_password(_read_password(confirm=True))
        except PasswordError as exc:
            raise click.ClickException(str(exc)) from None

    async def go() -> None:
        async with open_app(record=False) as app:
            await app.store.staff.add(StaffMember(
                email=email.lower(), name=name or email, role=role, password_hash=password_hash,
                created_at=dt.datetime.now(dt.UTC)))

    run(go())
    click.echo(f"added {email.lower()} ({role})")


@staff.command(name="list")
def list_() -> None:
    """Every account: email, role, how it signs in, name."""

    async def go() -> list[StaffMember]:
        async with open_app(record=False) as app:
            return await app.store.staff.all()

    for m in run(go()):
        how = "password" if m.password_hash else "sso-only"
        click.echo(f"{m.email:<40} {m.role:<7} {how:<9} {m.name}")


@staff.command(name="set-role")
@click.argument("email")
@click.argument("role", type=ROLE)
def set_role(email: str, role: str) -> None:
    """Change an account's role."""

    async def go() -> None:
        async with open_app(record=False) as app:
            await app.store.staff.update(email, role=role)

    run(go())
    click.echo(f"{email.lower()} is now {role}")


@staff.command()
@click.argument("email")
def password(email: str) -> None:
    """Set a new password (standard input or a prompt); other sessions stay open."""
    try:
        password_hash = hash_password(_read_password(confirm=True))
    except PasswordError as exc:
        raise click.ClickException(str(exc)) from None

    async def go() -> None:
        async with open_app(record=False) as app:
            await app.store.staff.update(email, password_hash=password_hash)

    run(go())
    click.echo(f"password changed for {email.lower()}")


@staff.command()
@click.argument("email")
def remove(email: str) -> None:
    """Delete an account and end its sessions."""

    async def go() -> bool:
        async with open_app(record=False) as app:
            return await app.store.staff.remove(email)

    if not run(go()):
        raise click.ClickException(f"no staff account for {email}")
    click.echo(f"removed {email.lower()}")


@click.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
def console(port: int) -> None:
    """Serve the staff console alone on http://127.0.0.1:PORT/console/ (loopback only,
    so cookies are sent without the Secure flag). Sign in with an account from
    `mspbot staff add`."""
    try:
        env = {**os.environ, "MSPBOT_CONSOLE_SECURE_COOKIES": "off"}
        settings, console_settings = Settings.from_env(env), ConsoleSettings.from_env(env)
    except SettingsError as exc:
        raise click.ClickException(f"configuration: {exc}") from None
    from adapters.sections import SECTIONS

    logging_setup.configure(settings.log_level, "text", env=os.environ, sections=SECTIONS)
    run(_serve(port, settings, console_settings))


async def _serve(port: int, settings: Settings, console_settings: ConsoleSettings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with open_app(settings) as app:
        root = web.Application()
        root.add_subapp("/console/", build_console(app, console_settings))
        runner = web.AppRunner(root, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, "127.0.0.1", port)
            await site.start()
            bound = runner.addresses[0][1] if runner.addresses else port
            if not await app.store.staff.all():
                click.echo("no staff accounts yet: create one with "
                           "`mspbot staff add EMAIL --role admin`", err=True)
            click.echo(f"mspbot console on http://127.0.0.1:{bound}/console/", err=True)
            await stop.wait()
        finally:
            await runner.cleanup()
