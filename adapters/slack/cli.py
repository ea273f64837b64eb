"""`mspbot slack ...`: set-up help for connecting a real workspace."""

from __future__ import annotations

import json

import click
import yaml

from adapters.slack.manifest import build_manifest


@click.group()
def slack() -> None:
    """Connect mspbot to Slack (see the README).

    Run it with `mspbot serve`: MSPBOT_SLACK_MODE=socket (needs SLACK_APP_TOKEN, no public
    URL) or http (Slack posts to /slack/events; needs SLACK_SIGNING_SECRET).
    """


@slack.command()
@click.option("--mode", type=click.Choice(["socket", "http"]), default="socket",
              show_default=True, help="Socket Mode (no public URL) or HTTP request URLs.")
@click.option("--url", "base_url", metavar="https://HOST",
              help="Public base URL of `mspbot serve` (HTTP mode); /slack/events is added.")
@click.option("--name", default="MSP Helper", show_default=True, help="The app's name in Slack.")
@click.option("--assistant/--no-assistant", default=False, show_default=True,
              help="Enable Slack's assistant view (thread status while answering in DMs).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of YAML.")
def manifest(mode: str, base_url: str | None, name: str, assistant: bool, as_json: bool) -> None:
    """Print the app manifest to paste at api.slack.com/apps -> Create New App."""
    if mode == "http" and not base_url:
        raise click.UsageError("--mode http needs --url https://your-host")
    if base_url and not base_url.startswith("https://"):
        raise click.UsageError("Slack only calls https:// URLs")
    data = build_manifest(name=name, mode=mode, base_url=base_url, assistant=assistant)
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)
