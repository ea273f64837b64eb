"""What the intake decided a message needs, and why."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import Action, Reason


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: Reason
