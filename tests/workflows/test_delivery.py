"""Deliver once: the same guarantees through Slack and Teams."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.service.settings import Settings
from tests.pg import pg_database, pg_migrated, pg_template, postgres
from tests.replicas.harness import TcpProxy
from tests.waiting import until
from tests.workflows.platforms import Platform

__all__ = ["pg_database", "pg_migrated", "pg_template", "postgres"]
QUESTION = "Why isn't my ticket fixed in 4 hours?"


def client_posts(platform: Platform) -> list[str]:
    return [p.text for p in platform.posts() if p.where == "client"]


async def test_a_500_on_the_reply_then_the_redelivery_is_answered_exactly_once(
    platform: Platform,
) -> None:
    # The platform kept the post although it answered 500: the client already sees it,
    # so neither a second post nor the twin event / retry may answer again.
    platform.fail_next_reply(stored=True)
    await platform.say(QUESTION)
    await platform.settle()
    await platform.redeliver()
    await platform.settle()
    [answer] = client_posts(platform)  # and no apology for an error the client never saw
    assert "response" in answer.lower() and "Sorry" not in answer
    assert len(await platform.app.store.interactions.rows()) == 1


@pytest.fixture
async def outage(pg_migrated: str) -> AsyncIterator[tuple[TcpProxy, str]]:
    """PostgreSQL reached through a proxy that can be cut (the database going away)."""
    url = make_url(pg_migrated)
    proxy = TcpProxy(target_port=url.port or 5432, target_host=url.host or "127.0.0.1")
    await proxy.start()
    yield proxy, url.set(port=proxy.port).render_as_string(hide_password=False)
    await proxy.stop()


@pytest.fixture
def settings(outage: tuple[TcpProxy, str], index_dir: Path) -> Settings:
    return Settings(database_url=outage[1], index_dir=index_dir)


@pytest.mark.usefixtures("settings")
async def test_an_answer_waits_out_a_database_outage_and_goes_out_once(
    platform: Platform, outage: tuple[TcpProxy, str], caplog: pytest.LogCaptureFixture,
) -> None:
    proxy, _url = outage
    await proxy.cut()  # the message is accepted while the database is away
    await platform.say(QUESTION)
    await until(lambda: "database unavailable" in caplog.text, what="the outage noticed")
    assert client_posts(platform) == []
    await proxy.restore()
    await platform.settle()
    await platform.redeliver()  # the platform's retry after the outage
    await platform.settle()
    [answer] = client_posts(platform)
    assert "response" in answer.lower() and "Sorry" not in answer
    [row] = await platform.app.store.interactions.rows()
    assert row.tenant == platform.client_tenant
