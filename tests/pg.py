"""PostgreSQL for tests: a server on 127.0.0.1:5432 (trust auth), throw-away databases.

Tests that need PostgreSQL take the `postgres` fixture (the admin URL), `pg_database` (a
new empty database) or `pg_migrated` (a new database at the newest schema, copied with
`CREATE DATABASE ... TEMPLATE` from one migrated once per test process) or `pg_seeded`
(the same, plus the bundled knowledge and the example agreements). When no server
answers they are skipped, unless CI=true: then they fail, so a CI run can never pass
without having tested the PostgreSQL backend.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from tests.dbtemplates import seed

TENANT_FILES = sorted((Path(__file__).resolve().parent.parent / "examples" / "tenants")
                      .glob("*.yaml"))
ADMIN_URL = os.environ.get("MSPBOT_TEST_POSTGRES_URL",
                           "postgresql://postgres@127.0.0.1:5432/postgres")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


async def _execute(sql: str, url: str = ADMIN_URL) -> None:
    conn = await asyncpg.connect(url, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def unreachable_reason() -> str | None:
    """None if a PostgreSQL server answers at ADMIN_URL, else why not."""
    try:
        asyncio.run(_execute("SELECT 1"))
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        return f"no PostgreSQL at {ADMIN_URL}: {type(exc).__name__}: {exc}"
    return None


def database_url(name: str, admin_url: str = ADMIN_URL) -> str:
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}"


def create_database(prefix: str = "mspbot_test",
                    template: str | None = None) -> tuple[str, str]:
    """A new database, empty or a copy of `template`: (name, URL). Call from sync code
    (no running event loop). Names are random, so test processes never collide."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    asyncio.run(_execute(f'CREATE DATABASE "{name}"{copy}'))
    return name, database_url(name)


async def _migrate(url: str) -> None:
    from bot.store import Store

    store = await Store.open(url)
    await store.close()  # a template may have no open connection when it is copied


def drop_database(name: str) -> None:
    asyncio.run(_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres() -> str:
    """The admin URL of a reachable server (skip, or fail under CI, when there is none)."""
    reason = unreachable_reason()
    if reason is not None:
        if in_ci():
            pytest.fail(f"{reason} (CI=true: PostgreSQL tests may not be skipped)")
        pytest.skip(reason)
    return ADMIN_URL


@contextlib.contextmanager
def temporary_database(prefix: str = "mspbot_test",
                       template: str | None = None) -> Iterator[tuple[str, str]]:
    """`create_database`, dropped again on the way out: (name, URL)."""
    name, url = create_database(prefix, template)
    try:
        yield name, url
    finally:
        drop_database(name)


@pytest.fixture(scope="session")
def pg_template(postgres: str) -> Iterator[str]:
    """The name of a database at the newest schema, made once per test process."""
    with temporary_database("mspbot_template") as (name, url):
        asyncio.run(_migrate(url))
        yield name


@pytest.fixture
def pg_migrated(pg_template: str) -> Iterator[str]:
    """A fresh database at the newest schema for one test; yields its URL."""
    with temporary_database(template=pg_template) as (_, url):
        yield url


@pytest.fixture
def pg_database(postgres: str) -> Iterator[str]:
    """A fresh database for one test, dropped afterwards; yields its postgresql:// URL."""
    with temporary_database() as (_, url):
        yield url


@pytest.fixture(scope="session")
def pg_seeded_template(pg_template: str) -> Iterator[str]:
    """A database at the newest schema holding what `mspbot tenants import
    examples/tenants/*.yaml` leaves in a new one, made once per test process."""
    with temporary_database("mspbot_seeded", template=pg_template) as (name, url):
        asyncio.run(seed(url, TENANT_FILES))
        yield name


@pytest.fixture
def pg_seeded(pg_seeded_template: str) -> Iterator[str]:
    """A fresh copy of `pg_seeded_template` for one test; yields its URL."""
    with temporary_database(template=pg_seeded_template) as (_, url):
        yield url
