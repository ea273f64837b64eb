"""A fake Autotask PSA REST API v1.0, after the Autotask REST API help
(ww1.autotask.net/help/DeveloperHelp/Content/APIs/REST/...).

- Zone discovery at /atservicesrest/v1.0/zoneInformation?user=... (no credentials needed)
  answers the zone's REST URL; the API itself lives under /ATServicesRest/V1.0.
- Every API call needs the ApiIntegrationCode, UserName and Secret headers (else 401).
- POST Tickets answers {"itemId": n}; a rejected reference (company, queue, picklist value)
  answers 500 with {"errors": [...]} as the documentation describes, a missing required
  field 400.
- POST Tickets/query implements the `eq`/`noteq` filters (AND), MaxRecords (capped at
  `max_records`), IncludeFields and pageDetails.nextPageUrl; the next page is a POST of the
  same filter body to that URL, and a next-page request without the filter fails with 500.
- Notes can only be created under their ticket: POST Tickets/{id}/Notes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from aiohttp import web

from tests.psa.fakes.base import FakeServer

API = "/ATServicesRest/V1.0"
STATUS_LABELS = {1: "New", 5: "Complete", 7: "Waiting Customer", 8: "In Progress",
                 9: "Waiting Materials", 12: "Waiting Vendor", 13: "Waiting Approval"}
PRIORITY_LABELS = {1: "High", 2: "Medium", 3: "Low", 4: "Critical"}
_QUERYABLE = {"id", "ticketnumber", "companyid", "externalid", "status", "title", "queueid"}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _errors(status: int, *messages: str) -> web.Response:
    return web.json_response({"errors": list(messages)}, status=status)


@dataclass
class FakeAutotask(FakeServer):
    username: str = "mspbot-api@acme.example"
    secret: str = "s3cr3t$~#"
    integration_code: str = "INTEGRATIONCODE123"
    companies: set[int] = field(default_factory=lambda: {250, 251})
    queues: set[int] = field(default_factory=lambda: {29682833})
    max_records: int = 500
    tickets: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    next_id: int = 43000

    @property
    def zone_url(self) -> str:
        return f"{self.origin}/ATServicesRest/"

    @property
    def api(self) -> str:
        return self.origin + API

    def authorised(self, request: web.Request) -> web.Response | None:
        if request.path.lower().startswith("/atservicesrest/v1.0/zoneinformation"):
            return None  # zone discovery is anonymous
        h = request.headers
        if (h.get("ApiIntegrationCode") != self.integration_code
                or h.get("UserName") != self.username or h.get("Secret") != self.secret):
            return web.json_response({"errors": ["Authorization failed."]}, status=401)
        return None

    def setup_routes(self, app: web.Application) -> None:
        app.router.add_get("/atservicesrest/v1.0/zoneInformation", self._zone)
        app.router.add_post(API + "/Tickets", self._create)
        app.router.add_get(API + r"/Tickets/{id:\d+}", self._get)
        app.router.add_post(API + "/Tickets/query", self._query)
        app.router.add_post(API + "/Tickets/query/next", self._query)
        app.router.add_get(API + "/Tickets/entityInformation/fields", self._fields)
        app.router.add_post(API + r"/Tickets/{id:\d+}/Notes", self._add_note)

    async def _zone(self, request: web.Request) -> web.Response:
        if request.query.get("user") != self.username:
            return _errors(404, "Zone information could not be determined")
        return web.json_response({"zoneName": "America West", "url": self.zone_url,
                                  "webUrl": f"{self.origin}/", "ci": 632538})

    async def _create(self, request: web.Request) -> web.Response:
        body = {k.lower(): v for k, v in (await request.json()).items()}
        missing = [name for name in ("companyid", "title", "status", "priority")
                   if body.get(name) in (None, "")]
        if missing:
            return _errors(400, *(f"{m} is required" for m in missing))
        if body["companyid"] not in self.companies:
            return _errors(500, f"Value {body['companyid']} does not exist for companyID.")
        if body.get("queueid") not in self.queues:
            return _errors(500, "A ticket must have a queueID or an assigned resource.")
        if body["status"] not in STATUS_LABELS or body["priority"] not in PRIORITY_LABELS:
            return _errors(500, "The picklist value is not valid.")
        if len(body["title"]) > 255 or len(body.get("externalid") or "") > 50 \
                or len(body.get("description") or "") > 8000:
            return _errors(500, "A value exceeds the field's maximum length.")
        ticket = self.add_ticket(body["companyid"], body["title"], status=body["status"],
                                 priority=body["priority"], external_id=body.get("externalid"))
        ticket["description"] = body.get("description")
        ticket["queueID"] = body["queueid"]
        return web.json_response({"itemId": ticket["id"]})

    async def _get(self, request: web.Request) -> web.Response:
        return web.json_response({"item": self.tickets.get(int(request.match_info["id"]))})

    async def _query(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if not raw:
            return _errors(500, "Value cannot be null. Parameter name: filters")
        body = {k.lower(): v for k, v in json.loads(raw).items()}
        filters = body.get("filter")
        if not isinstance(filters, list) or not filters:
            return _errors(500, "Value cannot be null. Parameter name: filters")
        try:
            matches = [t for t in self.tickets.values() if all(_test(f, t) for f in filters)]
        except ValueError as exc:
            return _errors(500, str(exc))
        matches.sort(key=lambda t: t["id"])
        page_size = min(int(body.get("maxrecords") or 500), self.max_records)
        after = 0
        if request.path.endswith("/next"):
            after = json.loads(request.query["paging"])["lastId"]
        rest = [t for t in matches if t["id"] > after]
        chunk = rest[:page_size]
        fields = [f.lower() for f in body.get("includefields") or []]
        items = [_project(t, fields) for t in chunk]
        next_url = None
        if len(rest) > page_size:
            paging = json.dumps({"pageSize": page_size, "lastId": chunk[-1]["id"]})
            next_url = f"{self.api}/Tickets/query/next?paging={quote(paging)}"
        return web.json_response({"items": items, "pageDetails": {
            "count": len(items), "requestCount": page_size,
            "prevPageUrl": None, "nextPageUrl": next_url}})

    async def _fields(self, request: web.Request) -> web.Response:
        def picklist(labels: dict[int, str]) -> list[dict[str, Any]]:
            return [{"value": str(v), "label": label, "isDefaultValue": v == 1,
                     "isActive": True, "isSystem": True} for v, label in labels.items()]
        return web.json_response({"fields": [
            {"name": "status", "dataType": "integer", "isPickList": True,
             "isRequired": True, "picklistValues": picklist(STATUS_LABELS)},
            {"name": "priority", "dataType": "integer", "isPickList": True,
             "isRequired": True, "picklistValues": picklist(PRIORITY_LABELS)},
        ]})

    async def _add_note(self, request: web.Request) -> web.Response:
        ticket_id = int(request.match_info["id"])
        if ticket_id not in self.tickets:
            return _errors(404, "Ticket not found")
        body = await request.json()
        missing = [n for n in ("ticketID", "description", "noteType", "publish")
                   if body.get(n) in (None, "")]
        if missing or body["ticketID"] != ticket_id:
            return _errors(500, f"invalid note: {missing or 'ticketID'}")
        self.notes.setdefault(ticket_id, []).append(body)
        return web.json_response({"itemId": 29926000 + len(self.notes[ticket_id])})

    def add_ticket(self, company: int, title: str, *, status: int = 1, priority: int = 2,
                   external_id: str | None = None) -> dict[str, Any]:
        self.next_id += 1
        now = _now()
        ticket = {
            "id": self.next_id,
            "ticketNumber": f"T20260315.{self.next_id % 10000:04d}",
            "companyID": company,
            "title": title,
            "status": status,
            "priority": priority,
            "externalID": external_id,
            "createDate": now,
            "firstResponseDateTime": None,
            "lastActivityDate": now,
            "completedDate": None,
            "hoursToBeScheduled": 2.5,  # technician time: must never reach the client
        }
        self.tickets[ticket["id"]] = ticket
        return ticket


def _test(item: dict[str, Any], ticket: dict[str, Any]) -> bool:
    op = str(item.get("op", "")).lower()
    name = str(item.get("field", "")).lower()
    if name not in _QUERYABLE:
        raise ValueError(f"field {item.get('field')!r} cannot be queried")
    actual = {k.lower(): v for k, v in ticket.items()}.get(name)
    if op == "eq":
        return bool(actual == item.get("value"))
    if op == "noteq":
        return bool(actual != item.get("value"))
    raise ValueError(f"unsupported operator {op!r}")


def _project(ticket: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    if not fields:
        return dict(ticket)
    return {k: v for k, v in ticket.items() if k.lower() in fields or k == "id"}
