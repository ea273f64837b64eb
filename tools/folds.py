"""Cross-validation of the learned layer on the labelled client messages (`training/`).

Each fold leaves some training files out, fits the topic re-ranker and the intent
classifier on the knowledge and the other files, and runs the held-out files' messages
through the production intake (rules, classifiers, retrieval); the figures are pooled
over the folds, per group of files. `--dev` adds the development sets in `eval/`, scored
by the pipeline trained on every training file. The held-out set `eval/questions.jsonl`
is never read here.

    .venv/bin/python tools/folds.py              # leave-one-file-out, real and older files
    .venv/bin/python tools/folds.py --dev        # ... and the development sets
    .venv/bin/python tools/folds.py --only real  # the real-wording files only
    .venv/bin/python tools/folds.py --set TOPIC_WEIGHT=2 --set TOPIC_WEIGHT=4,TOPIC_TEMPERATURE=0.5

Each `--set` is one variant of the query-time constants of `bot.retrieval.index`; every
fold is fitted once and scored under each variant (the current values first), so a sweep
costs little more than one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Sequence

from bot.data import training
from bot.data.evaluation import Case, Report, load_cases
from bot.data.resources import bundled_eval, bundled_knowledge, bundled_training
from bot.knowledge.entries import Entry, load_directory
from bot.knowledge.live import Snapshot
from bot.policy.intake import Intake
from bot.retrieval import index as retrieval_index

DEV_SETS = ("real-dev.jsonl", "dev12.jsonl", "dev4.jsonl")  # never questions.jsonl
OLD_GROUPS = 5  # the older files (dev1-dev11) are left out in this many groups


def summary(report: Report) -> dict[str, float | int]:
    return {"rows": report.total, "topic": round(report.topic_accuracy, 3),
            "escalate": round(report.recall("escalate"), 3),
            "emergencies": round(report.emergency_recall, 3),
            "answers_escalated": round(report.answers_escalated_share, 3),
            "answer": round(report.recall("answer"), 3)}


Variant = dict[str, float]


def parse_variant(text: str) -> Variant:
    """"NAME=VALUE,NAME=VALUE" naming numeric constants of `bot.retrieval.index`."""
    variant: Variant = {}
    for part in filter(None, text.split(",")):
        name, _, value = part.partition("=")
        current = getattr(retrieval_index, name.strip(), None)
        if not name.strip().isupper() or not isinstance(current, int | float):
            raise SystemExit(f"{name!r} is no numeric constant of bot.retrieval.index")
        variant[name.strip()] = float(value)
    return variant


async def score_variants(intake: Intake, cases: Sequence[Case], variants: Sequence[Variant],
                         reports: Sequence[Report]) -> None:
    """Score `cases` once per variant, restoring the constants afterwards."""
    saved = {name: getattr(retrieval_index, name) for v in variants for name in v}
    try:
        for variant, report in zip(variants, reports, strict=True):
            for name, value in {**saved, **variant}.items():
                setattr(retrieval_index, name, value)
            await score(intake, cases, report)
    finally:
        for name, value in saved.items():
            setattr(retrieval_index, name, value)


async def score(intake: Intake, cases: Sequence[Case], report: Report) -> None:
    for case in cases:
        assessed = await intake.assess(case.text, case.tenant)
        decision, found = assessed.decision, assessed.retrieval
        topics = list(found.top.topics) if decision.action.value == "answer" and found.top \
            else []
        report.add(case, decision.action.value, topics, decision.reason.value)


def fold_groups(files: Sequence[str], only: str) -> dict[str, list[list[str]]]:
    real = [f for f in files if f.startswith("real")]
    old = [f for f in files if not f.startswith("real")]
    groups: dict[str, list[list[str]]] = {}
    if only in ("all", "real"):
        groups["real"] = [[f] for f in real]
    if only in ("all", "old"):
        groups["old"] = [old[i::OLD_GROUPS] for i in range(OLD_GROUPS) if old[i::OLD_GROUPS]]
    return groups


async def main(args: argparse.Namespace) -> dict[str, object]:
    folder = bundled_training()
    if folder is None:
        raise SystemExit("no training/ folder")
    variants: list[Variant] = [{}, *(parse_variant(v) for v in args.set or ())]
    entries: list[Entry] = load_directory(bundled_knowledge())
    cases = {p.stem: load_cases(p) for p in sorted(folder.glob("*.jsonl"))}
    reports: dict[str, list[Report]] = {}
    for name, groups in fold_groups(list(cases), args.only).items():
        reports[f"folds-{name}"] = [Report() for _ in variants]
        for left_out in groups:
            kept = [x for f, rows in cases.items() if f not in left_out
                    for x in training.labelled(rows)]
            intake = Intake(Snapshot.fit(entries, labelled=kept))
            await score_variants(intake, [c for f in left_out for c in cases[f]], variants,
                                 reports[f"folds-{name}"])
    if args.dev:
        intake = Intake(Snapshot.fit(entries))
        for name in DEV_SETS:
            reports[name] = [Report() for _ in variants]
            await score_variants(intake, load_cases(bundled_eval() / name), variants,
                                 reports[name])
    if len(variants) == 1:
        return {name: summary(found[0]) for name, found in reports.items()}
    return {",".join(f"{k}={v:g}" for k, v in variant.items()) or "current":
            {name: summary(found[i]) for name, found in reports.items()}
            for i, variant in enumerate(variants)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("all", "real", "old"), default="all")
    parser.add_argument("--dev", action="store_true", help="add the development sets")
    parser.add_argument("--set", action="append", metavar="NAME=VALUE,...",
                        help="a variant of bot.retrieval.index's constants (repeatable)")
    options = parser.parse_args()
    start = time.perf_counter()
    figures = asyncio.run(main(options))
    figures["seconds"] = round(time.perf_counter() - start)
    print(json.dumps(figures, indent=1))
