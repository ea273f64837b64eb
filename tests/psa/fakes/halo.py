"""A fake HaloPSA API, after the Halo API documentation (<instance>/apidoc: Authorisation,
Tickets, Actions, Status).

- POST /auth/token takes the client-credentials form (grant_type, client_id, client_secret,
  scope) and, for a hosted instance, `?tenant=`; wrong credentials answer 401
  {"error": "invalid_client"}. Tokens carry `expires_in`; tests can revoke them all.
- Every /api call needs `Authorization: Bearer <a live token>` (else 401).
- POST /api/tickets takes a list of ticket objects and answers the created ticket;
  GET /api/tickets filters by client_id, open_only and search_summary and pages with
  pageinate/page_size/page_no (page size capped at `max_page_size`), answering
  {"page_no", "page_size", "record_count", "tickets"}; GET /api/tickets/{id} or 404.
- POST /api/actions adds actions (notes); GET /api/status lists the statuses.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.psa.fakes.base import FakeServer

STATUSES = {1: "New", 2: "In Progress", 4: "Waiting on User", 5: "With Supplier",
            8: "Resolved - Awaiting Confirmation", 9: "Closed"}
CLOSED = {9}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f0Z")


@dataclass
class FakeHalo(FakeServer):
    client_id: str = "c9534241-dde9-4d04-9d45-32b1fbff22ed"
    client_secret: str = "14c0c9af-2db1-48ab-b29c-51975df4afa2"
    tenant: str | None = "acme"
    clients: set[int] = field(default_factory=lambda: {250, 251})
    ticket_types: set[int] = field(default_factory=lambda: {1, 3})
    max_page_size: int = 100
    expires_in: int = 3600
    tokens: set[str] = field(default_factory=set)
    tickets: dict[int, dict[str, Any]] = field(default_factory=dict)
    actions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    _token_numbers: Any = field(default_factory=lambda: itertools.count(1))
    next_id: int = 2000

    @property
    def url(self) -> str:
        return self.origin

    def revoke_tokens(self) -> None:
        self.tokens.clear()

    def authorised(self, request: web.Request) -> web.Response | None:
        if request.path == "/auth/token":
            return None
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[len("Bearer "):] not in self.tokens:
            return web.json_response({"message": "Unauthorized"}, status=401)
        return None

    def setup_routes(self, app: web.Application) -> None:
        app.router.add_post("/auth/token", self._token)
        app.router.add_post("/api/tickets", self._create)
        app.router.add_get("/api/tickets", self._list)
        app.router.add_get(r"/api/tickets/{id:\d+}", self._get)
        app.router.add_post("/api/actions", self._add_actions)
        app.router.add_get("/api/status", self._statuses)

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        if self.tenant is not None and request.query.get("tenant") != self.tenant:
            return web.json_response({"error": "invalid_request",
                                      "error_description": "unknown tenant"}, status=400)
        if form.get("grant_type") != "client_credentials":
            return web.json_response({"error": "unsupported_grant_type"}, status=400)
        if form.get("client_id") != self.client_id or \
                form.get("client_secret") != self.client_secret:
            return web.json_response({"error": "invalid_client"}, status=401)
        token = f"tok-{next(self._token_numbers)}"
        self.tokens.add(token)
        return web.json_response({"access_token": token, "token_type": "Bearer",
                                  "expires_in": self.expires_in, "scope": form.get("scope")})

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not isinstance(body, list) or not body:
            return web.json_response({"message": "expected a list of tickets"}, status=400)
        created = []
        for item in body:
            summary = item.get("summary") or ""
            if not summary or len(summary) > 255:
                return web.json_response({"message": "summary is required (max 255)"},
                                         status=400)
            if item.get("client_id") not in self.clients:
                return web.json_response({"message": "Client not found"}, status=400)
            if item.get("priority_id") not in (1, 2, 3, 4):
                return web.json_response({"message": "Invalid priority"}, status=400)
            if "tickettype_id" in item and item["tickettype_id"] not in self.ticket_types:
                return web.json_response({"message": "Invalid ticket type"}, status=400)
            ticket = self.add_ticket(item["client_id"], summary,
                                     priority_id=item["priority_id"])
            ticket.update({k: item.get(k) for k in ("details", "reportedby", "user_email",
                                                    "tickettype_id") if k in item})
            created.append(ticket)
        return web.json_response(created[0] if len(created) == 1 else created, status=201)

    async def _list(self, request: web.Request) -> web.Response:
        q = request.query
        matches = sorted(self.tickets.values(), key=lambda t: t["id"])
        if "client_id" in q:
            matches = [t for t in matches if t["client_id"] == int(q["client_id"])]
        if q.get("open_only") == "true":
            matches = [t for t in matches if t["status_id"] not in CLOSED]
        if "search_summary" in q:
            needle = q["search_summary"].lower()
            matches = [t for t in matches if needle in t["summary"].lower()]
        if q.get("pageinate") != "true":
            return web.json_response({"record_count": len(matches), "tickets": matches[:50]})
        size = min(int(q.get("page_size", "50")), self.max_page_size)
        page = int(q.get("page_no", "1"))
        chunk = matches[(page - 1) * size: page * size]
        return web.json_response({"page_no": page, "page_size": size,
                                  "record_count": len(matches), "tickets": chunk})

    async def _get(self, request: web.Request) -> web.Response:
        ticket = self.tickets.get(int(request.match_info["id"]))
        if ticket is None:
            return web.json_response({"message": "Ticket not found"}, status=404)
        return web.json_response(ticket)

    async def _add_actions(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not isinstance(body, list) or not body:
            return web.json_response({"message": "expected a list of actions"}, status=400)
        for action in body:
            if action.get("ticket_id") not in self.tickets or not action.get("note"):
                return web.json_response({"message": "Invalid action"}, status=400)
            self.actions.setdefault(action["ticket_id"], []).append(action)
        return web.json_response(body[0] if len(body) == 1 else body, status=201)

    async def _statuses(self, request: web.Request) -> web.Response:
        return web.json_response([{"id": i, "name": n, "shortname": n[:4]}
                                  for i, n in STATUSES.items()])

    def add_ticket(self, client: int, summary: str, *, status_id: int = 1,
                   priority_id: int = 3) -> dict[str, Any]:
        self.next_id += 1
        now = _now()
        ticket = {
            "id": self.next_id,
            "summary": summary,
            "client_id": client,
            "client_name": f"Client {client}",
            "status_id": status_id,
            "priority_id": priority_id,
            "dateoccurred": now,
            "responsedate": None,
            "lastactiondate": now,
            "timetaken": 0.75,  # technician time: must never reach the client
        }
        self.tickets[ticket["id"]] = ticket
        return ticket
