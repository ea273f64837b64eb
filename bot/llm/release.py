"""Releasing an LLM answer while it is written, without ever showing what the guard would
refuse (the guard is bot/llm/guard.py; released text cannot be taken back).

At each sentence end the whole text so far is judged as if it were the answer; when it
passes, the new part is released. So every prefix shown has passed the guard on its own:
it cites a retrieved entry, cites nothing it was not given, promises nothing the agreement
lacks. The guard's renumbering of [n] markers follows first use, so it never changes a
marker already shown. When a later sentence fails, nothing more is released and the
answer ends with what was shown; when nothing had passed, the caller falls back to the
curated answer, released whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.llm.guard import Verdict, check
from bot.tenants.agreement import Tenant

# Where a sentence (or a clause the guard also splits on) may end: punctuation followed
# by whitespace, or a line break. "99.9%" has no whitespace after its full stop.
_BOUNDARY = re.compile(r"[.!?;:]+\s+|\n+")


@dataclass
class GuardedRelease:
    given: int  # how many numbered entries the model was shown
    tenant: Tenant | None
    raw: str = ""  # everything the model wrote so far
    released_raw: str = ""  # the model's text behind what was released
    released: str = ""  # what was released (renumbered, as the client sees it)
    refused: str = ""  # why the release stopped ("" while it goes on)
    _checked: int = 0  # raw up to here has been judged

    def feed(self, delta: str) -> str:
        """Take more model text; return what may be shown now ("" for nothing)."""
        self.raw += delta
        if self.refused:
            return ""
        end = None
        for match in _BOUNDARY.finditer(self.raw, self._checked):
            end = match.end()
        if end is None:
            return ""
        self._checked = end
        return self._try(self.raw[:end])

    def finish(self, whole: str | None) -> str:
        """The model is done. `whole` is the guard-approved full answer (None when the
        whole was refused or the model failed). Returns the last part to release."""
        if whole is not None and not self.refused and whole.startswith(self.released):
            tail = whole[len(self.released):]
            self.released_raw, self.released = self.raw, whole
            return tail
        return ""

    def _try(self, candidate: str) -> str:
        verdict: Verdict = check(candidate, self.given, self.tenant)
        if not verdict.ok:
            if self.released:  # shown text cited well, so this is a promise or bad citation
                self.refused = verdict.reason
            return ""
        if not verdict.text.startswith(self.released):  # never rewrite what was shown
            self.refused = "the guard's text no longer extends what was shown"
            return ""
        chunk = verdict.text[len(self.released):]
        self.released_raw, self.released = candidate, verdict.text
        return chunk
