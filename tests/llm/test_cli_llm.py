"""`mspbot ask / eval / stats` with MSPBOT_COMPOSER=llm against a fake server (in a thread,
since the CLI runs its own event loop)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.llm.fakeserver import Fail, FakeOpenAI, Say

ROOT = Path(__file__).resolve().parents[2]
TENANTS = sorted(str(p) for p in (ROOT / "examples" / "tenants").glob("*.yaml"))
FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."


def mspbot(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def threaded_fake() -> Iterator[FakeOpenAI]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    fake = asyncio.run_coroutine_threadsafe(FakeOpenAI().start(), loop).result(10)
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture
def llm_env(home: Path, threaded_fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    for name, value in {"MSPBOT_COMPOSER": "llm", "MSPBOT_LLM_BASE_URL": threaded_fake.url,
                        "MSPBOT_LLM_MODEL": "fake", "MSPBOT_LLM_DEADLINE_S": "1.5",
                        "MSPBOT_LLM_TIMEOUT_S": "0.5"}.items():
        monkeypatch.setenv(name, value)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MSPBOT_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert mspbot("tenants", "import", *TENANTS).exit_code == 0
    return threaded_fake


def test_ask_answers_through_the_llm_and_stats_count_it(llm_env: FakeOpenAI) -> None:
    llm_env.enqueue(Say("Response times are about when work starts [1].", 500, 20),
                    *[Fail(500)] * 10)
    answer = json.loads(mspbot("ask", "--json", "--tenant", "acme-dental", FIX_TIME).stdout)
    assert answer["text"] == "Response times are about when work starts [1]."
    assert answer["citations"]
    down = json.loads(mspbot("ask", "--json", "Why do updates break things?").stdout)
    assert down["action"] == "answer" and "[1]" not in down["text"]  # curated, still answered
    figures = json.loads(mspbot("stats", "--json").stdout)
    assert figures["answers"] == 2 and figures["fallbacks"] == 1
    assert figures["answers_by_composer"] == {"curated-fallback": 1, "llm": 1}
    assert figures["prompt_tokens"] == 500 and figures["completion_tokens"] == 20
    assert "http-500" in figures["top_fallback_reasons"][0]["reason"]
    text = mspbot("stats").stdout
    assert "fallbacks: 1 (50.0% of answers)" in text and "500 prompt + 20 completion" in text


def test_eval_with_the_llm_composer_reports_guard_and_tokens(
    llm_env: FakeOpenAI, tmp_path: Path
) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "text": FIX_TIME, "action": "answer", "topic": "response-vs-resolution"},
        {"id": "b", "text": "Why do you block websites?", "action": "answer",
         "topic": "security-friction"},
        {"id": "c", "text": "our server has ransomware", "action": "escalate"},
    ]) + "\n")
    llm_env.responder = lambda body: Say("It will be fixed within 1 hour [1].") \
        if "block" in body["messages"][-1]["content"] else Say("Work starts soon [1].", 100, 10)
    result = mspbot("eval", "--composer", "llm", "--json", "--concurrency", "1", str(cases))
    figures = json.loads(result.stdout)
    composition = figures["composition"]
    assert figures["composer"] == "llm"
    assert composition["answers"] == 2
    assert composition["guard_passed_share"] == 0.5 and composition["fallback_share"] == 0.5
    assert composition["fallback_reasons"] == {"guard: promise not in the agreement": 1}
    assert composition["prompt_tokens"] >= 100
    text = mspbot("eval", "--composer", "llm", str(cases)).stdout
    assert "answers passing the guard: 50.0%" in text


def test_eval_with_llm_but_no_endpoint_is_a_clear_error(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("MSPBOT_LLM_BASE_URL", "OPENAI_BASE_URL", "OPENAI_API_KEY", "MSPBOT_LLM_API_KEY",
                 "MSPBOT_COMPOSER", "AZURE_OPENAI_ENDPOINT", "MSPBOT_LLM_AZURE_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(cli, ["eval", "--composer", "llm"])
    assert result.exit_code != 0 and "needs MSPBOT_LLM_BASE_URL" in result.output
