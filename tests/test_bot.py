"""The whole pipeline through Bot.handle, on the bundled knowledge and example agreements."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.models import Action, Button, InboundMessage, Reason
from bot.core.ports import StaffAlert
from bot.service.app import App

FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."
OFFICE_DOWN = "Our whole office is down, nobody can log in"


async def test_answer_cites_response_vs_resolution_and_records(app: App) -> None:
    reply = await app.bot.handle(InboundMessage(text=FIX_TIME))
    assert reply.action is Action.ANSWER
    assert "response-vs-resolution" in reply.citations[0].topics
    assert 0 < reply.confidence <= 1
    assert reply.buttons == (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON)
    rows = await app.store.interactions.rows()
    assert [(r.id, r.action, r.entries_used) for r in rows] == [
        (reply.interaction_id, "answer", [reply.citations[0].id])
    ]


async def test_known_tenant_hears_its_own_response_targets(app: App) -> None:
    reply = await app.bot.handle(InboundMessage(text=FIX_TIME, tenant="acme-dental"))
    assert "4 business hours" in reply.text and "1 hour, around the clock" in reply.text
    other = await app.bot.handle(InboundMessage(text=FIX_TIME, tenant="brightpath-legal"))
    assert "30 minutes, 24/7" in other.text and "around the clock" not in other.text
    generic = await app.bot.handle(InboundMessage(text=FIX_TIME))
    assert "Acme" not in generic.text and "30 minutes" not in generic.text


async def test_tenant_resolved_from_platform_identity(app: App) -> None:
    slack = InboundMessage(text=FIX_TIME, platform="slack", channel="C0ACMESUPP", thread="1.2")
    assert (await app.bot.handle(slack)).tenant == "acme-dental"
    teams = InboundMessage(text=FIX_TIME, platform="teams",
                           org="teams:6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4c21")
    assert (await app.bot.handle(teams)).tenant == "brightpath-legal"
    stranger = InboundMessage(text=FIX_TIME, platform="slack", org="slack:T_UNKNOWN")
    assert (await app.bot.handle(stranger)).tenant is None


@dataclass
class Staff:
    """A staff channel that records alerts and answers as told."""

    delivered: bool = True
    alerts: list[StaffAlert] = field(default_factory=list)

    async def alert(self, alert: StaffAlert) -> bool:
        self.alerts.append(alert)
        return self.delivered


async def test_an_emergency_alerts_staff_and_says_so(app: App) -> None:
    staff = Staff()
    reply = await app.bot.handle(InboundMessage(text=OFFICE_DOWN, tenant="acme-dental"), staff)
    assert reply.action is Action.ESCALATE and reply.reason is Reason.EMERGENCY
    assert "+1 312 555 0142" in reply.text and "I've alerted" in reply.text
    assert reply.staff_notified
    assert [(a.reason, a.message.text, a.tenant) for a in staff.alerts] == [
        (Reason.EMERGENCY, OFFICE_DOWN, "acme-dental")]


async def test_a_failed_alert_is_never_reported_as_sent(app: App) -> None:
    reply = await app.bot.handle(InboundMessage(text=OFFICE_DOWN, tenant="acme-dental"),
                                 Staff(delivered=False))
    assert reply.action is Action.ESCALATE and not reply.staff_notified
    assert "couldn't alert anyone" in reply.text and "alerted" not in reply.text.replace(
        "couldn't alert", "")
    assert "+1 312 555 0142" in reply.text


async def test_without_a_staff_channel_nobody_is_said_to_be_told(app: App) -> None:
    reply = await app.bot.handle(InboundMessage(text=OFFICE_DOWN))
    assert reply.action is Action.ESCALATE and not reply.staff_notified
    assert "I've alerted" not in reply.text
    assert "your IT provider" not in reply.text  # the MSP itself is the IT provider


async def test_decline_and_clarify(app: App) -> None:
    decline = await app.bot.handle(InboundMessage(text="write me a poem about the sea"))
    assert decline.action is Action.DECLINE and decline.citations == ()
    clarify = await app.bot.handle(InboundMessage(text="help"))
    assert clarify.action is Action.CLARIFY and clarify.text.endswith("?")


async def test_empty_and_huge_messages(app: App) -> None:
    assert (await app.bot.handle(InboundMessage(text="   "))).action is Action.CLARIFY
    huge = await app.bot.handle(InboundMessage(text="why " * 12_500))  # 50,000 characters
    assert huge.action is Action.CLARIFY and huge.reason is Reason.TOO_LONG
    buried = await app.bot.handle(InboundMessage(text="x " * 3000 + OFFICE_DOWN))
    assert buried.action is Action.ESCALATE


async def test_gaps_collect_weak_questions_most_frequent_first(app: App) -> None:
    for text in ["write me a poem", "Write me a poem", "help", FIX_TIME]:
        await app.bot.handle(InboundMessage(text=text))
    gaps = await app.store.interactions.gaps(low_confidence=0.45)
    assert [(g.normalized, g.count) for g in gaps] == [("write me a poem", 2), ("help", 1)]


async def test_conversation_turns_are_kept_per_thread(app: App) -> None:
    message = InboundMessage(text=FIX_TIME, platform="slack", channel="C1", thread="1.0")
    await app.bot.handle(message)
    turns = await app.store.conversations.recent("slack:C1:1.0", None)
    assert [speaker for speaker, _ in turns] == ["client", "bot"]
    assert await app.store.conversations.bot_has_spoken("slack:C1:1.0")
    assert not await app.store.conversations.bot_has_spoken("slack:C1:2.0")
