"""`mspbot eval`: run an evaluation set through the batch path and print the figures."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from bot.cli.common import echo_json, run
from bot.core.models import ComposerKind, InboundMessage, Reply
from bot.data.evaluation import Case, EvalFileError, Report, load_cases
from bot.data.resources import bundled_eval
from bot.service.app import open_app
from bot.service.settings import Settings, SettingsError


def reason_kind(note: str) -> str:
    """'guard: promise not in the agreement (...)' -> 'guard: promise not in the agreement'."""
    head, _, rest = note.partition(": ")
    if head == "guard":
        return f"guard: {rest.split(' (')[0].split(':')[0]}"
    return head or "unknown"


@dataclass
class ComposerFigures:
    """How the answers were written: LLM answers that passed the guard, fallbacks, tokens."""

    answers: int = 0
    composers: Counter[str] = field(default_factory=Counter)
    fallback_reasons: Counter[str] = field(default_factory=Counter)
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, reply: Reply) -> None:
        self.prompt_tokens += int(reply.extras.get("prompt_tokens", 0))
        self.completion_tokens += int(reply.extras.get("completion_tokens", 0))
        if reply.action.value != "answer":
            return
        self.answers += 1
        self.composers[reply.composer.value] += 1
        if reply.composer.is_fallback:
            self.fallback_reasons[reason_kind(reply.extras.get("composer_note", ""))] += 1

    @property
    def fallbacks(self) -> int:
        return sum(n for c, n in self.composers.items() if ComposerKind(c).is_fallback)

    @property
    def guard_passed(self) -> int:
        return sum(n for c, n in self.composers.items() if ComposerKind(c).by_llm)

    def share(self, n: int) -> float:
        return n / self.answers if self.answers else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "composers": dict(sorted(self.composers.items())),
            "guard_passed_share": round(self.share(self.guard_passed), 4),
            "fallback_share": round(self.share(self.fallbacks), 4),
            "fallback_reasons": dict(self.fallback_reasons.most_common()),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "prompt_tokens_per_answer": round(self.prompt_tokens / self.answers, 1)
            if self.answers else 0.0,
        }


def eval_settings(composer: str | None) -> Settings:
    settings = Settings.from_env()
    if composer is None or composer == settings.composer:
        return settings.model_copy(update={"llm": settings.llm.model_copy(update={"cache": False})})
    if composer == "llm" and not settings.llm.configured:
        raise SettingsError("--composer llm needs MSPBOT_LLM_BASE_URL, MSPBOT_LLM_API_KEY / "
                            "OPENAI_API_KEY or MSPBOT_LLM_AZURE_ENDPOINT")
    # Measure the model, not the cache.
    return settings.model_copy(update={
        "composer": "llm" if composer == "llm" else "curated",
        "llm": settings.llm.model_copy(update={"cache": False})})


async def evaluate(cases: list[Case], settings: Settings | None = None,
                   concurrency: int = 1) -> tuple[Report, ComposerFigures]:
    report, figures = Report(), ComposerFigures()
    limit = asyncio.Semaphore(concurrency)
    async with open_app(settings, record=False) as app:
        known = {t.slug for t in await app.store.tenants.all()}

        async def one(case: Case) -> Reply:
            async with limit:
                tenant = case.tenant if case.tenant in known else None
                return await app.bot.handle(InboundMessage(text=case.text, tenant=tenant,
                                                           platform="eval"))

        tasks = [asyncio.ensure_future(one(case)) for case in cases]
        with click.progressbar(length=len(cases), label="evaluating", file=sys.stderr) as bar:
            for done in asyncio.as_completed(tasks):
                await done
                bar.update(1)
        for case, task in zip(cases, tasks, strict=True):
            reply = task.result()
            topics = list(reply.citations[0].topics) if reply.citations else []
            report.add(case, reply.action.value, topics, reply.reason.value)
            figures.add(reply)
    return report, figures


@click.command(name="eval")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--composer", type=click.Choice(["curated", "llm"]),
              help="Compose answers this way (default: MSPBOT_COMPOSER).")
@click.option("--concurrency", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Questions in flight at once (an LLM endpoint may rate-limit).")
def eval_command(file: Path | None, as_json: bool, composer: str | None,
                 concurrency: int) -> None:
    """Run evaluation FILE (default: the bundled set) and print accuracy figures."""
    path = file or bundled_eval() / "questions.jsonl"
    try:
        cases = load_cases(path)
    except EvalFileError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        settings = eval_settings(composer)
    except SettingsError as exc:
        raise click.ClickException(f"configuration: {exc}") from None
    report, figures = run(evaluate(cases, settings, concurrency))
    if as_json:
        echo_json({**report.as_dict(), "composer": settings.composer,
                   "composition": figures.as_dict()})
        return
    click.echo(f"evaluation set: {path} ({report.total} questions), composer: "
               f"{settings.composer}")
    click.echo(f"top-1 topic accuracy: {report.topic_accuracy:.3f} "
               f"({report.topic_hits}/{report.topic_total})")
    for action in sorted(report.action_totals):
        click.echo(f"{action:>9} accuracy (recall): {report.recall(action):.3f} "
                   f"({report.action_hits[action]}/{report.action_totals[action]})")
    if report.emergencies:
        click.echo(f"emergencies caught: {report.emergency_recall:.3f} "
                   f"({report.emergencies_caught}/{report.emergencies})")
    if report.action_totals["answer"]:
        click.echo(f"answers wrongly escalated: {report.answers_escalated_share:.3f} "
                   f"({report.answers_escalated}/{report.action_totals['answer']})")
    if settings.composer == "llm":
        data = figures.as_dict()
        click.echo(f"answers passing the guard: {data['guard_passed_share']:.1%}, "
                   f"curated fallbacks: {data['fallback_share']:.1%} of {figures.answers}")
        for reason, n in figures.fallback_reasons.most_common(5):
            click.echo(f"  {n:>4}  {reason}")
        click.echo(f"tokens: {figures.prompt_tokens} prompt + {figures.completion_tokens} "
                   f"completion ({data['prompt_tokens_per_answer']} prompt tokens per answer)")
    if report.confusions:
        click.echo("confusions:")
        for line in report.confusions:
            click.echo(f"  {line}")
