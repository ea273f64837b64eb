"""Fixed wording for the replies that are not knowledge answers.

Every sentence about what happened is conditional on it having happened: a hand-off
says a person was alerted only when the staff channel confirmed the post.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import Reason
from bot.knowledge.templating import as_targets
from bot.tenants.agreement import Tenant


@dataclass(frozen=True)
class Voice:
    """Who the bot speaks for, and the number to give when the client is unknown."""

    msp: str = "the support team"
    emergency_contact: str | None = None  # MSPBOT_EMERGENCY_CONTACT: the MSP's own line

    @property
    def msp_title(self) -> str:
        """The MSP's name as a sentence starts it ("The support team has been alerted.")."""
        return self.msp[:1].upper() + self.msp[1:]

    def contact(self, tenant: Tenant | None) -> str:
        """How to reach a person right now."""
        if tenant is not None:
            return tenant.emergency_contact
        if self.emergency_contact:
            return self.emergency_contact
        return f"{self.msp} on their emergency phone number"


_SECURITY_TIP = (" Meanwhile, if it could be a security problem, unplug the affected computer "
                 "from the network but leave it switched on, and don't type any more passwords.")


def escalation(reason: Reason, tenant: Tenant | None, voice: Voice, *, notified: bool) -> str:
    contact = voice.contact(tenant)
    if reason is Reason.EMERGENCY:
        after = (f" (Outside business hours: {tenant.coverage.after_hours}.)"
                 if tenant is not None else "")
        if notified:
            return ("That sounds serious, so I'm getting a person on it now instead of "
                    f"explaining: I've alerted {voice.msp} that this is an emergency. Please "
                    f"also call {contact} now and say it's an emergency.{after}{_SECURITY_TIP}")
        return ("That sounds serious. I couldn't alert anyone from here, so please call "
                f"{contact} now and say it's an emergency.{after}{_SECURITY_TIP}")
    if reason is Reason.HUMAN:
        if notified:
            return (f"Of course. I've asked {voice.msp} to pick this up with you directly, and "
                    f"a person will reply. If it can't wait, call {contact}.")
        return (f"Of course. I couldn't reach {voice.msp} from here, so please call {contact}, "
                "and a person will take it from there.")
    targets = (f" Your agreement's response targets are "
               f"{as_targets(tenant.response_targets)}." if tenant is not None else "")
    if notified:
        return ("That needs a person on the team: I can't change accounts, devices or settings "
                f"myself. I've passed your message to {voice.msp} and someone will get back to "
                f"you.{targets} If it's urgent, call {contact}.")
    return ("That needs a person on the team: I can't change accounts, devices or settings "
            f"myself, and I couldn't pass your message on from here. Please contact "
            f"{voice.msp} directly: call {contact}.{targets}")


DECLINE = (
    "I'm only set up to help with questions about your IT service, like how support works, "
    "what's covered and what to expect, so I'll leave that one alone. Anything about your "
    "computers, email or agreement, ask away."
)

CLARIFY = (
    "I'd like to help. Can you tell me a little more: what are you trying to do, what happens "
    "instead, and is it just you or everyone?"
)

def what_i_do(voice: Voice) -> str:
    return (
        f"I'm {voice.msp}'s help assistant. Tell me what's wrong and I'll log it for the "
        "team with a priority and tell you when a technician will reply under your "
        "agreement; ask me how support works and I'll explain; and if something is urgent "
        "I'll get a person at once. For example: \"the printer in reception won't print\", "
        "\"why isn't my ticket fixed yet?\", \"is the weekend covered?\", \"what counts "
        "as an emergency?\", or \"I need to talk to a person\". What can I help you with?"
    )


# What a client can ask first (title, message): the platforms offer them as suggested
# prompts / prompt starters. Slack shows at most four.
STARTER_PROMPTS: tuple[tuple[str, str], ...] = (
    ("Why isn't it fixed yet?", "Why isn't my ticket fixed yet?"),
    ("What's an emergency?", "What counts as an emergency?"),
    ("Weekend cover", "Is the weekend covered by our agreement?"),
    ("Report a problem", "Something isn't working and I'd like to report it."),
)


def welcome(voice: Voice) -> str:
    """The first thing a client sees when they open a conversation with the bot."""
    return (f"Hi, I'm {voice.msp}'s help assistant. I can explain how your support works "
            "(response times, what's covered, what counts as an emergency), log a problem "
            "for the team with a priority, and pass you to a person whenever you'd rather "
            "talk to one. What can I help you with?")


NOTED = ("Thanks for letting us know. If anything else needs doing, or it plays up again, "
         "just say so here.")

THANKS = ("You're welcome. Ticket #{ticket} is with the team; reply here if anything "
          "changes or gets worse.")

TOO_LONG = (
    "That's a long message. Could you send the main question in a few sentences? If "
    "something is broken right now, say what it is and who it affects."
)


def limited(scope: str, tenant: Tenant | None, voice: Voice) -> str:
    who = "you're" if scope == "user" else "your team is"
    return (f"Sorry, {who} sending messages faster than I can answer. Please wait a minute "
            f"and ask again. If something is urgent, don't wait for me: call "
            f"{voice.contact(tenant)}.")


VOTE_REFUSED = "Sorry, I couldn't record that: it isn't an answer I gave your team."


def vote_thanks(helpful: bool) -> str:
    """What the person who voted sees (only them), the same on every platform."""
    if helpful:
        return "Thanks, glad it helped. Your feedback is recorded."
    return ("Thanks for telling me; that's recorded, and the team reviews answers that "
            "missed. If you still need help, ask for a person.")
