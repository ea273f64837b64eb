"""The command line, as staff and scripts use it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.data.resources import bundled_knowledge
from tests.conftest import TENANT_FILES

FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."
ROOT_TENANT = TENANT_FILES[0]  # acme-dental


def mspbot(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def with_tenants(home: Path) -> Path:
    result = mspbot("tenants", "import", *map(str, TENANT_FILES))
    assert result.exit_code == 0, result.output
    return home


def test_ask_json_shape_and_tenant_quote(with_tenants: Path) -> None:
    plain = json.loads(mspbot("ask", "--json", FIX_TIME).stdout)
    assert set(plain) == {"action", "text", "citations", "confidence"}
    assert plain["action"] == "answer"
    assert "response-vs-resolution" in plain["citations"][0]["topics"]
    quoted = json.loads(mspbot("ask", "--json", "--tenant", "acme-dental", FIX_TIME).stdout)
    assert "4 business hours" in quoted["text"]
    down = json.loads(mspbot("ask", "--json", "--tenant", "acme-dental",
                             "Our whole office is down, nobody can log in").stdout)
    assert down["action"] == "escalate" and "+1 312 555 0142" in down["text"]


@pytest.mark.parametrize(("args", "message"), [
    (["ask", ""], "the question is empty"),
    (["ask", "x" * 50_000], "the limit is 4000"),
    (["ask", "--tenant", "nobody", "hello"], "unknown tenant 'nobody'"),
    (["ask"], "give a QUESTION"),
])
def test_ask_rejects_bad_input_with_exit_2(home: Path, args: list[str], message: str) -> None:
    result = mspbot(*args)
    assert result.exit_code == 2 and message in result.output


def test_batch_keeps_order_ids_and_reports_bad_lines(with_tenants: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": FIX_TIME, "tenant": "acme-dental"}),
        "not json",
        json.dumps({"id": "c", "text": "tell me a joke"}),
        json.dumps({"id": "d", "text": "hi", "tenant": "ghost"}),
        json.dumps({"text": "what does managed services actually mean?"}),
    ]
    result = mspbot("ask", "--jsonl", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1  # two bad lines
    assert [o.get("id") for o in out] == ["a", None, "c", "d", None]
    assert out[0]["action"] == "answer" and "4 business hours" in out[0]["text"]
    assert "not JSON" in out[1]["error"] and "unknown tenant" in out[3]["error"]
    assert out[2]["action"] == "decline"
    assert out[4]["citations"][0]["topics"][0] == "what-managed-means"


@pytest.fixture
def no_saved_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """MSPBOT_INDEX_DIR=off: a knowledge change refits no saved index afterwards (seconds of
    fitting that tests of the change itself do not look at; test_index_artifact does)."""
    monkeypatch.setenv("MSPBOT_INDEX_DIR", "off")


def test_kb_import_is_all_or_nothing(home: Path, tmp_path: Path, no_saved_index: None) -> None:
    folder = tmp_path / "entries"
    shutil.copytree(bundled_knowledge(), folder)
    good = (folder / "not-the-cable-company.md").read_text()
    (folder / "zz-new.md").write_text(good.replace("id: not-the-cable-company", "id: zz-new"))
    (folder / "zz-bad.md").write_text(good.replace("id: not-the-cable-company", "id: zz-bad")
                                      .replace("topics: [", "topics: [made-up-topic, "))
    result = mspbot("kb", "import", str(folder))
    assert result.exit_code == 1
    assert "zz-bad.md" in result.output and "made-up-topic" in result.output
    listing = mspbot("kb", "list").stdout
    assert "zz-new" not in listing and "not-the-cable-company" in listing

    (folder / "zz-bad.md").write_text(": : not yaml [")
    assert "zz-bad.md" in mspbot("kb", "import", str(folder)).output
    (folder / "zz-bad.md").unlink()
    ok = mspbot("kb", "import", str(folder))
    assert ok.exit_code == 0 and "1 new or changed" in ok.stdout


def test_edit_history_revert_retire_via_cli(home: Path, tmp_path: Path,
                                            no_saved_index: None) -> None:
    original = mspbot("kb", "show", "what-managed-means").stdout
    changed = tmp_path / "edit.md"
    changed.write_text(original.replace("status: published", "status: draft"))
    assert mspbot("kb", "edit", "what-managed-means", "--file", str(changed),
                  "--actor", "sam").exit_code == 0
    history = mspbot("kb", "history", "what-managed-means").stdout.splitlines()
    assert len(history) == 2 and "sam" in history[1]
    assert mspbot("kb", "revert", "what-managed-means", "1", "--actor", "sam").exit_code == 0
    assert "status: published" in mspbot("kb", "show", "what-managed-means").stdout
    assert mspbot("kb", "retire", "what-managed-means").exit_code == 0
    assert mspbot("kb", "list", "--status", "retired").stdout.startswith("what-managed-means")
    assert mspbot("kb", "revert", "what-managed-means", "99").exit_code == 1


def test_export_jsonl_has_every_field(home: Path) -> None:
    rows = [json.loads(line) for line in mspbot("kb", "export").stdout.splitlines()]
    assert len(rows) >= 20
    assert set(rows[0]) == {"id", "title", "questions", "topics", "audience", "tenants",
                            "status", "updated", "body"}


def test_lint_finds_problems(tmp_path: Path, home: Path) -> None:
    folder = tmp_path / "lintme"
    folder.mkdir()
    base = (bundled_knowledge() / "what-managed-means.md").read_text()
    (folder / "a.md").write_text(base)
    (folder / "b.md").write_text(base.replace("id: what-managed-means", "id: bb")
                                 .replace("---\n", "---\n", 1) + "\n{{ tenant.nope }}\n")
    result = mspbot("kb", "lint", str(folder))
    assert result.exit_code == 1
    assert "duplicate question" in result.output and "fails to render" in result.output
    assert mspbot("kb", "lint").exit_code == 0


def test_gaps_lists_weak_questions(home: Path) -> None:
    for text in ["sing me a song", "sing me a song", "??"]:
        mspbot("ask", text)
    rows = [json.loads(line) for line in mspbot("kb", "gaps", "--json").stdout.splitlines()]
    assert [(r["question"], r["count"]) for r in rows] == [("sing me a song", 2), ("??", 1)]


def test_tenants_import_rejects_bad_files(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("slug: x\nname: [unclosed\n")
    result = mspbot("tenants", "import", str(bad))
    assert result.exit_code == 1 and "bad.yaml: invalid YAML" in result.output
    missing = tmp_path / "missing.yaml"
    missing.write_text("slug: ok-slug\nname: Someone\n")
    result = mspbot("tenants", "import", str(missing))
    assert result.exit_code == 1 and "coverage" in result.output
    assert mspbot("tenants", "list").stdout == ""


def test_eval_prints_figures(home: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in [
        {"id": "1", "text": FIX_TIME, "action": "answer", "topic": "response-vs-resolution"},
        {"id": "2", "text": "tell me a joke", "action": "decline", "topic": None},
        {"id": "3", "text": "tell me a joke", "action": "answer", "topic": "small-team"},
    ]))
    report = json.loads(mspbot("eval", str(cases), "--json").stdout)
    assert report["topic_accuracy_top1"] == 0.5
    assert report["action_accuracy"] == {"answer": 0.5, "decline": 1.0}
    assert any(c.startswith("3: expected answer, got decline") for c in report["confusions"])


def test_console_script_runs_as_a_process(home: Path) -> None:
    exe = Path(sys.executable).with_name("mspbot")
    assert exe.exists(), "the package installs an `mspbot` console script"
    done = subprocess.run([str(exe), "ask", "--json", FIX_TIME], capture_output=True,
                          text=True, timeout=60, check=True)
    assert json.loads(done.stdout)["action"] == "answer"


def test_chat_conversation_with_feedback(with_tenants: Path) -> None:
    script = f"{FIX_TIME}\n/helpful\n\ntell me a joke\nquit\n"
    result = mspbot("chat", "--tenant", "acme-dental", stdin=script)
    assert result.exit_code == 0
    assert "4 business hours" in result.stdout
    assert "Thanks, noted." in result.stdout
    assert "only set up to help with questions about your IT service" in result.stdout


def test_chat_ends_cleanly_at_end_of_input(home: Path) -> None:
    result = mspbot("chat", stdin="")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("mspbot: ask me") and lines[-1].startswith("you>")
    assert "Traceback" not in result.output and "Error" not in result.output


def test_every_command_has_a_summary_and_loads() -> None:
    from bot.cli import COMMANDS, SUMMARIES

    assert set(SUMMARIES) == set(COMMANDS)
    listing = mspbot("--help").stdout
    for name in COMMANDS:
        assert f"{name} " in listing and SUMMARIES[name] in listing
        result = mspbot(name, "--help")
        assert result.exit_code == 0
        assert result.stdout.startswith(f"Usage: cli {name}") and "Options:" in result.stdout


def test_tickets_are_listed_shown_and_closed(with_tenants: Path) -> None:
    asked = mspbot("ask", "--json", "--tenant", "acme-dental",
                   "the printer in reception stopped printing")
    ticket = json.loads(asked.stdout)["ticket"]
    listed = [json.loads(line) for line in
              mspbot("tickets", "list", "--json").stdout.splitlines()]
    assert [(t["id"], t["priority"], t["tenant"]) for t in listed] == [
        (ticket["id"], ticket["priority"], "acme-dental")]
    shown = json.loads(mspbot("tickets", "show", str(ticket["id"]), "--json").stdout)
    assert shown["history"][0]["kind"] == "created"
    assert shown["description"] == "the printer in reception stopped printing"
    closed = mspbot("tickets", "close", str(ticket["id"]), "--note", "new fuser",
                    "--actor", "sam")
    assert closed.exit_code == 0 and f"closed #{ticket['id']}" in closed.stdout
    assert mspbot("tickets", "list", "--json").stdout == ""
    again = mspbot("tickets", "close", str(ticket["id"]))
    assert again.exit_code == 1 and "closed already" in again.output
    missing = mspbot("tickets", "show", "999")
    assert missing.exit_code == 1 and "no ticket #999" in missing.output


def test_an_agreement_whose_hours_cannot_be_read_is_refused(home: Path, tmp_path: Path) -> None:
    text = (ROOT_TENANT.read_text(encoding="utf-8")
            .replace('"Mon-Fri 07:30-18:00 Central"', '"whenever Bob is in"'))
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = mspbot("tenants", "import", str(bad))
    assert result.exit_code == 1
    assert "whenever Bob is in" in result.output and str(bad) in result.output
    structured = tmp_path / "structured.yaml"
    structured.write_text(text.replace('business_hours: "whenever Bob is in"',
                                       "business_hours: {days: [mon, tue, wed, thu, fri], "
                                       'open: "08:00", close: "16:30"}'), encoding="utf-8")
    assert mspbot("tenants", "import", str(structured)).exit_code == 0
