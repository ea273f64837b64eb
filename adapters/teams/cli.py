"""`mspbot teams ...`: set-up commands for Microsoft Teams."""

from __future__ import annotations

from pathlib import Path

import click

from adapters.teams.package import AppInfo, PackageError, manifest, write_package


@click.group()
def teams() -> None:
    """Microsoft Teams set-up."""


@teams.command("package")
@click.option("--bot-id", envvar="MICROSOFT_APP_ID", required=True,
              help="The bot's Microsoft app (client) id. [env: MICROSOFT_APP_ID]")
@click.option("--msp-name", envvar="MSPBOT_MSP_NAME", required=True,
              help="Your company's name, shown as the developer. [env: MSPBOT_MSP_NAME]")
@click.option("--website", envvar="MSPBOT_MSP_WEBSITE", required=True,
              help="https URL of your website. [env: MSPBOT_MSP_WEBSITE]")
@click.option("--privacy-url", help="https URL of your privacy notice [default: WEBSITE/privacy]")
@click.option("--terms-url", help="https URL of your terms of use [default: WEBSITE/terms]")
@click.option("--name", "short_name", default="IT Help", show_default=True,
              help="The app's short name in Teams (up to 30 characters).")
@click.option("--version", "app_version", default="1.0.0", show_default=True,
              help="Raise it for every package you upload again.")
@click.option("--accent-color", default="#2B579A", show_default=True)
@click.option("--app-id", help="The Teams app id (a GUID) [default: derived from the bot id]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("mspbot-teams.zip"), show_default=True)
@click.option("--print-manifest", is_flag=True, help="Also print manifest.json.")
def package(
    bot_id: str, msp_name: str, website: str, privacy_url: str | None, terms_url: str | None,
    short_name: str, app_version: str, accent_color: str, app_id: str | None, output: Path,
    print_manifest: bool,
) -> None:
    """Write the Teams app package (manifest.json, color.png, outline.png) as a zip."""
    site = website.rstrip("/")
    info = AppInfo(
        bot_id=bot_id.strip().lower(), msp_name=msp_name, website=website,
        privacy_url=privacy_url or f"{site}/privacy", terms_url=terms_url or f"{site}/terms",
        short_name=short_name, version=app_version, accent_color=accent_color,
        app_id=app_id.strip().lower() if app_id else None,
    )
    try:
        path = write_package(info, output)
    except PackageError as exc:
        raise click.ClickException(str(exc)) from None
    if print_manifest:
        import json

        click.echo(json.dumps(manifest(info), indent=2))
    click.echo(f"wrote {path} (upload it in Teams: Apps > Manage your apps > Upload an app)",
               err=True)
