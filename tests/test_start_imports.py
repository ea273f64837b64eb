"""What a process imports to start: a question from the terminal, and a server's set-up,
pay only for the libraries they use (each one listed here costs 20-250 ms to import).

Each check runs in a fresh interpreter, since this test process has imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TENANT_FILES

ROOT = Path(__file__).resolve().parents[1]
FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."
# Fitting, other databases' drivers, HTTP clients and platform SDKs, the staff console's
# crypto, the LLM client: none answers a question from the terminal on SQLite.
NOT_FOR_A_QUESTION = ("sklearn", "scipy", "bm25s", "sqlalchemy.dialects.postgresql",
                      "asyncpg", "alembic", "aiohttp", "openai", "slack_bolt",
                      "microsoft_agents", "argon2", "jwt", "holidays")
PLATFORM_SDKS = ("slack_bolt", "microsoft_agents", "argon2", "jwt", "jinja2")


def _loaded(code: str, names: tuple[str, ...], env: dict[str, str] | None = None) -> list[str]:
    """Which of `names` are in sys.modules after running `code` in a fresh interpreter."""
    script = f"{code}\nimport sys\nprint(__import__('json').dumps(" \
             f"sorted(m for m in {names!r} if m in sys.modules)))\n"
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    found: list[str] = json.loads(run.stdout.strip().splitlines()[-1])
    return found


def test_importing_the_ask_command_imports_no_heavy_library_it_does_not_use() -> None:
    assert _loaded("import bot.cli.ask", (*NOT_FOR_A_QUESTION, "jinja2")) == []


def test_a_question_from_the_terminal_imports_only_what_it_uses(home: Path) -> None:
    env = {**os.environ, "MSPBOT_HOME": str(home)}
    env.pop("MSPBOT_DATABASE_URL", None)
    env.pop("MSPBOT_PSA", None)
    subprocess.run([sys.executable, "-m", "bot", "tenants", "import", *map(str, TENANT_FILES)],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    ask = ("import sys\n"
           f"sys.argv = ['mspbot', 'ask', {FIX_TIME!r}]\n"
           "from bot.cli import main\n"
           "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n")
    _loaded(ask, (), env)  # the first run may fit and save the index
    assert _loaded(ask, NOT_FOR_A_QUESTION, env) == []


def test_reading_the_server_settings_imports_no_platform_sdk() -> None:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "MICROSOFT_", "MSPBOT_TEAMS", "MSPBOT_CONSOLE"))}
    code = ("from aiohttp import web\n"
            "import adapters.sections, adapters.server\n"
            "from adapters import teams\n"
            "adapters.server.configured_platforms()\n"
            "teams.register(web.Application(), None)  # Teams off: adds nothing\n")
    assert _loaded(code, PLATFORM_SDKS, env) == []
