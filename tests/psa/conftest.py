"""Fakes of each vendor API on 127.0.0.1, and connectors pointed at them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from email.utils import formatdate
from time import time

import pytest

from bot.psa.autotask import Autotask, AutotaskConfig
from bot.psa.connectwise import ConnectWise, ConnectWiseConfig
from bot.psa.halo import Halo, HaloConfig
from bot.psa.types import NewTicket, Priority
from tests.psa.fakes.autotask import FakeAutotask
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.fakes.halo import FakeHalo


def new_ticket(key: str = "mspbot-7f3a2c", company: str = "250", *,
               priority: Priority = Priority.P1, summary: str = "Printer on floor 2 is offline",
               ) -> NewTicket:
    return NewTicket(
        key=key,
        company_id=company,
        summary=summary,
        description="Client: the printer shows error E-52.\nBot: we have logged it.",
        priority=priority,
        requester_name="Dana Reyes",
        requester_email="dana@client.example",
        conversation_link="https://slack.example/archives/C1/p123",
    )


def http_date_in(seconds: float) -> str:
    return formatdate(time() + seconds, usegmt=True)


@pytest.fixture
async def cw_fake() -> AsyncIterator[FakeConnectWise]:
    fake = FakeConnectWise(max_page_size=1000)
    await fake.start()
    yield fake
    await fake.stop()


def cw_config(fake: FakeConnectWise, **changes: object) -> ConnectWiseConfig:
    values: dict[str, object] = {
        "url": fake.url, "company": fake.company, "public_key": fake.public_key,
        "private_key": fake.private_key, "client_id": fake.client_id,
        "board": "Service Board", "timeout_s": 2.0,
    }
    values.update(changes)
    return ConnectWiseConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
async def cw(cw_fake: FakeConnectWise) -> AsyncIterator[ConnectWise]:
    connector = ConnectWise(cw_config(cw_fake))
    yield connector
    await connector.close()


@pytest.fixture
async def at_fake() -> AsyncIterator[FakeAutotask]:
    fake = FakeAutotask()
    await fake.start()
    yield fake
    await fake.stop()


def at_config(fake: FakeAutotask, **changes: object) -> AutotaskConfig:
    values: dict[str, object] = {
        "username": fake.username, "secret": fake.secret,
        "integration_code": fake.integration_code, "queue_id": 29682833,
        "discovery_url": fake.origin, "timeout_s": 2.0,
    }
    values.update(changes)
    return AutotaskConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
async def at(at_fake: FakeAutotask) -> AsyncIterator[Autotask]:
    connector = Autotask(at_config(at_fake))
    yield connector
    await connector.close()


@pytest.fixture
async def halo_fake() -> AsyncIterator[FakeHalo]:
    fake = FakeHalo()
    await fake.start()
    yield fake
    await fake.stop()


def halo_config(fake: FakeHalo, **changes: object) -> HaloConfig:
    values: dict[str, object] = {
        "url": fake.url, "client_id": fake.client_id, "client_secret": fake.client_secret,
        "tenant": fake.tenant, "ticket_type_id": 1, "timeout_s": 2.0,
    }
    values.update(changes)
    return HaloConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
async def halo(halo_fake: FakeHalo) -> AsyncIterator[Halo]:
    connector = Halo(halo_config(halo_fake))
    yield connector
    await connector.close()
