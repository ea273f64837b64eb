"""One driver per platform, so a workflow test is written once and run through both.

Each driver speaks its platform's real protocol to the running adapter: Slack through
signed Events API / interactivity posts handled by slack-bolt, answered into the fake Slack
Web API; Teams through Bot Framework activities handled by the Agents SDK, answered into
the fake Bot Connector. What a test sees is what a person on that platform would see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from bot.service.app import App
from tests.slack.conftest import STAFF_CHANNEL as SLACK_STAFF_CHANNEL
from tests.slack.conftest import Harness, payload
from tests.slack.fake_slack import BOT_USER
from tests.teams.conftest import TeamsServer
from tests.teams.harness import payload as teams_payload

SLACK_CLIENT_CHANNEL = "C0ACMESUPP"
SLACK_OUTSIDER = {"id": "U0OUTSIDE1", "username": "pat", "name": "pat", "team_id": "T0OTHERORG"}
TEAMS_PERSONAL = "a:1Hk9Fz3Lq7Wm2Rt5Yp8Nc4Vb6Xj0Gs1Dh3Ke9Uo5Ia7Qw2Er4Ty6Zx8Cv0Bn-Mm"
TEAMS_STAFF_CHANNEL = "19:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d@thread.tacv2"
TEAMS_OUTSIDER_TENANT = "11111111-2222-4333-8444-555555555555"  # no client's tenant


@dataclass(frozen=True)
class EntryForm:
    """What a staff member fills in on either platform's knowledge editor."""

    entry_id: str
    title: str
    questions: tuple[str, ...]
    topics: tuple[str, ...]
    body: str
    tenants: str = "all"
    status: str | None = None  # None: the field left as the form shows it


@dataclass(frozen=True)
class Post:
    """One message the bot posted: to the client's conversation or the staff channel."""

    where: str  # "client" | "staff"
    text: str


class Platform(Protocol):
    name: str
    app: App
    client_tenant: str  # the client whose conversation `say` writes in

    async def say(self, text: str) -> None:
        """A client writes to the bot (each call a new post)."""

    async def redeliver(self) -> None:
        """The platform delivers the last post again, as it does: Slack its twin event
        (app_mention and message for one post) and a retry; Teams the activity again."""

    async def settle(self) -> None:
        """Wait until every answer in progress has finished."""

    def posts(self) -> list[Post]:
        """What the bot posted that people can see, in order."""

    def fail_next_reply(self, *, stored: bool) -> None:
        """The next post to the client's conversation answers 500 (`stored`: the platform
        kept it anyway)."""

    def fail_staff_channel(self) -> None:
        """The next post to the staff channel is refused."""

    async def vote(self, interaction_id: int, *, outsider: bool) -> str:
        """Click "Helpful" under an answer, as its client or as someone of another
        organisation; the acknowledgement the clicker sees."""

    async def form_status(self) -> str:
        """The status the knowledge editor shows preselected for a new entry."""

    async def save_entry(self, form: EntryForm) -> str | None:
        """Submit the editor as staff: None when it was saved, else the refusal shown."""


class SlackPlatform:
    name = "slack"
    client_tenant = "acme-dental"

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.app = harness.app
        self._count = 0
        self._last: dict[str, Any] | None = None

    async def say(self, text: str) -> None:
        self._count += 1
        event = payload("app_mention")
        ts = f"1700000500.{self._count:06d}"
        event["event"].update(text=f"<@{BOT_USER}> {text}", ts=ts, event_ts=ts)
        event["event_id"] = f"Ev0WORKFLOW{self._count:02d}"
        self._last = event
        posted = await self.harness.send.event(event)
        assert posted.status == 200

    async def redeliver(self) -> None:
        assert self._last is not None
        twin = json.loads(json.dumps(self._last))
        twin["event"]["type"] = "message"
        twin["event_id"] += "TWIN"
        for event, retry in ((twin, None), (self._last, 1)):
            posted = await self.harness.send.event(event, retry_num=retry)
            assert posted.status == 200

    async def settle(self) -> None:
        await self.harness.settle()

    def posts(self) -> list[Post]:
        fake = self.harness.fake
        visible = [c for c in fake.calls if c.method == "chat.postMessage"
                   and (c.ok or (c.status >= 500 and self._kept(c.params)))]
        return [Post("staff" if c.params.get("channel") == SLACK_STAFF_CHANNEL else "client",
                     str(c.params.get("text"))) for c in visible]

    def _kept(self, params: dict[str, Any]) -> bool:
        """A failed post Slack stored anyway (the fake keeps it among the messages)."""
        kept = self.harness.fake.messages.get(str(params.get("channel")), [])
        return any(m.get("text") == params.get("text") for m in kept)

    def fail_next_reply(self, *, stored: bool) -> None:
        self.harness.fake.fail("chat.postMessage", status=500, stored=stored,
                               body={"ok": False, "error": "fatal_error"},
                               channel=SLACK_CLIENT_CHANNEL)

    def fail_staff_channel(self) -> None:
        self.harness.fake.fail("chat.postMessage", body={"ok": False,
                                                         "error": "channel_not_found"},
                               channel=SLACK_STAFF_CHANNEL)

    async def vote(self, interaction_id: int, *, outsider: bool) -> str:
        click = payload("block_actions_feedback")
        # the value names the answer and its client: it comes back from the browser
        value = json.dumps({"i": interaction_id, "t": self.client_tenant, "q": "why?"})
        click["actions"][0]["value"] = value
        if outsider:
            click["user"] = dict(SLACK_OUTSIDER)
        before = len(self.harness.fake.of("chat.postEphemeral"))
        posted = await self.harness.send.interactive(click)
        assert posted.status == 200
        await self.settle()
        acknowledgements = self.harness.fake.of("chat.postEphemeral")[before:]
        assert [a.params["user"] for a in acknowledgements] == [click["user"]["id"]]
        return str(acknowledgements[0].params["text"])

    async def form_status(self) -> str:
        posted = await self.harness.send.command(payload("slash_kb"))
        assert posted.status == 200
        view = self.harness.fake.of("views.open")[-1].params["view"]
        [status] = [b for b in view["blocks"] if b.get("block_id") == "status"]
        return str(status["element"]["initial_option"]["value"])

    async def save_entry(self, form: EntryForm) -> str | None:
        submission = payload("view_submission")
        submission["view"]["private_metadata"] = json.dumps({"mode": "add", "id": "",
                                                             "source": "kb"})
        values: dict[str, Any] = {
            "id": {"id": {"type": "plain_text_input", "value": form.entry_id}},
            "title": {"title": {"type": "plain_text_input", "value": form.title}},
            "questions": {"questions": {"type": "plain_text_input",
                                        "value": "\n".join(form.questions)}},
            "topics": {"topics": {"type": "multi_static_select", "selected_options": [
                {"text": {"type": "plain_text", "text": t}, "value": t} for t in form.topics]}},
            "body": {"body": {"type": "plain_text_input", "value": form.body}},
            "tenants": {"tenants": {"type": "plain_text_input", "value": form.tenants}},
            "audience": {"audience": {"type": "static_select", "selected_option": {
                "text": {"type": "plain_text", "text": "Clients"}, "value": "client"}}},
        }
        if form.status is not None:
            values["status"] = {"status": {"type": "static_select", "selected_option": {
                "text": {"type": "plain_text", "text": form.status}, "value": form.status}}}
        submission["view"]["state"]["values"] = values
        posted = await self.harness.send.interactive(submission)
        assert posted.status == 200
        await self.settle()
        if not posted.body:
            return None
        answer = posted.json()
        assert answer["response_action"] == "errors"
        return "; ".join(f"{k}: {v}" for k, v in answer["errors"].items())


class TeamsPlatform:
    name = "teams"
    client_tenant = "brightpath-legal"

    def __init__(self, server: TeamsServer) -> None:
        self.server = server
        self.app = server.app
        self.connector = server.connector
        self._count = 0
        self._last: dict[str, Any] | None = None
        self._after_setup = 0

    @classmethod
    async def start(cls, server: TeamsServer) -> TeamsPlatform:
        """Installed in the MSP's staff channel first, as the README's set-up says."""
        platform = cls(server)
        await server.post(teams_payload("conversation_update_bot_added", server.connector.url))
        await server.connector.wait_messages(1)  # the welcome
        platform._after_setup = len(server.connector.sent)
        return platform

    async def say(self, text: str) -> None:
        self._count += 1
        activity = teams_payload("personal_message", self.connector.url, text=text,
                                 id=f"17724650000{self._count:02d}")
        self._last = activity
        posted = await self.server.post(activity)
        assert posted.status in (200, 202), posted

    async def redeliver(self) -> None:
        assert self._last is not None
        posted = await self.server.post(self._last)
        assert posted.status in (200, 202), posted

    async def settle(self) -> None:
        await self.app.tasks.join()

    def posts(self) -> list[Post]:
        return [Post("staff" if s.conversation_id == TEAMS_STAFF_CHANNEL else "client",
                     s.shown) for s in self.connector.sent[self._after_setup:]
                if s.type == "message"]

    def fail_next_reply(self, *, stored: bool) -> None:
        self.connector.fail(500, conversation_id=TEAMS_PERSONAL, stored=stored)

    def fail_staff_channel(self) -> None:
        self.connector.fail(403, conversation_id=TEAMS_STAFF_CHANNEL)

    async def vote(self, interaction_id: int, *, outsider: bool) -> str:
        click = teams_payload("card_execute_feedback", self.connector.url)
        click["value"]["action"]["data"]["interaction_id"] = interaction_id
        if outsider:
            click["from"] = {"id": "29:outsider", "name": "Pat Outsider",
                             "aadObjectId": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}
            click["channelData"]["tenant"]["id"] = TEAMS_OUTSIDER_TENANT
            click["conversation"]["tenantId"] = TEAMS_OUTSIDER_TENANT
        posted = await self.server.post(click)
        assert posted.status == 200 and posted.body["statusCode"] == 200
        return str(posted.body["value"])

    async def form_status(self) -> str:
        before = len(self.connector.messages())
        await self.server.post(teams_payload("staff_message_kb_add", self.connector.url))
        sent = await self.connector.wait_messages(before + 1)
        card = sent[before].card
        assert card is not None
        [status] = [item for item in card["body"] if item.get("id") == "status"]
        return str(status["value"])

    async def save_entry(self, form: EntryForm) -> str | None:
        click = teams_payload("card_execute_kb_save", self.connector.url)
        data: dict[str, Any] = {
            "verb": "kb_save", "mode": "add", "entry_id": form.entry_id, "title": form.title,
            "questions": "\n".join(form.questions), "topics": ",".join(form.topics),
            "audience": "client", "tenants": form.tenants, "body": form.body,
        }
        if form.status is not None:
            data["status"] = form.status
        click["value"]["action"]["data"] = data
        posted = await self.server.post(click)
        assert posted.status == 200 and posted.body["statusCode"] == 200
        shown = json.dumps(posted.body["value"])
        return shown if "Not saved" in shown else None
