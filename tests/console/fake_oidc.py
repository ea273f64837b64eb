"""A local OpenID Connect provider on 127.0.0.1, written from the OpenID Connect Core and
Discovery specifications and RFC 7636 (PKCE): discovery, an authorization endpoint that
signs in one configured person at once, a token endpoint checking the client secret, the
redirect URI and the code verifier, and the JWKS the ID tokens are signed with."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class FakeProvider:
    client_id: str = "console-client"
    client_secret: str = "console-secret"
    email: str = "sso.person@example.com"
    name: str = "Sso Person"
    url: str = ""
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    kid: str = "key-1"
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    # test knobs: claims to override in the next ID tokens, or sign with a key not published
    override: dict[str, Any] = field(default_factory=dict)
    sign_with: rsa.RSAPrivateKey | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/.well-known/openid-configuration", self.discovery)
        app.router.add_get("/authorize", self.authorize)
        app.router.add_post("/token", self.token)
        app.router.add_get("/jwks", self.jwks)
        return app

    async def discovery(self, _request: web.Request) -> web.Response:
        return web.json_response({
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        })

    async def authorize(self, request: web.Request) -> web.StreamResponse:
        q = request.query
        if q.get("client_id") != self.client_id or q.get("response_type") != "code":
            return web.Response(status=400, text="unknown client or response type")
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return web.Response(status=400, text="PKCE with S256 is required")
        if "openid" not in q.get("scope", "").split():
            return web.Response(status=400, text="the openid scope is required")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"challenge": q["code_challenge"], "nonce": q.get("nonce"),
                            "redirect_uri": q["redirect_uri"]}
        raise web.HTTPFound(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}")

    async def token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)
        if form.get("client_id") != self.client_id or \
                form.get("client_secret") != self.client_secret:
            return web.json_response({"error": "invalid_client"}, status=401)
        if grant is None or form.get("grant_type") != "authorization_code" or \
                form.get("redirect_uri") != grant["redirect_uri"]:
            return web.json_response({"error": "invalid_grant"}, status=400)
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
            return web.json_response({"error": "invalid_grant",
                                      "error_description": "PKCE verification failed"},
                                     status=400)
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.client_id, "sub": "user-1", "iat": now,
                  "exp": now + 300, "nonce": grant["nonce"], "email": self.email,
                  "name": self.name, **self.override}
        id_token = jwt.encode(claims, self.sign_with or self.key, algorithm="RS256",
                              headers={"kid": self.kid})
        return web.json_response({"access_token": secrets.token_urlsafe(16),
                                  "token_type": "Bearer", "expires_in": 300,
                                  "id_token": id_token})

    async def jwks(self, _request: web.Request) -> web.Response:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return web.json_response({"keys": [{**jwk, "kid": self.kid, "use": "sig",
                                            "alg": "RS256"}]})


@asynccontextmanager
async def running(provider: FakeProvider) -> AsyncIterator[FakeProvider]:
    runner = web.AppRunner(provider.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    provider.url = f"http://127.0.0.1:{port}"
    try:
        yield provider
    finally:
        await runner.cleanup()
