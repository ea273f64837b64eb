"""One small JSON-over-HTTP client shared by the REST connectors.

It owns the aiohttp session and turns every way a request can go wrong into the two
errors of `bot.psa.types`: 429, 408 and 5xx, timeouts and refused or reset connections
become `PsaTemporaryError` (with the server's Retry-After, in seconds or as an HTTP date);
any other 4xx becomes `PsaPermanentError`. Callers that read by id ask for 404 to come back
as None instead, because "not there" is an answer, not a failure.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from multidict import CIMultiDictProxy, MultiDictProxy
from yarl import URL

from bot.psa.types import PsaPermanentError, PsaTemporaryError

_EXCERPT_CHARS = 300


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110).

    Unparseable values give None (no hint) rather than a guess."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def same_origin(url: str, base: str) -> bool:
    """Whether a server-supplied paging URL points at the service we were configured for."""
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc.lower()) == (b.scheme, b.netloc.lower())


@dataclass(frozen=True)
class Response:
    status: int
    body: Any  # parsed JSON, or None for an empty body
    headers: CIMultiDictProxy[str]
    links: MultiDictProxy[MultiDictProxy[str | URL]]


class JsonHttp:
    """A lazily opened aiohttp session with PSA error mapping."""

    def __init__(self, vendor: str, *, timeout_s: float) -> None:
        self.vendor = vendor
        self.timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_s)
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        not_found_ok: bool = False,
    ) -> Response | None:
        """Send one request. Returns None only for a 404 when `not_found_ok`."""
        where = f"{self.vendor} {method} {urlsplit(url).path}"
        try:
            async with self._open().request(
                method, url, headers=headers, params=params, json=json_body, data=form
            ) as resp:
                text = await resp.text()
                status = resp.status
                if status == 404 and not_found_ok:
                    return None
                if status >= 400:
                    raise _error_for(where, status, resp.headers, text)
                return Response(status, _parse_json(where, status, text), resp.headers,
                                resp.links)
        except (PsaTemporaryError, PsaPermanentError):
            raise
        except TimeoutError:
            raise PsaTemporaryError(
                f"{where}: no answer within {self.timeout_s:g} s"
            ) from None
        except aiohttp.InvalidURL as exc:
            raise PsaPermanentError(f"{where}: invalid URL {exc}", status=0) from None
        except aiohttp.ClientError as exc:
            raise PsaTemporaryError(
                f"{where}: connection failed ({type(exc).__name__}: {exc})"
            ) from None


def _parse_json(where: str, status: int, text: str) -> Any:
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        # A proxy's HTML page with a 200: the outcome is unknown, so retrying (which is
        # safe, creates being idempotent) is the honest answer.
        raise PsaTemporaryError(
            f"{where}: answered {status} with a body that is not JSON: {text[:80]!r}",
            status=status,
        ) from None


def _error_for(where: str, status: int, headers: Mapping[str, str], text: str) -> Exception:
    excerpt = " ".join(text.split())[:_EXCERPT_CHARS]
    message = f"{where}: HTTP {status}" + (f": {excerpt}" if excerpt else "")
    if status in (408, 429) or status >= 500:
        return PsaTemporaryError(
            message, retry_after=parse_retry_after(headers.get("Retry-After")), status=status
        )
    return PsaPermanentError(message, status=status)
