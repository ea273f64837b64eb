"""The console served on 127.0.0.1 (port 0) from a test database, a staff account, and
Debian's Chromium driven by Playwright. Without Chromium the browser tests skip, except
under CI=true, where they fail."""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from adapters.console_web import build_console
from adapters.console_web.config import ConsoleSettings
from adapters.console_web.passwords import hash_password
from bot.service.app import App, open_app
from bot.service.settings import Settings
from bot.store.records import StaffMember
from bot.tenants.agreement import load_tenant_file
from tests.conftest import TENANT_FILES

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery staple"
SCREENSHOTS = os.environ.get("MSPBOT_CONSOLE_SCREENSHOTS")


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT
    app: App
    settings: ConsoleSettings


async def add_staff(app: App, email: str, role: str, name: str,
                    password: str | None = PASSWORD) -> None:
    await app.store.staff.add(StaffMember(
        email=email, name=name, role=role,
        password_hash=hash_password(password) if password else None,
        created_at=dt.datetime.now(dt.UTC)))


async def serve(app: App, settings_for: Any, *, root: web.Application | None = None
                ) -> AsyncIterator[Served]:
    """Bind first, so the settings can name the address (OpenID Connect redirects)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    settings: ConsoleSettings = settings_for(url)
    if root is None:
        root = web.Application()
        root.add_subapp("/console/", build_console(app, settings))
    runner = web.AppRunner(root)
    await runner.setup()
    site = web.SockSite(runner, sock)
    await site.start()
    try:
        yield Served(url, app, settings)
    finally:
        await runner.cleanup()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[App]:
    """Like the suite's `app`, without building the index up front: most console pages
    never need it, and "Try it" waits for it."""
    async with open_app(settings) as opened:
        for path in TENANT_FILES:
            await opened.store.tenants.put(load_tenant_file(path))
        yield opened


@pytest.fixture
async def served(app: App) -> AsyncIterator[Served]:
    await add_staff(app, "ada@example.com", "admin", "Ada Admin")
    await add_staff(app, "vic@example.com", "viewer", "Vic Viewer")
    async for s in serve(app, lambda url: ConsoleSettings(secure_cookies=False, base_url=url)):
        yield s


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    reason = f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI", "").strip().lower() in ("true", "1"):
        pytest.fail(f"{reason}; CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    executable = chromium_or_skip()
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        launched = await pw.chromium.launch(executable_path=executable, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser: Any) -> AsyncIterator[Any]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        await context.close()


async def sign_in(page: Any, served: Served, email: str = "ada@example.com",
                  password: str = PASSWORD) -> None:
    await page.goto(f"{served.url}/console/login")
    await page.fill("#email", email)
    await page.fill("#password", password)
    await page.click("button[type=submit]")
    await page.wait_for_url(f"{served.url}/console/knowledge")


async def shot(page: Any, name: str) -> None:
    """Screenshots for people to look at, when MSPBOT_CONSOLE_SCREENSHOTS names a folder."""
    if SCREENSHOTS:
        await page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
