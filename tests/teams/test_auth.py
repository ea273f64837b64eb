"""JWT validation on POST /api/messages, with signing keys served from a local thread.

Outbound replies need a Bot Framework token too; MSAL would fetch it from
login.microsoftonline.com, so the SDK's provider seam (`ConnectionManager(provider_factory=)`)
gets `LocalTokenProvider`, and the fake connector checks the token arrives.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.teams import auth
from adapters.teams.config import TeamsSettings
from tests.teams.conftest import StartTeams, auth_settings
from tests.teams.harness import (
    APP_ID,
    OUTBOUND_TOKEN,
    KeyServer,
    LocalTokenProvider,
    mint,
    new_key,
    payload,
)


async def test_valid_token_is_answered_with_an_outbound_token(
    start_teams: StartTeams, key_server: KeyServer, signing_key: rsa.RSAPrivateKey
) -> None:
    server = await start_teams(auth_settings())
    activity = payload("personal_message", server.connector.url)
    token = mint(signing_key, service_url=server.connector.url)
    posted = await server.post(activity, token=token)
    assert posted.status in (200, 202)
    (reply,) = await server.connector.wait_messages(1)
    assert reply.authorization == f"Bearer {OUTBOUND_TOKEN}"
    assert any(path.endswith("/keys") for path in key_server.hits)  # keys came from the thread
    assert LocalTokenProvider.requests  # the SDK asked our provider, not MSAL


async def test_proactive_staff_alert_uses_the_token_provider_too(
    start_teams: StartTeams, key_server: KeyServer, signing_key: rsa.RSAPrivateKey
) -> None:
    server = await start_teams(auth_settings())
    token = mint(signing_key, service_url=server.connector.url)
    await server.post(payload("conversation_update_bot_added", server.connector.url), token=token)
    await server.post(payload("personal_message", server.connector.url,
                              text="our server is down, nobody can work"), token=token)
    sent = await server.connector.wait_messages(3)
    alert = next(s for s in sent if s.reply_to is None and "Emergency" in s.card_text)
    assert alert.authorization == f"Bearer {OUTBOUND_TOKEN}"


def _bad_tokens(key: rsa.RSAPrivateKey) -> dict[str, str]:
    other = new_key()
    return {
        "wrong audience": mint(key, audience="00000000-0000-4000-8000-000000000000"),
        "expired": mint(key, expires_in_s=-3600),
        "bad signature": mint(other),  # same kid, different key
        "unknown key id": mint(key, kid="some-other-kid"),
        "no key id": mint(key, kid=None),
        "wrong issuer's keys": mint(key, issuer="https://sts.windows.net/abc/"),
    }


@pytest.mark.parametrize(
    "case",
    ["wrong audience", "expired", "bad signature", "unknown key id", "no key id",
     "wrong issuer's keys"],
)
async def test_invalid_tokens_are_401_and_get_no_reply(
    start_teams: StartTeams, key_server: KeyServer, signing_key: rsa.RSAPrivateKey, case: str
) -> None:
    server = await start_teams(auth_settings())
    token = _bad_tokens(signing_key)[case]
    posted = await server.post(payload("personal_message", server.connector.url), token=token)
    assert posted.status == 401, posted.body
    await server.app.tasks.join()
    assert server.connector.sent == []
    assert await server.app.store.interactions.rows() == []


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-jwt",
     "Bearer a.b.c", "Bearer two tokens", "bearer\tx"],
)
async def test_missing_or_malformed_authorization_is_401(
    start_teams: StartTeams, key_server: KeyServer, header: str | None
) -> None:
    server = await start_teams(auth_settings())
    headers = {} if header is None else {"Authorization": header}
    posted = await server.post(payload("personal_message", server.connector.url),
                               headers=headers)
    assert posted.status == 401, posted.body
    assert server.connector.sent == []


async def test_production_refuses_a_service_url_outside_microsoft(
    start_teams: StartTeams, key_server: KeyServer, signing_key: rsa.RSAPrivateKey
) -> None:
    settings = auth_settings()
    server = await start_teams(settings, host_validator=auth.host_validator(settings))
    token = mint(signing_key, service_url=server.connector.url)
    posted = await server.post(payload("personal_message", server.connector.url), token=token)
    assert posted.status == 401
    assert server.connector.sent == []


async def test_dev_mode_refuses_tokens_it_cannot_check(
    start_teams: StartTeams, key_server: KeyServer, signing_key: rsa.RSAPrivateKey
) -> None:
    server = await start_teams()  # anonymous development mode
    posted = await server.post(payload("personal_message", server.connector.url),
                               token=mint(signing_key))
    assert posted.status == 401


def test_auth_configuration_maps_the_documented_names() -> None:
    settings = TeamsSettings.from_env({
        "MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "s3cret",
        "MICROSOFT_APP_TENANT_ID": "0D9E8F7A-1B2C-4D3E-8F9A-0B1C2D3E4F5A",
    })
    config = auth.auth_configuration(settings)
    assert config.CLIENT_ID == APP_ID
    assert config.CLIENT_SECRET == "s3cret"
    assert config.TENANT_ID == "0d9e8f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"
    assert config.ANONYMOUS_ALLOWED is False
    assert "s3cret" not in repr(settings)
    dev = auth.auth_configuration(TeamsSettings.from_env({"MSPBOT_TEAMS_DEV_ANONYMOUS": "true"}))
    assert dev.ANONYMOUS_ALLOWED is True and dev.CLIENT_ID is None
