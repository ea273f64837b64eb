"""Block Kit: what the Slack renderers produce, type-checked with Slack's own TypeScript
types (@slack/types) by `tsc --noEmit --strict`.

Every rendered message becomes `export const caseN: KnownBlock[] = <its blocks>;` and
every modal `... : ModalView = <the view>;` in one .ts file. Object literals get
TypeScript's excess-property check, so a misspelt field, a wrong element type, a value
outside a literal union or a missing required field is an error at that line."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.validators import corpus
from tests.validators.conftest import NODE_MODULES, Node

SLACK_TYPES = NODE_MODULES / "@slack" / "types"
_DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?)\((?P<line>\d+),(?P<col>\d+)\): error (?P<text>TS\d+: .*)$")

Case = tuple[str, Any]  # (the TypeScript type, the value)


def cases() -> dict[str, Case]:
    out: dict[str, Case] = {f"message/{name}": ("KnownBlock[]", blocks)
                            for name, blocks in corpus.slack_messages().items()}
    out.update({f"modal/{name}": ("ModalView", view)
                for name, view in corpus.slack_modals().items()})
    return out


CASES = cases()


@dataclass
class Checked:
    """tsc's errors per case, and those on no case's lines (which concern every case)."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)
    exit_code: int = 0


def typecheck(node: Node, folder: Path, cases: Mapping[str, Case]) -> Checked:
    """Write `cases` into folder/blocks.ts with their Slack types, run tsc on it."""
    lines = [f"import type {{ KnownBlock, ModalView }} from {json.dumps(str(SLACK_TYPES))};", ""]
    spans: dict[str, range] = {}
    for number, (name, (ts_type, value)) in enumerate(cases.items()):
        body = json.dumps(value, indent=2, ensure_ascii=False).splitlines()
        body[0] = f"export const case{number}: {ts_type} = {body[0]}"
        body[-1] += ";"
        lines.append(f"// {name}")
        start = len(lines) + 1  # tsc counts lines from 1
        lines.extend(body)
        spans[name] = range(start, len(lines) + 1)
        lines.append("")
    source = folder / "blocks.ts"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = node.tsc(source)
    checked = Checked(errors={name: [] for name in cases}, exit_code=done.returncode)
    current: list[str] | None = None
    for raw in done.stdout.splitlines():
        match = _DIAGNOSTIC.match(raw)
        if match is None:  # a message's continuation lines are indented
            if current is not None and raw.strip():
                current[-1] += " " + raw.strip()
            elif raw.strip():
                checked.elsewhere.append(raw.strip())
            continue
        line = int(match["line"])
        owner = next((name for name, span in spans.items() if line in span), None)
        text = f"line {line - spans[owner].start + 1 if owner else line}: {match['text']}" \
            + f"\n      {lines[line - 1].strip()}"
        current = checked.errors[owner] if owner else checked.elsewhere
        current.append(text)
    if done.returncode != 0 and not any(checked.errors.values()) and not checked.elsewhere:
        checked.elsewhere.append(f"tsc exited {done.returncode}: {done.stderr.strip()}")
    return checked


@pytest.fixture(scope="module")
def checked(node: Node, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    return typecheck(node, tmp_path_factory.mktemp("block-kit"), CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_rendered_block_kit_has_slacks_types(checked: Checked, name: str) -> None:
    problems = checked.elsewhere + checked.errors[name]
    assert not problems, f"{name} ({CASES[name][0]}):\n  " + "\n  ".join(problems)


def test_tsc_rejects_broken_blocks(node: Node, tmp_path: Path) -> None:
    """The check can fail: each of these is wrong in a way Slack's API refuses."""
    section = {"type": "section", "text": {"type": "mrkdown", "text": "a typo in the type"}}
    button = {"type": "actions", "elements": [
        {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "a",
         "colour": "primary"}]}
    header = {"type": "header", "text": {"type": "mrkdwn", "text": "headers are plain text"}}
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": [],
             "callback_id": 7}
    broken: dict[str, Case] = {
        "section with a misspelt text type": ("KnownBlock[]", [section]),
        "button with an unknown field": ("KnownBlock[]", [button]),
        "header with mrkdwn": ("KnownBlock[]", [header]),
        "modal with a numeric callback_id": ("ModalView", modal),
    }
    result = typecheck(node, tmp_path, broken)
    assert result.exit_code != 0
    assert not result.elsewhere, result.elsewhere
    for name, errors in result.errors.items():
        assert errors, f"tsc accepted the {name}"
    assert any("mrkdown" in e for e in result.errors["section with a misspelt text type"])
    assert any("colour" in e for e in result.errors["button with an unknown field"])
