"""mspbot: answers MSP clients' expectation questions from a curated knowledge base.

Names are imported lazily so that `mspbot --help` does not load the database stack.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Action", "Bot", "Button", "Citation", "InboundMessage", "Reply", "Role"]


def __getattr__(name: str) -> Any:
    if name == "Bot":
        from bot.core.bot import Bot

        return Bot
    if name in __all__:
        from bot.core import models

        return getattr(models, name)
    raise AttributeError(name)
