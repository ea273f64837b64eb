"""ConnectWise PSA (Manage) over its REST API 3.0.

Protocol (developer.connectwise.com, Manage REST):
- Auth: `Authorization: Basic base64("<company>+<public key>:<private key>")` and the
  integration's `clientId` header on every request.
- `POST service/tickets` creates (company by id, board and priority by name, summary up to
  100 characters, `initialDescription` becomes the first Discussion note); `GET
  service/tickets` lists with `conditions` (e.g. `company/id=250 and closedFlag=false`),
  `fields`, `orderBy`, `page`/`pageSize` (at most 1000) and a `Link` header with rel="next"
  while more pages follow (without a Link header, a full page means "ask for the next").
- Client-visible notes: `POST service/tickets/{id}/notes` with `detailDescriptionFlag` (the
  Discussion tab, shown in the customer portal); internal analysis stays off.

Idempotency: the key lives in the ticket's `externalXRef` (string, 100 characters) and is
found again with `conditions=company/id=<id> and externalXRef="<key>"`.

Reading: entered `_info.dateEntered` (older versions: `dateEntered`), first response
`dateResponded`, updated `_info.lastUpdated`, status `status.name`, closed `closedFlag`.
Only those fields are requested (`fields=`), so costs, hours and notes never come back.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

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
from bot.service.settings import SettingsError

VENDOR = "ConnectWise"
SUMMARY_MAX = 100
CONTACT_NAME_MAX = 62
MAX_PAGES = 1000  # a guard against a server that keeps answering rel="next"

DEFAULT_PRIORITY_NAMES: Mapping[Priority, str] = {
    Priority.P1: "Priority 1 - Emergency Response",
    Priority.P2: "Priority 2 - Quick Response",
    Priority.P3: "Priority 3 - Normal Response",
    Priority.P4: "Priority 4 - Scheduled Maintenance",
}

_FIELDS = ",".join((
    "id", "summary", "company/id", "board/name", "status/name", "priority/name",
    "closedFlag", "dateEntered", "dateResponded", "_info/dateEntered", "_info/lastUpdated",
    "externalXRef",
))


@dataclass(frozen=True)
class ConnectWiseConfig:
    url: str  # API base ending in /apis/3.0
    company: str  # the company id used at login
    public_key: str
    private_key: str = field(repr=False)
    client_id: str = field(repr=False)
    board: str = "Service Board"
    priority_names: Mapping[Priority, str] = field(
        default_factory=lambda: dict(DEFAULT_PRIORITY_NAMES))
    status_overrides: Mapping[str, State] = field(default_factory=dict)
    timeout_s: float = config.DEFAULT_TIMEOUT_S
    page_size: int = 100

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ConnectWiseConfig:
        url = config.http_url(env, "MSPBOT_CW_URL")
        if not urlsplit(url).path.lower().endswith("/apis/3.0"):
            raise SettingsError(
                "MSPBOT_CW_URL must be the API base ending in /apis/3.0, e.g. "
                f"https://api-na.myconnectwise.net/v4_6_release/apis/3.0; got {url!r}"
            )
        return cls(
            url=url,
            company=config.required(env, "MSPBOT_CW_COMPANY"),
            public_key=config.required(env, "MSPBOT_CW_PUBLIC_KEY"),
            private_key=config.required(env, "MSPBOT_CW_PRIVATE_KEY"),
            client_id=config.required(env, "MSPBOT_CW_CLIENT_ID"),
            board=config.required(env, "MSPBOT_CW_BOARD"),
            priority_names=config.priority_values(
                env, "MSPBOT_CW_PRIORITY_NAMES", DEFAULT_PRIORITY_NAMES, separator=";"),
            status_overrides=config.status_overrides(env, "MSPBOT_CW_STATUS_MAP"),
            timeout_s=config.timeout_s(env),
        )


class ConnectWise:
    name = "connectwise"

    def __init__(self, cfg: ConnectWiseConfig) -> None:
        self.cfg = cfg
        self._http = JsonHttp(VENDOR, timeout_s=cfg.timeout_s)
        self._creating = KeyLocks()
        login = f"{cfg.company}+{cfg.public_key}:{cfg.private_key}".encode()
        self._headers = {
            "Authorization": "Basic " + base64.b64encode(login).decode("ascii"),
            "clientId": cfg.client_id,
            "Accept": "application/json",
        }
        self._priority_by_name = reverse(cfg.priority_names)

    async def close(self) -> None:
        await self._http.close()

    # -- the TicketSystem protocol -------------------------------------------------------

    async def create(self, ticket: NewTicket) -> RemoteTicket:
        async with self._creating.hold(ticket.key):
            return await self._create_once(ticket)

    async def _create_once(self, ticket: NewTicket) -> RemoteTicket:
        company = _company(ticket.company_id)
        existing = await self.find_by_key(ticket.key, ticket.company_id)
        if existing is not None:
            return existing
        body: dict[str, Any] = {
            "summary": one_line(ticket.summary, SUMMARY_MAX),
            "recordType": "ServiceTicket",
            "company": {"id": company},
            "board": {"name": self.cfg.board},
            "priority": {"name": self.cfg.priority_names[ticket.priority]},
            "initialDescription": ticket_body(ticket),
            "externalXRef": ticket.key,
            "contactName": one_line(ticket.requester_name, CONTACT_NAME_MAX),
        }
        if ticket.requester_email:
            body["contactEmailAddress"] = ticket.requester_email
        resp = await self._http.request("POST", self._url("service/tickets"),
                                        headers=self._headers, json_body=body)
        assert resp is not None
        return self._remote(resp.body)

    async def find_by_key(self, key: str, company_id: str) -> RemoteTicket | None:
        check_key(key)
        company = _company(company_id)
        found = await self._query(f'company/id={company} and externalXRef="{key}"', company,
                                  limit=1)
        return self._remote(found[0]) if found else None

    async def get(self, number: str, company_id: str) -> RemoteTicket | None:
        raw = await self._get_raw(number, company_id)
        return self._remote(raw) if raw is not None else None

    async def open_tickets(self, company_id: str) -> list[RemoteTicket]:
        company = _company(company_id)
        found = await self._query(f"company/id={company} and closedFlag=false", company)
        return [self._remote(raw) for raw in found]

    async def add_note(self, number: str, company_id: str, text: str) -> None:
        raw = await self._get_raw(number, company_id)
        if raw is None:
            raise PsaPermanentError(
                f"{VENDOR}: no ticket {number!r} on company {company_id}", status=404)
        if not text.strip():
            raise InvalidTicketData("a note needs text")
        await self._http.request(
            "POST", self._url(f"service/tickets/{raw['id']}/notes"), headers=self._headers,
            json_body={
                "text": text,
                "detailDescriptionFlag": True,
                "internalAnalysisFlag": False,
                "resolutionFlag": False,
            },
        )

    # -- helpers -------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.cfg.url}/{path}"

    async def _get_raw(self, number: str, company_id: str) -> dict[str, Any] | None:
        company = _company(company_id)
        ticket_id = numeric_id(number)
        if ticket_id is None:
            return None
        # One filtered list call for both "missing" and "another company's": the answer is
        # the same empty list, so nothing distinguishes the two.
        found = await self._query(f"id={ticket_id} and company/id={company}", company, limit=1)
        return found[0] if found else None

    async def _query(self, conditions: str, company: int, *,
                     limit: int | None = None) -> list[dict[str, Any]]:
        """Every ticket matching the conditions, all pages, of that company only.

        The Link header's rel="next" only says that another page exists: the next request is
        built from our own conditions, so a link that dropped them could never widen the
        query to other companies' tickets."""
        page_size = min(limit or self.cfg.page_size, 1000)
        params = {"conditions": conditions, "fields": _FIELDS, "orderBy": "id asc",
                  "pageSize": str(page_size)}
        results: list[dict[str, Any]] = []
        for page in range(1, MAX_PAGES + 1):
            resp = await self._http.request("GET", self._url("service/tickets"),
                                            headers=self._headers,
                                            params={**params, "page": str(page)})
            assert resp is not None
            if not isinstance(resp.body, list):
                raise malformed(VENDOR, f"ticket list is {type(resp.body).__name__}")
            results.extend(raw for raw in resp.body if _company_of(raw) == company)
            if limit is not None and len(results) >= limit:
                return results[:limit]
            has_next = "next" in resp.links if "Link" in resp.headers else (
                len(resp.body) >= page_size)
            if not has_next or not resp.body:
                return results
        raise malformed(VENDOR, f"more than {MAX_PAGES} pages of tickets")

    def _remote(self, raw: Any) -> RemoteTicket:
        try:
            info = raw.get("_info") or {}
            status = str((raw.get("status") or {}).get("name") or "")
            priority_name = str((raw.get("priority") or {}).get("name") or "")
            closed = bool(raw.get("closedFlag"))
            entered = parse_time(info.get("dateEntered") or raw.get("dateEntered"))
            if entered is None:
                raise ValueError("no dateEntered")
            return RemoteTicket(
                number=str(raw["id"]),
                company_id=str(raw["company"]["id"]),
                summary=str(raw.get("summary") or ""),
                status=status,
                state=normalise(status, closed=closed, overrides=self.cfg.status_overrides),
                priority=self._priority_by_name.get(priority_name.casefold()),
                entered_at=entered,
                first_response_at=parse_time(raw.get("dateResponded")),
                updated_at=parse_time(info.get("lastUpdated")),
                closed=closed,
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise malformed(VENDOR, f"ticket without {exc}") from None


def _company_of(raw: Any) -> int | None:
    try:
        return int(raw["company"]["id"])
    except (KeyError, TypeError, ValueError):
        return None


def _company(company_id: str) -> int:
    company = numeric_id(company_id)
    if company is None:
        raise InvalidTicketData(f"a ConnectWise company id is a number, got {company_id!r}")
    return company
