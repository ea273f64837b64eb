"""A fake ConnectWise PSA REST API 3.0, after developer.connectwise.com (Manage REST).

What it checks as the real service does: Basic auth of "<company>+<public>:<private>"
(else 401) and a clientId header (else 400); summary at most 100 characters; the company,
board and priority must exist (else 400). It implements the `conditions` clauses the
connector uses (id, company/id, closedFlag, externalXRef, joined by "and"), `fields`
projection, `orderBy=id asc`, `page`/`pageSize` (capped at `max_page_size`) with a Link
header (rel="next", rel="last") while more pages follow, and ticket notes.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from tests.psa.fakes.base import FakeServer

PREFIX = "/v4_6_release/apis/3.0"
PRIORITIES = {
    "Priority 1 - Emergency Response": 1,
    "Priority 2 - Quick Response": 2,
    "Priority 3 - Normal Response": 3,
    "Priority 4 - Scheduled Maintenance": 4,
}
_CLAUSE = re.compile(r'^\s*([A-Za-z_/]+)\s*=\s*("([^"]*)"|[^\s"]+)\s*$')


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class FakeConnectWise(FakeServer):
    company: str = "acme"
    public_key: str = "pubKEY123"
    private_key: str = "privKEY456"
    client_id: str = "0f3b6a8e-6c1d-4b5e-9e8b-2d7c1f0a9b11"
    companies: set[int] = field(default_factory=lambda: {250, 251})
    boards: set[str] = field(default_factory=lambda: {"Service Board", "Help Desk"})
    max_page_size: int = 1000
    tickets: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    next_id: int = 1000

    @property
    def url(self) -> str:
        return self.origin + PREFIX

    # -- auth ----------------------------------------------------------------------------

    def authorised(self, request: web.Request) -> web.Response | None:
        login = f"{self.company}+{self.public_key}:{self.private_key}".encode()
        if request.headers.get("Authorization") != "Basic " + base64.b64encode(login).decode():
            return web.json_response(
                {"code": "Unauthorized", "message": "Authentication failed"}, status=401)
        if request.headers.get("clientId") != self.client_id:
            return web.json_response(
                {"code": "InvalidObject", "message": "clientId requires a valid value"},
                status=400)
        return None

    # -- routes --------------------------------------------------------------------------

    def setup_routes(self, app: web.Application) -> None:
        app.router.add_get(PREFIX + "/service/tickets", self._list)
        app.router.add_post(PREFIX + "/service/tickets", self._create)
        app.router.add_get(PREFIX + r"/service/tickets/{id:\d+}", self._get)
        app.router.add_post(PREFIX + r"/service/tickets/{id:\d+}/notes", self._add_note)

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        summary = body.get("summary") or ""
        errors = []
        if not summary or len(summary) > 100:
            errors.append({"code": "InvalidField", "field": "summary",
                           "message": "summary is required, at most 100 characters"})
        company = (body.get("company") or {}).get("id")
        if company not in self.companies:
            errors.append({"code": "InvalidObject", "field": "company",
                           "message": "company object is invalid"})
        board = (body.get("board") or {}).get("name")
        if board not in self.boards:
            errors.append({"code": "InvalidObject", "field": "board",
                           "message": "board object is invalid"})
        priority = (body.get("priority") or {}).get("name")
        if priority not in PRIORITIES:
            errors.append({"code": "InvalidObject", "field": "priority",
                           "message": "priority object is invalid"})
        if len(body.get("externalXRef") or "") > 100:
            errors.append({"code": "InvalidField", "field": "externalXRef",
                           "message": "max length 100"})
        if errors:
            return web.json_response({"code": "InvalidObject", "message": "ticket is invalid",
                                      "errors": errors}, status=400)
        ticket = self.add_ticket(company, summary, board=board, priority=priority,
                                 external_x_ref=body.get("externalXRef"))
        ticket["contactName"] = body.get("contactName")
        ticket["contactEmailAddress"] = body.get("contactEmailAddress")
        self.notes[ticket["id"]] = [{"text": body.get("initialDescription") or "",
                                     "detailDescriptionFlag": True}]
        return web.json_response(ticket, status=201)

    async def _list(self, request: web.Request) -> web.Response:
        try:
            matches = self._filter(request.query.get("conditions", ""))
        except ValueError as exc:
            return web.json_response({"code": "InvalidObject", "message": str(exc)}, status=400)
        order = request.query.get("orderBy", "")
        if order and order != "id asc":
            return web.json_response({"code": "InvalidObject", "message": "orderBy"}, status=400)
        matches.sort(key=lambda t: t["id"])
        page_size = min(int(request.query.get("pageSize", "25")), self.max_page_size)
        page = int(request.query.get("page", "1"))
        chunk = matches[(page - 1) * page_size: page * page_size]
        fields = [f for f in request.query.get("fields", "").split(",") if f]
        body = [_project(t, fields) for t in chunk]
        headers = {}
        last = max(1, -(-len(matches) // page_size))
        if page < last:
            query = dict(request.query)
            links = []
            for rel, number in (("next", page + 1), ("last", last)):
                query["page"] = str(number)
                links.append(f"<{self.url}/service/tickets?{urlencode(query)}>; rel=\"{rel}\"")
            headers["Link"] = ", ".join(links)
        return web.json_response(body, headers=headers)

    async def _get(self, request: web.Request) -> web.Response:
        ticket = self.tickets.get(int(request.match_info["id"]))
        if ticket is None:
            return web.json_response({"code": "NotFound", "message": "Ticket not found"},
                                     status=404)
        return web.json_response(ticket)

    async def _add_note(self, request: web.Request) -> web.Response:
        ticket_id = int(request.match_info["id"])
        if ticket_id not in self.tickets:
            return web.json_response({"code": "NotFound", "message": "Ticket not found"},
                                     status=404)
        body = await request.json()
        if not body.get("text"):
            return web.json_response({"code": "InvalidField", "message": "text"}, status=400)
        note = {"id": len(self.notes.get(ticket_id, [])) + 1, "ticketId": ticket_id, **body}
        self.notes.setdefault(ticket_id, []).append(note)
        return web.json_response(note, status=201)

    # -- the store -----------------------------------------------------------------------

    def add_ticket(self, company: int, summary: str, *, board: str = "Service Board",
                   priority: str = "Priority 3 - Normal Response", status: str = "New",
                   closed: bool = False, external_x_ref: str | None = None) -> dict[str, Any]:
        self.next_id += 1
        now = _now()
        ticket = {
            "id": self.next_id,
            "summary": summary,
            "recordType": "ServiceTicket",
            "board": {"id": 1, "name": board},
            "status": {"id": 1, "name": status},
            "company": {"id": company, "identifier": f"C{company}", "name": f"Company {company}"},
            "priority": {"id": PRIORITIES.get(priority, 0), "name": priority},
            "externalXRef": external_x_ref,
            "closedFlag": closed,
            "dateResponded": None,
            "actualHours": 1.5,  # technician time: must never reach the client
            "_info": {"dateEntered": now, "lastUpdated": now, "enteredBy": "api"},
        }
        self.tickets[ticket["id"]] = ticket
        return ticket

    def _filter(self, conditions: str) -> list[dict[str, Any]]:
        tests = []
        for clause in [c for c in re.split(r"\s+and\s+", conditions.strip()) if c]:
            m = _CLAUSE.match(clause)
            if m is None:
                raise ValueError(f"cannot parse condition {clause!r}")
            name, quoted, raw = m.group(1), m.group(3), m.group(2)
            tests.append(_test(name, quoted if quoted is not None else raw, quoted is not None))
        return [t for t in self.tickets.values() if all(test(t) for test in tests)]


def _test(name: str, value: str, quoted: bool) -> Any:
    if name == "id":
        return lambda t: t["id"] == int(value)
    if name == "company/id":
        return lambda t: t["company"]["id"] == int(value)
    if name == "closedFlag":
        if value not in ("true", "false"):
            raise ValueError("closedFlag takes true or false")
        return lambda t: t["closedFlag"] == (value == "true")
    if name == "externalXRef":
        if not quoted:
            raise ValueError("strings must be quoted")
        return lambda t: t.get("externalXRef") == value
    raise ValueError(f"unsupported condition field {name!r}")


def _project(ticket: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    if not fields:
        return ticket
    out: dict[str, Any] = {}
    for name in fields:
        head, _, tail = name.partition("/")
        if head not in ticket:
            continue
        if tail:
            inner = ticket[head] or {}
            if tail in inner:
                out.setdefault(head, {})[tail] = inner[tail]
        else:
            out[head] = ticket[head]
    return out
