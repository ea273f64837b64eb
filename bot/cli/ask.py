"""`mspbot ask` (one question, or a JSON-lines batch) and `mspbot chat`."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from adapters import console
from bot.cli.common import echo_json, run
from bot.core.models import InboundMessage, Reply
from bot.service.app import App, open_app


async def _require_tenant(app: App, slug: str | None) -> None:
    if slug is not None and await app.store.tenants.get(slug) is None:
        raise click.UsageError(f"unknown tenant '{slug}': import it with `mspbot tenants import`")


def _check_question(text: str, limit: int) -> str:
    text = text.strip()
    if not text:
        raise click.UsageError("the question is empty")
    if len(text) > limit:
        raise click.UsageError(
            f"the question is {len(text)} characters long; the limit is {limit} "
            "(MSPBOT_MAX_MESSAGE_CHARS)"
        )
    return text


@click.command()
@click.argument("question", required=False)
@click.option("--tenant", help="Client slug: answers quote that client's agreement.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--jsonl", is_flag=True, help="Batch: JSON lines on stdin, one result per line.")
def ask(question: str | None, tenant: str | None, as_json: bool, jsonl: bool) -> None:
    """Answer QUESTION (or, with --jsonl, every line on standard input)."""
    if jsonl:
        if question is not None:
            raise click.UsageError("--jsonl reads questions from standard input; drop QUESTION")
        failures = run(_batch(sys.stdin, sys.stdout, tenant))
        if failures:
            raise SystemExit(1)
        return
    if question is None:
        raise click.UsageError("give a QUESTION, or use --jsonl to read many from stdin")
    reply = run(_one(question, tenant))
    if as_json:
        echo_json(reply.as_dict())
    else:
        click.echo(console.render(reply))


async def _one(question: str, tenant: str | None) -> Reply:
    async with open_app() as app:
        await _require_tenant(app, tenant)
        text = _check_question(question, app.settings.max_message_chars)
        return await app.bot.handle(InboundMessage(text=text, platform="cli", tenant=tenant))


def _parse_line(line: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(item, dict):
        raise ValueError(f"line {number}: expected an object with a 'text' field")
    if not isinstance(item.get("text"), str) or not item["text"].strip():
        raise ValueError(f"line {number}: 'text' must be a non-empty string")
    if item.get("tenant") is not None and not isinstance(item["tenant"], str):
        raise ValueError(f"line {number}: 'tenant' must be a string")
    return item


async def _batch(source: TextIO, sink: TextIO, default_tenant: str | None) -> int:
    """Answer each line in order; a bad line gets an error object. Returns the failures."""
    failures = 0
    async with open_app() as app:
        await _require_tenant(app, default_tenant)
        known = {t.slug for t in await app.store.tenants.all()}
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            out: dict[str, Any] = {}
            try:
                item = _parse_line(line, number)
                out = {"id": item["id"]} if "id" in item else {}
                slug = item.get("tenant") or default_tenant
                if slug is not None and slug not in known:
                    raise ValueError(f"line {number}: unknown tenant '{slug}'")
                text = item["text"].strip()
                if len(text) > app.settings.max_message_chars:
                    raise ValueError(f"line {number}: text longer than the limit")
                reply = await app.bot.handle(InboundMessage(text=text, platform="cli", tenant=slug))
                out.update(reply.as_dict())
            except ValueError as exc:
                failures += 1
                out["error"] = str(exc)
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
            sink.flush()
    return failures


@click.command()
@click.option("--tenant", help="Client slug: answers quote that client's agreement.")
def chat(tenant: str | None) -> None:
    """An interactive conversation in the terminal (Ctrl-D or 'quit' to leave)."""
    run(_chat(tenant))


async def _chat(tenant: str | None) -> None:
    async with open_app() as app:
        await _require_tenant(app, tenant)
        who = f" for {tenant}" if tenant else ""
        click.echo(f"mspbot{who}: ask me why something isn't fixed yet, what's covered, "
                   "or anything about how your IT support works. 'quit' leaves.")
        last: Reply | None = None
        while True:
            try:
                line = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
            except (EOFError, click.Abort):
                click.echo()
                return
            if line.strip().lower() in {"quit", "exit", "bye"}:
                return
            if line.strip() in {"/helpful", "/unhelpful"} and last and last.interaction_id:
                value = "helpful" if line.strip() == "/helpful" else "not_helpful"
                await app.store.interactions.vote(last.interaction_id, "console-user", value)
                click.echo("Thanks, noted.")
                continue
            if line.strip() == "/person":
                line = "I'd like to talk to a person"
            message = console.translate(line, tenant)
            if message is None:
                continue
            if len(message.text) > app.settings.max_message_chars:
                click.echo("That's too long for me; please send the main question briefly.")
                continue
            last = await app.bot.handle(message)
            click.echo(console.render(last))
