"""`mspbot tenants ...`: client agreements."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from bot.cli.common import run
from bot.service.app import open_app
from bot.store import StoreError
from bot.tenants.agreement import Tenant, load_tenant_file


@click.group()
def tenants() -> None:
    """Import and inspect client agreements (one YAML file per client)."""


@tenants.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_(files: tuple[Path, ...]) -> None:
    """Import agreement FILES (all are checked before any is stored)."""
    async def go() -> None:
        async with open_app() as app:
            for tenant in parsed:
                await app.store.tenants.put(tenant)

    try:
        parsed = [load_tenant_file(path) for path in files]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    run(go())
    for tenant in parsed:
        click.echo(f"imported {tenant.slug} ({tenant.name})")


@tenants.command(name="list")
def list_() -> None:
    """List agreements: slug, plan, name."""

    async def go() -> list[Tenant]:
        async with open_app() as app:
            return await app.store.tenants.all()

    for tenant in run(go()):
        click.echo(f"{tenant.slug:<28} {tenant.plan:<24} {tenant.name}")


@tenants.command()
@click.argument("slug")
def show(slug: str) -> None:
    """Print one agreement as YAML."""

    async def go() -> Tenant:
        async with open_app() as app:
            tenant = await app.store.tenants.get(slug)
        if tenant is None:
            raise StoreError(f"no tenant '{slug}'")
        return tenant

    data = run(go()).model_dump(mode="json")
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)
