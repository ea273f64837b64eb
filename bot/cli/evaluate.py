"""`mspbot eval`: run an evaluation set through the batch path and print the figures."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.app import open_app
from bot.cli.common import echo_json, run
from bot.evaluation import Case, EvalFileError, Report, load_cases
from bot.models import InboundMessage
from bot.resources import bundled_eval


async def evaluate(cases: list[Case]) -> Report:
    report = Report()
    async with open_app(record=False) as app:
        known = {t.slug for t in await app.store.list_tenants()}
        with click.progressbar(cases, label="evaluating", file=sys.stderr) as bar:
            for case in bar:
                tenant = case.tenant if case.tenant in known else None
                reply = await app.bot.handle(InboundMessage(text=case.text, tenant=tenant,
                                                            platform="eval"))
                topics = list(reply.citations[0].topics) if reply.citations else []
                report.add(case, reply.action.value, topics)
    return report


@click.command(name="eval")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_command(file: Path | None, as_json: bool) -> None:
    """Run evaluation FILE (default: the bundled set) and print accuracy figures."""
    path = file or bundled_eval() / "questions.jsonl"
    try:
        cases = load_cases(path)
    except EvalFileError as exc:
        raise click.ClickException(str(exc)) from None
    report = run(evaluate(cases))
    if as_json:
        echo_json(report.as_dict())
        return
    click.echo(f"evaluation set: {path} ({report.total} questions)")
    click.echo(f"top-1 topic accuracy: {report.topic_accuracy:.3f} "
               f"({report.topic_hits}/{report.topic_total})")
    for action in sorted(report.action_totals):
        click.echo(f"{action:>9} accuracy (recall): {report.recall(action):.3f} "
                   f"({report.action_hits[action]}/{report.action_totals[action]})")
    if report.confusions:
        click.echo("confusions:")
        for line in report.confusions:
            click.echo(f"  {line}")
