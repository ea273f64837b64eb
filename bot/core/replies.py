"""Fixed wording for the actions that are not knowledge answers (templates, like entries)."""

from __future__ import annotations

from bot.knowledge.templating import render
from bot.tenants.agreement import Tenant

_CONTACT = (
    "{% if tenant %}call {{ tenant.emergency_contact }}{% else %}call your IT provider's "
    "emergency line{% endif %}"
)

ESCALATE = {
    "emergency": (
        "That sounds serious, so I'm getting a person on it now instead of explaining. "
        "I've flagged it to {{ msp }} as an emergency. Please don't wait on this chat: "
        + _CONTACT
        + " now and say it's an emergency.{% if tenant %} (Outside business hours: "
        "{{ tenant.coverage.after_hours }}.){% endif %} Meanwhile, if it could be a security "
        "problem, unplug the affected computer from the network but leave it switched on, "
        "and don't type any more passwords."
    ),
    "human": (
        "Of course. I've asked {{ msp }} to pick this up with you directly, and a person will "
        "reply here. If it can't wait, " + _CONTACT + "."
    ),
    "staff-only": (
        "That needs a person on the team: I can't see tickets or change accounts and "
        "settings myself. I've passed your message to {{ msp }} and someone will reply here."
        "{% if tenant %} Your agreement's response targets are "
        "{{ tenant.response_targets | as_targets }}.{% endif %} If it's urgent, " + _CONTACT + "."
    ),
}

DECLINE = (
    "I'm only set up to help with questions about your IT service, like how support works, "
    "what's covered and what to expect, so I'll leave that one alone. Anything about your "
    "computers, email or agreement, ask away."
)

CLARIFY = (
    "I'd like to help. Can you tell me a little more: what are you trying to do, what happens "
    "instead, and is it just you or everyone?"
)

TOO_LONG = (
    "That's a long message. Could you send the main question in a few sentences? If "
    "something is broken right now, say what it is and who it affects."
)


def escalation_text(reason: str, tenant: Tenant | None, msp: str) -> str:
    return _fill(ESCALATE.get(reason, ESCALATE["human"]), tenant, msp)


def _fill(template: str, tenant: Tenant | None, msp: str) -> str:
    return render(template.replace("{{ msp }}", msp), tenant)
