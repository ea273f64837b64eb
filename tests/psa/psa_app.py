"""An mspbot App with MSPBOT_PSA set to a fake vendor API, and a recording Messenger."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.core.models import InboundMessage
from bot.service.app import App, open_app
from bot.service.settings import Settings, index_directory
from bot.tenants.agreement import load_tenant_file
from tests.conftest import TENANT_FILES
from tests.psa.fakes.connectwise import FakeConnectWise

# Quick retries and a short reply wait keep the tests short; the defaults are in README.
FAST_OUTBOX = {
    "MSPBOT_PSA_REPLY_WAIT_S": "1.0", "MSPBOT_PSA_RETRY_MIN_S": "0.05",
    "MSPBOT_PSA_RETRY_MAX_S": "0.3", "MSPBOT_PSA_POLL_S": "0.05", "MSPBOT_PSA_LEASE_S": "10",
    "MSPBOT_PSA_TIMEOUT_S": "2",
}


def cw_env(fake: FakeConnectWise, **changes: str) -> dict[str, str]:
    env = {
        "MSPBOT_PSA": "connectwise", "MSPBOT_CW_URL": fake.url,
        "MSPBOT_CW_COMPANY": fake.company, "MSPBOT_CW_PUBLIC_KEY": fake.public_key,
        "MSPBOT_CW_PRIVATE_KEY": fake.private_key, "MSPBOT_CW_CLIENT_ID": fake.client_id,
        "MSPBOT_CW_BOARD": "Service Board", **FAST_OUTBOX,
    }
    env.update(changes)
    return env


@dataclass
class Messages:
    """What the worker posted outside a delivery (a Messenger)."""

    posts: list[tuple[str, str]] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)

    async def post(self, conversation: str, text: str) -> bool:
        self.posts.append((conversation, text))
        return True

    async def notify_staff(self, text: str) -> bool:
        self.staff.append(text)
        return True


@asynccontextmanager
async def psa_app(database_url: str, env: dict[str, str],
                  messages: Messages | None = None) -> AsyncIterator[App]:
    # the saved index of the test session (the autouse fixture sets MSPBOT_INDEX_DIR)
    settings = Settings(database_url=database_url, index_dir=index_directory(os.environ))
    async with open_app(settings, env=env) as app:
        for path in TENANT_FILES:
            await app.store.tenants.put(load_tenant_file(path))
        await app.bot.knowledge.index()
        if messages is not None:
            app.messengers["slack"] = messages
        yield app


def slack_message(text: str, n: int, *, thread: str | None = None) -> InboundMessage:
    """A message in Acme's support channel, in its own thread unless `thread` is given."""
    return InboundMessage(text=text, platform="slack", user_id="U1", user_name="Dana Reyes",
                          channel="C0ACMESUPP", thread=thread or f"{n}.0", key=f"Ev{n}",
                          org="slack:T0ACMEDENT")
