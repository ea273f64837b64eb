"""Databases for the store tests: an empty one per test on each backend, and the URL of
the same database for a second process (a replica)."""

from __future__ import annotations

from tests.pg import pg_database, pg_migrated, pg_template, postgres

__all__ = ["pg_database", "pg_migrated", "pg_template", "postgres"]
