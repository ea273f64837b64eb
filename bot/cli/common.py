"""Shared CLI plumbing: running the async core and turning known errors into clean exits."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from typing import Any, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError

from bot.knowledge.entries import EntryError
from bot.knowledge.templating import TemplateError
from bot.service.settings import SettingsError
from bot.store import StoreError
from bot.store.engine import DatabaseURLError
from bot.tenants.agreement import TenantError

T = TypeVar("T")
_INPUT_ERRORS = (EntryError, TenantError, StoreError, TemplateError)
_SETUP_ERRORS = (SettingsError, DatabaseURLError)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine; known errors become a one-line message and a non-zero exit."""
    try:
        return asyncio.run(coro)
    except _INPUT_ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    except _SETUP_ERRORS as exc:
        raise click.ClickException(f"configuration: {exc}") from None
    except SQLAlchemyError as exc:
        raise click.ClickException(f"database error: {exc.__class__.__name__}: {exc}") from None


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))
