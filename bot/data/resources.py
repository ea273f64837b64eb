"""Where the shipped knowledge, prompts and evaluation set live: in the repository
checkout, or under `bot/_data/` inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # bot/


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder '{name}' is missing from this installation")


def bundled_knowledge() -> Path:
    return _find("knowledge")


def bundled_prompts() -> Path:
    return _find("prompts")


def bundled_eval() -> Path:
    return _find("eval")


def bundled_training() -> Path | None:
    """Labelled client messages for the classifiers (optional: a build may ship none)."""
    try:
        return _find("training")
    except FileNotFoundError:
        return None
