"""`mspbot stats`: answers, fallbacks and LLM tokens from the interaction log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from bot.cli.common import echo_json, run
from bot.core.models import ComposerKind
from bot.service.settings import Settings
from bot.store import Store


async def collect(store: Store, since: dt.datetime | None = None,
                  tenant: str | None = None) -> dict[str, Any]:
    figures = await store.interactions.stats(since, tenant)
    composers = figures.composers
    answers = sum(composers.values())
    fallbacks = sum(n for name, n in composers.items() if ComposerKind(name).is_fallback)
    llm_calls = figures.llm_calls
    return {
        "interactions": sum(figures.actions.values()),
        "actions": dict(sorted(figures.actions.items())),
        "answers": answers,
        "answers_by_composer": dict(sorted(composers.items())),
        "fallbacks": fallbacks,
        "fallback_share": round(fallbacks / answers, 4) if answers else 0.0,
        "prompt_tokens": figures.prompt_tokens,
        "completion_tokens": figures.completion_tokens,
        "prompt_tokens_per_llm_answer": round(figures.prompt_tokens / llm_calls, 1)
        if llm_calls else 0,
        "top_fallback_reasons": [{"reason": r, "count": n} for r, n in figures.fallback_reasons],
    }


async def _stats(days: int | None, tenant: str | None) -> dict[str, Any]:
    store = await Store.open(Settings.from_env().database_url)
    try:
        since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days) if days else None
        return await collect(store, since, tenant)
    finally:
        await store.close()


@click.command()
@click.option("--days", type=click.IntRange(min=1), help="Only the last DAYS days.")
@click.option("--tenant", help="Only this client.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(days: int | None, tenant: str | None, as_json: bool) -> None:
    """Answers, curated fallbacks and LLM token use."""
    figures = run(_stats(days, tenant))
    if as_json:
        echo_json(figures)
        return
    click.echo(f"interactions: {figures['interactions']}  "
               + "  ".join(f"{a}: {n}" for a, n in figures["actions"].items()))
    click.echo(f"answers: {figures['answers']}  "
               + "  ".join(f"{c}: {n}" for c, n in figures["answers_by_composer"].items()))
    click.echo(f"fallbacks: {figures['fallbacks']} ({figures['fallback_share']:.1%} of answers)")
    click.echo(f"tokens: {figures['prompt_tokens']} prompt + {figures['completion_tokens']} "
               f"completion ({figures['prompt_tokens_per_llm_answer']} prompt tokens per "
               "LLM answer)")
    for item in figures["top_fallback_reasons"]:
        click.echo(f"  {item['count']:>5}  {item['reason']}")
