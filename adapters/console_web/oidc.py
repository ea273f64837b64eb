"""OpenID Connect sign-in (authorization code flow with PKCE) for Entra ID and Slack.

The provider's discovery document gives the endpoints; the ID token is verified against
its published keys (signature, issuer, audience, expiry, and the nonce of this sign-in).
Only people who already have a staff account (by email) get in: the provider proves who
they are, the account says what they may do.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from adapters.console_web.config import SCOPES, ConsoleSettings, OidcProvider
from bot.store import Store
from bot.store.records import OidcState

STATE_MAX_AGE = dt.timedelta(minutes=10)
TIMEOUT = aiohttp.ClientTimeout(total=15)
ALGORITHMS = ["RS256", "ES256", "PS256"]


class OidcError(Exception):
    """A sign-in the console refuses; the message can be shown to the person."""


@dataclass(frozen=True)
class Identity:
    email: str
    name: str | None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def challenge(verifier: str) -> str:
    return _b64(hashlib.sha256(verifier.encode()).digest())


def redirect_uri(settings: ConsoleSettings, provider: OidcProvider) -> str:
    assert settings.base_url is not None
    return f"{settings.base_url}/console/login/oidc/{provider.name}/callback"


class OidcClient:
    def __init__(self, store: Store, settings: ConsoleSettings) -> None:
        self.store = store
        self.settings = settings
        self._discovery: dict[str, dict[str, Any]] = {}

    async def _get_json(self, url: str) -> dict[str, Any]:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.get(url) as response:
            if response.status != 200:
                raise OidcError(f"the identity provider answered {response.status} for {url}")
            data = await response.json(content_type=None)
        if not isinstance(data, dict):
            raise OidcError(f"the identity provider sent no JSON object from {url}")
        return data

    async def discovery(self, provider: OidcProvider) -> dict[str, Any]:
        if provider.name not in self._discovery:
            doc = await self._get_json(f"{provider.issuer}/.well-known/openid-configuration")
            for key in ("authorization_endpoint", "token_endpoint", "jwks_uri", "issuer"):
                if not isinstance(doc.get(key), str):
                    raise OidcError(f"the discovery document of {provider.issuer} lacks {key}")
            self._discovery[provider.name] = doc
        return self._discovery[provider.name]

    async def start(self, provider: OidcProvider) -> str:
        """The provider's sign-in address for a new request."""
        doc = await self.discovery(provider)
        state, nonce, verifier = (secrets.token_urlsafe(32), secrets.token_urlsafe(32),
                                  secrets.token_urlsafe(64))
        await self.store.staff.put_oidc_state(
            state, OidcState(provider.name, verifier, nonce, dt.datetime.now(dt.UTC)))
        query = urlencode({
            "response_type": "code", "client_id": provider.client_id,
            "redirect_uri": redirect_uri(self.settings, provider),
            "scope": SCOPES[provider.name], "state": state, "nonce": nonce,
            "code_challenge": challenge(verifier), "code_challenge_method": "S256",
        })
        return f"{doc['authorization_endpoint']}?{query}"

    async def finish(self, provider: OidcProvider, state: str, code: str) -> Identity:
        saved = await self.store.staff.take_oidc_state(state)
        if saved is None or saved.provider != provider.name:
            raise OidcError("this sign-in link was used already or never started here")
        if dt.datetime.now(dt.UTC) - saved.created_at > STATE_MAX_AGE:
            raise OidcError("this sign-in took too long; start again")
        doc = await self.discovery(provider)
        form = {"grant_type": "authorization_code", "code": code,
                "redirect_uri": redirect_uri(self.settings, provider),
                "client_id": provider.client_id, "client_secret": provider.client_secret,
                "code_verifier": saved.verifier}
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http, \
                http.post(doc["token_endpoint"], data=form) as response:
            tokens = await response.json(content_type=None)
            if response.status != 200 or not isinstance(tokens, dict):
                raise OidcError(f"the identity provider refused the sign-in ({response.status})")
        if tokens.get("ok") is False:  # Slack's Web API answers errors with 200 and ok=false
            raise OidcError(f"the identity provider refused the sign-in ({tokens.get('error')})")
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str):
            raise OidcError("the identity provider sent no ID token")
        claims = await self._verify(doc, provider, id_token)
        if not secrets.compare_digest(str(claims.get("nonce", "")), saved.nonce):
            raise OidcError("the ID token is not for this sign-in (nonce)")
        email = claims.get("email") or claims.get("preferred_username")
        if not isinstance(email, str) or "@" not in email:
            raise OidcError("the identity provider gave no email address")
        if claims.get("email_verified") is False:
            raise OidcError("the identity provider has not verified this email address")
        name = claims.get("name")
        return Identity(email.lower(), name if isinstance(name, str) else None)

    async def _verify(self, doc: dict[str, Any], provider: OidcProvider,
                      id_token: str) -> dict[str, Any]:
        import jwt  # PyJWT and cryptography (~40 ms) load when a sign-in needs them

        try:
            kid = jwt.get_unverified_header(id_token).get("kid")
            keys = jwt.PyJWKSet.from_dict(await self._get_json(doc["jwks_uri"]))
            key = next((k for k in keys.keys if k.key_id == kid), None)
            if key is None:
                raise OidcError("the ID token is signed with a key the provider does not publish")
            claims: dict[str, Any] = jwt.decode(
                id_token, key, algorithms=ALGORITHMS, audience=provider.client_id,
                issuer=doc["issuer"], options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=60)
        except jwt.PyJWTError as exc:
            raise OidcError(f"the ID token failed verification: {exc}") from None
        return claims
