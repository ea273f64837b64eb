"""Fixtures for tests that run real `mspbot serve` processes on one database."""

from __future__ import annotations

from tests.pg import pg_database, pg_seeded, pg_seeded_template, pg_template, postgres

__all__ = ["pg_database", "pg_seeded", "pg_seeded_template", "pg_template", "postgres"]
