"""One answer's context, computed once per message and handed to every step after it."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.models import InboundMessage
from bot.tenants.agreement import Tenant

Turn = tuple[str, str]  # (speaker, text), speaker "client" or "bot"


@dataclass(frozen=True)
class AnswerContext:
    message: InboundMessage
    text: str  # the message text, stripped
    tenant: Tenant | None
    history: Sequence[Turn] = ()  # earlier turns of this conversation, oldest first
    query: str = ""  # what retrieval searches for (a follow-up reads with its turns)
    started: float = field(default_factory=time.monotonic)  # when the message arrived

    @property
    def tenant_slug(self) -> str | None:
        return self.tenant.slug if self.tenant is not None else None

    def elapsed(self) -> float:
        return time.monotonic() - self.started
