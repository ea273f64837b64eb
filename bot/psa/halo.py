"""HaloPSA over its REST API.

Protocol (Halo API documentation, <instance>/apidoc, "Authorisation" and "Tickets"):
- OAuth2 client credentials at the authorisation server: `POST <auth>/token` (form:
  grant_type=client_credentials, client_id, client_secret, scope=all), with `?tenant=<name>`
  for hosted instances. The bearer token is cached until shortly before `expires_in` runs
  out; a 401 from the API drops it and the request is tried once more with a fresh token.
- `POST /api/tickets` takes a list holding one ticket object (summary, details, client_id,
  tickettype_id, priority_id) and answers with the ticket.
- `GET /api/tickets` filters with `client_id`, `open_only`, `search_summary` and pages with
  `pageinate=true`, `page_size`, `page_no`, answering `{"record_count": n, "tickets": [...]}`;
  `GET /api/tickets/{id}` answers one ticket or 404.
- Client-visible notes are actions: `POST /api/actions` with `[{"ticket_id", "note",
  "hiddenfromuser": false}]` (and an outcome id, when configured).
- Status names come from `GET /api/status`.

Idempotency: Halo documents no queryable external-reference field on tickets that every
instance has, so the key goes into the summary as a trailing marker "[<key>]" (the summary
is shortened to keep it) and is found again with `search_summary=<key>&client_id=<id>`;
the marker is then matched exactly, so a partial search hit never counts.

Reading: number `id`, entered `dateoccurred` (Halo's "date opened"), first response
`responsedate`, updated `lastactiondate` (or `last_update`), closed when `status_id` is one
of MSPBOT_HALO_CLOSED_STATUS_IDS (Halo's built-in Closed status is 9).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.psa import config
from bot.psa.common import (
    KeyLocks,
    malformed,
    numeric_id,
    one_line,
    parse_time,
    reverse,
    ticket_body,
)
from bot.psa.http import JsonHttp
from bot.psa.status import normalise
from bot.psa.types import (
    InvalidTicketData,
    NewTicket,
    Priority,
    PsaPermanentError,
    RemoteTicket,
    State,
    check_key,
)

VENDOR = "HaloPSA"
SUMMARY_MAX = 255
TOKEN_MARGIN_S = 60.0  # renew this long before the token runs out
MAX_PAGES = 1000

DEFAULT_PRIORITY_IDS: Mapping[Priority, int] = {
    Priority.P1: 1, Priority.P2: 2, Priority.P3: 3, Priority.P4: 4,
}
DEFAULT_CLOSED_STATUS_IDS = frozenset({9})


@dataclass(frozen=True)
class HaloConfig:
    url: str  # the resource server, e.g. https://acme.halopsa.com (API under /api)
    client_id: str
    client_secret: str = field(repr=False)
    auth_url: str | None = None  # the authorisation server; default <url>/auth
    tenant: str | None = None  # hosted instances only
    ticket_type_id: int | None = None
    priority_ids: Mapping[Priority, int] = field(
        default_factory=lambda: dict(DEFAULT_PRIORITY_IDS))
    closed_status_ids: frozenset[int] = DEFAULT_CLOSED_STATUS_IDS
    note_outcome_id: int | None = None
    status_overrides: Mapping[str, State] = field(default_factory=dict)
    timeout_s: float = config.DEFAULT_TIMEOUT_S
    page_size: int = 100

    @property
    def token_url(self) -> str:
        return f"{(self.auth_url or self.url + '/auth').rstrip('/')}/token"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> HaloConfig:
        url = config.http_url(env, "MSPBOT_HALO_URL")
        if url.lower().endswith("/api"):
            url = url[: -len("/api")]
        auth = config.optional(env, "MSPBOT_HALO_AUTH_URL")
        return cls(
            url=url,
            auth_url=config.http_url(env, "MSPBOT_HALO_AUTH_URL") if auth else None,
            client_id=config.required(env, "MSPBOT_HALO_CLIENT_ID"),
            client_secret=config.required(env, "MSPBOT_HALO_CLIENT_SECRET"),
            tenant=config.optional(env, "MSPBOT_HALO_TENANT"),
            ticket_type_id=config.whole_number(env, "MSPBOT_HALO_TICKET_TYPE_ID", None),
            priority_ids=config.priority_ids(env, "MSPBOT_HALO_PRIORITY_IDS",
                                             DEFAULT_PRIORITY_IDS),
            closed_status_ids=config.id_set(env, "MSPBOT_HALO_CLOSED_STATUS_IDS",
                                            DEFAULT_CLOSED_STATUS_IDS),
            note_outcome_id=config.whole_number(env, "MSPBOT_HALO_NOTE_OUTCOME_ID", None),
            status_overrides=config.status_overrides(env, "MSPBOT_HALO_STATUS_MAP"),
            timeout_s=config.timeout_s(env),
        )


def marker(key: str) -> str:
    return f"[{key}]"


class Halo:
    name = "halo"

    def __init__(self, cfg: HaloConfig) -> None:
        self.cfg = cfg
        self._http = JsonHttp(VENDOR, timeout_s=cfg.timeout_s)
        self._creating = KeyLocks()
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = asyncio.Lock()
        self._status_names: dict[int, str] | None = None
        self._priority_by_id = reverse(cfg.priority_ids)

    async def close(self) -> None:
        await self._http.close()

    # -- the TicketSystem protocol -------------------------------------------------------

    async def create(self, ticket: NewTicket) -> RemoteTicket:
        async with self._creating.hold(ticket.key):
            return await self._create_once(ticket)

    async def _create_once(self, ticket: NewTicket) -> RemoteTicket:
        client = _client(ticket.company_id)
        existing = await self.find_by_key(ticket.key, ticket.company_id)
        if existing is not None:
            return existing
        tag = marker(ticket.key)
        summary = f"{one_line(ticket.summary, SUMMARY_MAX - len(tag) - 1)} {tag}"
        body: dict[str, Any] = {
            "summary": summary,
            "details": ticket_body(ticket),
            "client_id": client,
            "priority_id": self.cfg.priority_ids[ticket.priority],
            "reportedby": ticket.requester_name,
        }
        if ticket.requester_email:
            body["user_email"] = ticket.requester_email
        if self.cfg.ticket_type_id is not None:
            body["tickettype_id"] = self.cfg.ticket_type_id
        created = await self._api("POST", "tickets", json_body=[body])
        if isinstance(created, list) and len(created) == 1:
            created = created[0]
        if not isinstance(created, dict):
            raise malformed(VENDOR, f"create answered {created!r}")
        return await self._remote(created)

    async def find_by_key(self, key: str, company_id: str) -> RemoteTicket | None:
        check_key(key)
        client = _client(company_id)
        tag = marker(key)
        async for raw in self._list({"client_id": str(client), "search_summary": key}, client):
            if str(raw.get("summary") or "").endswith(tag):
                return await self._remote(raw)
        return None

    async def get(self, number: str, company_id: str) -> RemoteTicket | None:
        raw = await self._get_raw(number, company_id)
        return await self._remote(raw) if raw is not None else None

    async def open_tickets(self, company_id: str) -> list[RemoteTicket]:
        client = _client(company_id)
        found = []
        async for raw in self._list({"client_id": str(client), "open_only": "true"}, client):
            found.append(await self._remote(raw))
        return found

    async def add_note(self, number: str, company_id: str, text: str) -> None:
        if not text.strip():
            raise InvalidTicketData("a note needs text")
        raw = await self._get_raw(number, company_id)
        if raw is None:
            raise PsaPermanentError(
                f"{VENDOR}: no ticket {number!r} on client {company_id}", status=404)
        action: dict[str, Any] = {"ticket_id": int(raw["id"]), "note": text,
                                  "hiddenfromuser": False}
        if self.cfg.note_outcome_id is not None:
            action["outcome_id"] = self.cfg.note_outcome_id
        await self._api("POST", "actions", json_body=[action])

    # -- auth ----------------------------------------------------------------------------

    async def _bearer(self) -> str:
        async with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expires:
                params = {"tenant": self.cfg.tenant} if self.cfg.tenant else None
                resp = await self._http.request(
                    "POST", self.cfg.token_url, params=params,
                    headers={"Accept": "application/json"},
                    form={"grant_type": "client_credentials", "client_id": self.cfg.client_id,
                          "client_secret": self.cfg.client_secret, "scope": "all"})
                assert resp is not None
                body = resp.body if isinstance(resp.body, dict) else {}
                token = body.get("access_token")
                if not isinstance(token, str) or not token:
                    raise malformed(VENDOR, "token answer without access_token")
                try:
                    lifetime = float(body.get("expires_in", 3600))
                except (TypeError, ValueError):
                    lifetime = 3600.0
                self._token = token
                self._token_expires = time.monotonic() + max(0.0, lifetime - TOKEN_MARGIN_S)
            return self._token

    async def _api(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                   json_body: Any = None, not_found_ok: bool = False) -> Any:
        url = f"{self.cfg.url}/api/{path}"
        for attempt in (1, 2):
            token = await self._bearer()
            headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
            try:
                resp = await self._http.request(method, url, headers=headers, params=params,
                                                json_body=json_body, not_found_ok=not_found_ok)
            except PsaPermanentError as exc:
                if exc.status != 401 or attempt == 2:
                    raise
                async with self._token_lock:  # revoked or expired early: fetch a new one
                    if self._token == token:
                        self._token = None
                continue
            return None if resp is None else resp.body
        raise AssertionError("unreachable")

    # -- helpers -------------------------------------------------------------------------

    async def _get_raw(self, number: str, company_id: str) -> dict[str, Any] | None:
        client = _client(company_id)
        ticket_id = numeric_id(number)
        if ticket_id is None:
            return None
        raw = await self._api("GET", f"tickets/{ticket_id}", not_found_ok=True)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise malformed(VENDOR, f"ticket {ticket_id} is {type(raw).__name__}")
        # Another client's ticket reads exactly like a missing one.
        return raw if _client_of(raw) == client else None

    async def _list(self, filters: Mapping[str, str],
                    client: int) -> AsyncIterator[dict[str, Any]]:
        """Every ticket matching the filters, page by page, of that client only."""
        page_size = self.cfg.page_size
        seen = 0
        for page_no in range(1, MAX_PAGES + 1):
            page = await self._api("GET", "tickets", params={
                **filters, "pageinate": "true", "page_size": str(page_size),
                "page_no": str(page_no)})
            tickets = page.get("tickets") if isinstance(page, dict) else None
            if not isinstance(tickets, list):
                raise malformed(VENDOR, f"ticket list answered {page!r}"[:200])
            for raw in tickets:
                if _client_of(raw) == client:
                    yield raw
            seen += len(tickets)
            total = page.get("record_count")
            if not tickets or len(tickets) < page_size or (
                    isinstance(total, int) and seen >= total):
                return
        raise malformed(VENDOR, f"more than {MAX_PAGES} pages of tickets")

    async def _status_name(self, status_id: int) -> str:
        if self._status_names is None:
            listed = await self._api("GET", "status")
            if isinstance(listed, dict):
                listed = listed.get("statuses") or listed.get("records") or []
            self._status_names = {
                int(s["id"]): str(s.get("name") or "") for s in listed or []
                if isinstance(s, dict) and "id" in s
            }
        return self._status_names.get(status_id, f"Status {status_id}")

    async def _remote(self, raw: dict[str, Any]) -> RemoteTicket:
        try:
            status_id = int(raw["status_id"])
            closed = status_id in self.cfg.closed_status_ids
            status = await self._status_name(status_id)
            entered = parse_time(raw.get("dateoccurred") or raw.get("datecreated"))
            if entered is None:
                raise ValueError("no dateoccurred")
            return RemoteTicket(
                number=str(raw["id"]),
                company_id=str(raw["client_id"]),
                summary=str(raw.get("summary") or ""),
                status=status,
                state=normalise(status, closed=closed, overrides=self.cfg.status_overrides),
                priority=self._priority_by_id.get(str(raw.get("priority_id")).casefold()),
                entered_at=entered,
                first_response_at=parse_time(raw.get("responsedate")),
                updated_at=parse_time(raw.get("lastactiondate") or raw.get("last_update")),
                closed=closed,
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise malformed(VENDOR, f"ticket without {exc}") from None


def _client_of(raw: Any) -> int | None:
    try:
        return int(raw["client_id"])
    except (KeyError, TypeError, ValueError):
        return None


def _client(company_id: str) -> int:
    client = numeric_id(company_id)
    if client is None:
        raise InvalidTicketData(f"a HaloPSA client id is a number, got {company_id!r}")
    return client
