"""The shared server registers the Teams endpoint from the environment, and only then."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters import server
from adapters.teams import AGENT_KEY, ROUTE
from bot.service.app import App
from bot.service.settings import SettingsError


async def test_off_without_settings(app: App) -> None:
    web_app = server.build(app)
    assert AGENT_KEY not in web_app
    async with TestClient(TestServer(web_app)) as client:
        response = await client.post(ROUTE, json={})
        assert response.status in (404, 405)


async def test_dev_mode_from_the_environment(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MSPBOT_TEAMS_DEV_ANONYMOUS", "true")
    web_app = server.build(app)
    assert AGENT_KEY in web_app
    async with TestClient(TestServer(web_app)) as client:
        response = await client.post(ROUTE, data=b"{oops",
                                     headers={"Content-Type": "application/json"})
        assert response.status == 400
        for body in ({"type": "message", "channelId": ""}, [1, 2], {"type": 7}):
            response = await client.post(ROUTE, json=body)
            assert response.status == 400, body
        assert (await client.get("/healthz")).status == 200


async def test_credentials_from_the_environment_require_a_token(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", "9a8b7c6d-1111-4222-8333-944455556666")
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "secret")
    web_app = server.build(app)
    async with TestClient(TestServer(web_app)) as client:
        response = await client.post(ROUTE, json={"type": "message"})
        assert response.status == 401


async def test_anonymous_with_an_app_id_refuses_to_start(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", "9a8b7c6d-1111-4222-8333-944455556666")
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "secret")
    monkeypatch.setenv("MSPBOT_TEAMS_DEV_ANONYMOUS", "true")
    with pytest.raises(SettingsError, match="MSPBOT_TEAMS_DEV_ANONYMOUS"):
        server.build(app)
