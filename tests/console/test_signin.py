"""Sign-in over HTTP: password checks, rate limits, cookies, roles, and single sign-on
through a local OpenID Connect provider (authorization code with PKCE)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.console_web.config import ConsoleSettings, OidcProvider
from bot.service.app import App
from tests.console.conftest import PASSWORD, Served, add_staff, serve, shot
from tests.console.fake_oidc import FakeProvider, running

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def _login(http: aiohttp.ClientSession, url: str, email: str,
                 password: str) -> aiohttp.ClientResponse:
    async with http.get(f"{url}/console/login") as form:
        token = CSRF.search(await form.text())
    assert token is not None
    return await http.post(f"{url}/console/login", allow_redirects=False,
                           data={"csrf": token.group(1), "email": email, "password": password})


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


async def test_the_session_cookie_is_httponly_samesite_and_secure_by_default(app: App) -> None:
    await add_staff(app, "ada@example.com", "admin", "Ada")
    async for s in serve(app, lambda url: ConsoleSettings(base_url=url)):
        # a client keeps Secure cookies away from http://, so this one is sent by hand
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            async with http.get(f"{s.url}/console/login") as form:
                login_cookie = form.cookies["mspbot_console_login"]
                token = CSRF.search(await form.text())
            assert token is not None and login_cookie["secure"] and login_cookie["httponly"]
            response = await http.post(
                f"{s.url}/console/login", allow_redirects=False,
                headers={"Cookie": f"mspbot_console_login={login_cookie.value}"},
                data={"csrf": token.group(1), "email": "ada@example.com", "password": PASSWORD})
            assert response.status == 303
            cookie = response.cookies["mspbot_console"]
            assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
            assert cookie["path"] == "/console/"
            assert await app.store.staff.session(cookie.value) is None  # stored as a hash
            async with http.get(f"{s.url}/console/knowledge", allow_redirects=False,
                                headers={"Cookie": f"mspbot_console={cookie.value}"}) as page:
                assert page.status == 200 and page.headers["Cache-Control"] == "no-store"


async def test_wrong_passwords_are_limited_per_email(served: Served,
                                                     http: aiohttp.ClientSession) -> None:
    for _ in range(served.settings.login_attempts):
        response = await _login(http, served.url, "ada@example.com", "wrong password!")
        assert response.status == 401
    limited = await _login(http, served.url, "ada@example.com", PASSWORD)
    assert limited.status == 429  # even the right password, until the window passes
    other = await _login(http, served.url, "vic@example.com", PASSWORD)
    assert other.status == 303


async def test_a_login_form_post_without_its_cookie_token_is_refused(
        served: Served, http: aiohttp.ClientSession) -> None:
    response = await http.post(f"{served.url}/console/login", allow_redirects=False,
                               data={"csrf": "made-up", "email": "ada@example.com",
                                     "password": PASSWORD})
    assert response.status == 403 and "mspbot_console" not in response.cookies


async def test_every_console_route_but_sign_in_needs_a_session(
        served: Served, http: aiohttp.ClientSession) -> None:
    paths = ["/console/", "/console/knowledge", "/console/knowledge/new",
             "/console/knowledge/what-managed-means",
             "/console/knowledge/what-managed-means/history", "/console/gaps",
             "/console/gaps/labels.jsonl", "/console/tickets", "/console/tickets/1",
             "/console/figures", "/console/try", "/console/staff",
             "/console/static/htmx.js", "/console/static/chart.js"]
    for path in paths:
        async with http.get(served.url + path, allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/console/login"
    for path in ("/console/knowledge/new", "/console/knowledge/preview", "/console/try",
                 "/console/gaps/alternate", "/console/gaps/label", "/console/staff/role",
                 "/console/knowledge/what-managed-means/revert"):
        async with http.post(served.url + path, data={"x": "1"}) as response:
            assert response.status == 401, path
    async with http.get(f"{served.url}/console/login") as response:
        assert response.status == 200


async def test_viewers_read_but_cannot_change(served: Served,
                                              http: aiohttp.ClientSession) -> None:
    assert (await _login(http, served.url, "vic@example.com", PASSWORD)).status == 303
    async with http.get(f"{served.url}/console/knowledge/what-managed-means") as page:
        assert page.status == 200
        token = CSRF.search(await page.text())
    assert token is not None
    async with http.post(f"{served.url}/console/gaps/alternate",
                         data={"csrf": token.group(1), "entry_id": "what-managed-means",
                               "question": "hello"}) as refused:
        assert refused.status == 403
    async with http.get(f"{served.url}/console/staff") as staff:
        assert staff.status == 403


@pytest.fixture
async def provider() -> AsyncIterator[FakeProvider]:
    async with running(FakeProvider()) as fake:
        yield fake


def _with_entra(fake: FakeProvider) -> Any:
    def settings(url: str) -> ConsoleSettings:
        entra = OidcProvider("entra", fake.url, fake.client_id, fake.client_secret)
        return ConsoleSettings(secure_cookies=False, base_url=url, providers={"entra": entra})
    return settings


async def test_entra_sign_in_in_the_browser(app: App, provider: FakeProvider, page: Any) -> None:
    await add_staff(app, provider.email, "editor", "Sso Person", password=None)
    async for s in serve(app, _with_entra(provider)):
        await page.goto(f"{s.url}/console/login")
        await shot(page, "sign-in-with-sso")
        await page.click("text=Sign in with Microsoft Entra ID")
        await page.wait_for_url(f"{s.url}/console/knowledge")
        assert "Sso Person · editor" in await page.inner_text("header")
    (request,) = provider.token_requests
    assert request["grant_type"] == "authorization_code" and len(request["code_verifier"]) >= 43


async def _sso(s: Served, http: aiohttp.ClientSession) -> aiohttp.ClientResponse:
    return await http.get(f"{s.url}/console/login/oidc/entra")  # follows every redirect


@pytest.mark.parametrize("tamper", ["nonce", "audience", "issuer", "unpublished key", "expired"])
async def test_a_bad_id_token_signs_nobody_in(app: App, provider: FakeProvider,
                                              http: aiohttp.ClientSession, tamper: str) -> None:
    await add_staff(app, provider.email, "admin", "Sso Person", password=None)
    if tamper == "unpublished key":
        provider.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        provider.override = {"nonce": {"nonce": "other"}, "audience": {"aud": "someone-else"},
                             "issuer": {"iss": "https://evil.example"},
                             "expired": {"exp": 1000, "iat": 900}}[tamper]
    async for s in serve(app, _with_entra(provider)):
        response = await _sso(s, http)
        assert response.status == 401 and "sign-in failed" in await response.text()
        assert not [c for c in http.cookie_jar if c.key == "mspbot_console"]


async def test_sso_needs_a_staff_account_and_a_state_is_used_once(
        app: App, provider: FakeProvider, http: aiohttp.ClientSession) -> None:
    async for s in serve(app, _with_entra(provider)):
        response = await _sso(s, http)
        assert response.status == 403 and "has no staff account" in await response.text()
        replay = await http.get(str(response.url))  # the same code and state again
        assert replay.status == 401 and "used already" in await replay.text()
        assert not [c for c in http.cookie_jar if c.key == "mspbot_console"]


async def test_sign_out_ends_the_session_in_the_database(served: Served,
                                                         http: aiohttp.ClientSession) -> None:
    assert (await _login(http, served.url, "ada@example.com", PASSWORD)).status == 303
    async with http.get(f"{served.url}/console/knowledge") as page:
        token = CSRF.search(await page.text())
    assert token is not None
    cookie = next(c.value for c in http.cookie_jar if c.key == "mspbot_console")
    async with http.post(f"{served.url}/console/logout", data={"csrf": token.group(1)},
                         allow_redirects=False) as out:
        assert out.status == 303
    async with aiohttp.ClientSession(cookies={"mspbot_console": cookie}) as stolen, \
            stolen.get(f"{served.url}/console/knowledge", allow_redirects=False) as again:
        assert again.status == 303  # the old cookie no longer opens anything
