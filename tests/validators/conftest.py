"""The official validators are npm packages in tools/validate/ (`npm ci --prefix
tools/validate`, which `make test` and CI run). Without Node.js or those packages the
tests here skip with the reason; under CI=true they fail instead, so CI cannot pass
without running them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
VALIDATE = ROOT / "tools" / "validate"
NODE_MODULES = VALIDATE / "node_modules"
PACKAGES = ("typescript", "@slack/types", "adaptivecards", "@microsoft/teams-manifest",
            "@microsoft/app-manifest")
TIMEOUT_S = 300


def unavailable(reason: str) -> NoReturn:
    """Skip, except in CI (CI=true), where a validator that cannot run is a failure."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1"):
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


class ValidatorError(RuntimeError):
    """A validator runner crashed or printed something that is not its JSON report."""


@dataclass(frozen=True)
class Node:
    """Node.js with the validator packages of tools/validate/."""

    executable: str

    def run(self, args: list[str], stdin: str = "",
            cwd: Path = VALIDATE) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.executable, *args], input=stdin, capture_output=True,
                              text=True, cwd=cwd, timeout=TIMEOUT_S, check=False)

    def report(self, script: str, payload: Any) -> Any:
        """Run tools/validate/<script> with `payload` as JSON on stdin; its JSON answer."""
        done = self.run([str(VALIDATE / script)], json.dumps(payload, ensure_ascii=False))
        if done.returncode != 0:
            raise ValidatorError(f"{script} exited {done.returncode}: {done.stderr.strip()}")
        try:
            return json.loads(done.stdout)
        except ValueError:
            raise ValidatorError(f"{script} printed no JSON: {done.stdout[:500]!r}") from None

    def tsc(self, source: Path) -> subprocess.CompletedProcess[str]:
        """`tsc --noEmit --strict` on one file; diagnostics on stdout, one a line. It runs
        in the file's folder: from tools/validate/ tsc would load every @types package there
        (@types/node among them), three times slower and beside the point."""
        return self.run([
            str(NODE_MODULES / "typescript" / "bin" / "tsc"), "--noEmit", "--strict",
            "--target", "es2020", "--module", "commonjs", "--moduleResolution", "node10",
            "--pretty", "false", "--noErrorTruncation", str(source),
        ], cwd=source.parent)


@pytest.fixture(scope="session")
def node() -> Node:
    executable = shutil.which("node")
    if executable is None:
        unavailable("Node.js is not installed; the official validators are npm packages")
    missing = [p for p in PACKAGES if not (NODE_MODULES / p / "package.json").exists()]
    if missing:
        unavailable(f"{', '.join(missing)} not installed: run `npm ci --prefix tools/validate`")
    return Node(executable)
