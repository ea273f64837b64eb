"""Autotask PSA (Datto/Kaseya) over its REST API v1.0.

Protocol (Autotask REST API help, ww*.autotask.net/help/DeveloperHelp/Content/APIs/REST/):
- Zone discovery: `GET <discovery host>/atservicesrest/v1.0/zoneInformation?user=<UserName>`
  answers `{"url": "https://webservicesN.autotask.net/ATServicesRest/", ...}`; every other
  call goes to `<url>V1.0/...`. MSPBOT_AUTOTASK_ZONE_URL skips the lookup.
- Auth: the headers `ApiIntegrationCode`, `UserName` and `Secret` on every call.
- `POST Tickets` creates and answers only `{"itemId": n}`; `GET Tickets/{id}` answers
  `{"item": {...}}`; `POST Tickets/query` takes `{"MaxRecords": n, "IncludeFields": [...],
  "filter": [{"op": "eq", "field": ..., "value": ...}]}` and answers `{"items": [...],
  "pageDetails": {"nextPageUrl": ...}}`; the next page is a POST of the same body to
  nextPageUrl (the paging token carries the position, not the filter).
- Notes are children of the ticket: `POST Tickets/{id}/Notes`. `publish` 1 ("All Autotask
  Users") is the setting the client portal shows; 2 and 4 are internal.
- Status labels come from the picklist in `GET Tickets/entityInformation/fields`.

Idempotency: the key lives in the ticket's `externalID` (string, 50 characters), queried
with `companyID eq` and `externalID eq`.

Reading: number `ticketNumber` (T20240315.0012, what the client sees), entered `createDate`,
first response `firstResponseDateTime`, updated `lastActivityDate`, closed when `status`
is the Complete status (5 out of the box; the only status Autotask treats as done).
`IncludeFields` limits answers to those fields, so time and costs never come back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.psa import config
from bot.psa.common import (
    KeyLocks,
    clip,
    malformed,
    numeric_id,
    one_line,
    parse_time,
    reverse,
    ticket_body,
)
from bot.psa.http import JsonHttp, same_origin
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

VENDOR = "Autotask"
DISCOVERY_URL = "https://webservices.autotask.net"
TITLE_MAX = 255
DESCRIPTION_MAX = 8000
NOTE_TITLE_MAX = 250
NOTE_DESCRIPTION_MAX = 32000
PUBLISH_ALL_AUTOTASK_USERS = 1  # the note publish setting the client portal shows
MAX_PAGES = 1000
MAX_RECORDS = 500  # the API's ceiling per page

# Autotask's out-of-the-box priority picklist: 1 High, 2 Medium, 3 Low, 4 Critical.
DEFAULT_PRIORITY_IDS: Mapping[Priority, int] = {
    Priority.P1: 4, Priority.P2: 1, Priority.P3: 2, Priority.P4: 3,
}
_FIELDS = ["id", "ticketNumber", "companyID", "title", "status", "priority", "createDate",
           "firstResponseDateTime", "lastActivityDate", "completedDate", "externalID"]


@dataclass(frozen=True)
class AutotaskConfig:
    username: str
    secret: str = field(repr=False)
    integration_code: str = field(repr=False)
    queue_id: int = 0
    zone_url: str | None = None  # .../ATServicesRest; None: ask the discovery host
    discovery_url: str = DISCOVERY_URL
    new_status_id: int = 1
    complete_status_id: int = 5
    priority_ids: Mapping[Priority, int] = field(
        default_factory=lambda: dict(DEFAULT_PRIORITY_IDS))
    note_type_id: int = 1
    status_overrides: Mapping[str, State] = field(default_factory=dict)
    timeout_s: float = config.DEFAULT_TIMEOUT_S
    page_size: int = MAX_RECORDS

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AutotaskConfig:
        zone = config.optional(env, "MSPBOT_AUTOTASK_ZONE_URL")
        return cls(
            username=config.required(env, "MSPBOT_AUTOTASK_USERNAME"),
            secret=config.required(env, "MSPBOT_AUTOTASK_SECRET"),
            integration_code=config.required(env, "MSPBOT_AUTOTASK_INTEGRATION_CODE"),
            queue_id=config.required_number(env, "MSPBOT_AUTOTASK_QUEUE_ID"),
            zone_url=_zone_base(config.http_url(env, "MSPBOT_AUTOTASK_ZONE_URL"),
                                "MSPBOT_AUTOTASK_ZONE_URL") if zone else None,
            discovery_url=config.http_url(env, "MSPBOT_AUTOTASK_DISCOVERY_URL",
                                          default=DISCOVERY_URL),
            new_status_id=config.whole_number(env, "MSPBOT_AUTOTASK_NEW_STATUS_ID", 1) or 1,
            complete_status_id=config.whole_number(
                env, "MSPBOT_AUTOTASK_COMPLETE_STATUS_ID", 5) or 5,
            priority_ids=config.priority_ids(env, "MSPBOT_AUTOTASK_PRIORITY_IDS",
                                             DEFAULT_PRIORITY_IDS),
            note_type_id=config.whole_number(env, "MSPBOT_AUTOTASK_NOTE_TYPE_ID", 1) or 1,
            status_overrides=config.status_overrides(env, "MSPBOT_AUTOTASK_STATUS_MAP"),
            timeout_s=config.timeout_s(env),
        )


def _zone_base(url: str, name: str) -> str:
    """`https://webservicesN.autotask.net/ATServicesRest` from the zone URL as given."""
    base = url.rstrip("/")
    if base.lower().endswith("/v1.0"):
        base = base[: -len("/v1.0")]
    if not base.lower().endswith("/atservicesrest"):
        raise SettingsError(
            f"{name} must be the zone's REST URL ending in /ATServicesRest, e.g. "
            f"https://webservices5.autotask.net/ATServicesRest; got {url!r}"
        )
    return base


class Autotask:
    name = "autotask"

    def __init__(self, cfg: AutotaskConfig) -> None:
        if cfg.queue_id <= 0:
            raise SettingsError("MSPBOT_AUTOTASK_QUEUE_ID is required")
        self.cfg = cfg
        self._http = JsonHttp(VENDOR, timeout_s=cfg.timeout_s)
        self._creating = KeyLocks()
        self._headers = {
            "ApiIntegrationCode": cfg.integration_code,
            "UserName": cfg.username,
            "Secret": cfg.secret,
            "Accept": "application/json",
        }
        self._zone: str | None = cfg.zone_url
        self._status_labels: dict[int, str] | None = None
        self._priority_by_id = reverse(cfg.priority_ids)

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
        body = {
            "id": 0,
            "companyID": company,
            "queueID": self.cfg.queue_id,
            "status": self.cfg.new_status_id,
            "priority": self.cfg.priority_ids[ticket.priority],
            "title": one_line(ticket.summary, TITLE_MAX),
            "description": clip(ticket_body(ticket), DESCRIPTION_MAX),
            "externalID": ticket.key,
        }
        resp = await self._call("POST", "Tickets", body)
        try:
            item_id = int(resp["itemId"])
        except (KeyError, TypeError, ValueError):
            raise malformed(VENDOR, f"create answered {resp!r}") from None
        got = await self._call("GET", f"Tickets/{item_id}")
        item = got.get("item") if isinstance(got, dict) else None
        if not isinstance(item, dict):
            raise malformed(VENDOR, f"GET Tickets/{item_id} answered {got!r}")
        return await self._remote(item)

    async def find_by_key(self, key: str, company_id: str) -> RemoteTicket | None:
        check_key(key)
        company = _company(company_id)
        found = await self._query([_eq("companyID", company), _eq("externalID", key)],
                                  company, limit=1)
        return await self._remote(found[0]) if found else None

    async def get(self, number: str, company_id: str) -> RemoteTicket | None:
        raw = await self._get_raw(number, company_id)
        return await self._remote(raw) if raw is not None else None

    async def open_tickets(self, company_id: str) -> list[RemoteTicket]:
        company = _company(company_id)
        found = await self._query(
            [_eq("companyID", company),
             {"op": "noteq", "field": "status", "value": self.cfg.complete_status_id}],
            company)
        return [await self._remote(raw) for raw in found]

    async def add_note(self, number: str, company_id: str, text: str) -> None:
        if not text.strip():
            raise InvalidTicketData("a note needs text")
        raw = await self._get_raw(number, company_id)
        if raw is None:
            raise PsaPermanentError(
                f"{VENDOR}: no ticket {number!r} on company {company_id}", status=404)
        ticket_id = int(raw["id"])
        await self._call("POST", f"Tickets/{ticket_id}/Notes", {
            "ticketID": ticket_id,
            "title": one_line(text, NOTE_TITLE_MAX),
            "description": clip(text, NOTE_DESCRIPTION_MAX),
            "noteType": self.cfg.note_type_id,
            "publish": PUBLISH_ALL_AUTOTASK_USERS,
        })

    # -- helpers -------------------------------------------------------------------------

    async def _base(self) -> str:
        if self._zone is None:
            resp = await self._http.request(
                "GET", f"{self.cfg.discovery_url}/atservicesrest/v1.0/zoneInformation",
                params={"user": self.cfg.username}, headers={"Accept": "application/json"})
            assert resp is not None
            url = resp.body.get("url") if isinstance(resp.body, dict) else None
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise malformed(VENDOR, f"zoneInformation answered {resp.body!r}")
            try:
                self._zone = _zone_base(url, "zoneInformation url")
            except SettingsError as exc:
                raise malformed(VENDOR, str(exc)) from None
        return f"{self._zone}/V1.0"

    async def _call(self, method: str, path: str, body: Any = None, *,
                    url: str | None = None) -> Any:
        resp = await self._http.request(method, url or f"{await self._base()}/{path}",
                                        headers=self._headers, json_body=body)
        assert resp is not None
        return resp.body

    async def _get_raw(self, number: str, company_id: str) -> dict[str, Any] | None:
        company = _company(company_id)
        number = number.strip()
        if not number or len(number) > 50:
            return None
        # Both "missing" and "another company's" come back as no items.
        found = await self._query([_eq("ticketNumber", number), _eq("companyID", company)],
                                  company, limit=1)
        return found[0] if found else None

    async def _query(self, filters: list[dict[str, Any]], company: int, *,
                     limit: int | None = None) -> list[dict[str, Any]]:
        body = {"MaxRecords": min(limit or self.cfg.page_size, MAX_RECORDS),
                "IncludeFields": _FIELDS, "filter": filters}
        base = await self._base()
        url = f"{base}/Tickets/query"
        results: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            page = await self._call("POST", "", body, url=url)
            items = page.get("items") if isinstance(page, dict) else None
            if not isinstance(items, list):
                raise malformed(VENDOR, f"query answered {page!r}")
            # the filter already says so; checking again costs nothing
            results.extend(i for i in items if _company_of(i) == company)
            if limit is not None and len(results) >= limit:
                return results[:limit]
            next_url = (page.get("pageDetails") or {}).get("nextPageUrl")
            if not next_url:
                return results
            if not same_origin(str(next_url), base):
                raise malformed(VENDOR, f"nextPageUrl leaves the zone: {next_url}")
            url = str(next_url)
        raise malformed(VENDOR, f"more than {MAX_PAGES} pages of tickets")

    async def _status_label(self, status_id: int) -> str:
        if self._status_labels is None:
            info = await self._call("GET", "Tickets/entityInformation/fields")
            labels: dict[int, str] = {}
            for fld in (info or {}).get("fields") or []:
                if fld.get("name") == "status":
                    for value in fld.get("picklistValues") or []:
                        labels[int(value["value"])] = str(value["label"])
            self._status_labels = labels
        return self._status_labels.get(status_id, f"Status {status_id}")

    async def _remote(self, raw: dict[str, Any]) -> RemoteTicket:
        try:
            status_id = int(raw["status"])
            closed = status_id == self.cfg.complete_status_id
            status = await self._status_label(status_id)
            entered = parse_time(raw.get("createDate"))
            if entered is None:
                raise ValueError("no createDate")
            return RemoteTicket(
                number=str(raw["ticketNumber"]),
                company_id=str(raw["companyID"]),
                summary=str(raw.get("title") or ""),
                status=status,
                state=normalise(status, closed=closed, overrides=self.cfg.status_overrides),
                priority=self._priority_by_id.get(str(raw.get("priority")).casefold()),
                entered_at=entered,
                first_response_at=parse_time(raw.get("firstResponseDateTime")),
                updated_at=parse_time(raw.get("lastActivityDate")),
                closed=closed,
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise malformed(VENDOR, f"ticket without {exc}") from None


def _eq(name: str, value: Any) -> dict[str, Any]:
    return {"op": "eq", "field": name, "value": value}


def _company_of(raw: Any) -> int | None:
    try:
        return int(raw["companyID"])
    except (KeyError, TypeError, ValueError):
        return None


def _company(company_id: str) -> int:
    company = numeric_id(company_id)
    if company is None:
        raise InvalidTicketData(f"an Autotask company id is a number, got {company_id!r}")
    return company
