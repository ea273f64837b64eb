"""The "talk to a person" button (platform-neutral workflow): one hand-off per answer, and
a click while an earlier click's alert is still on its way is not told it went through."""

from __future__ import annotations

import asyncio

from bot.core.models import InboundMessage, Role
from bot.core.ports import StaffAlert
from bot.service.app import App
from bot.workflows.clicks import person_for_answer
from bot.workflows.feedback import Clicker

ACME = "slack:T0ACMEDENT"


class GatedStaff:
    """A staff channel whose posts wait until the test lets them through."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.go = asyncio.Event()
        self.accept = True
        self.alerts: list[StaffAlert] = []

    async def alert(self, alert: StaffAlert) -> bool:
        self.alerts.append(alert)
        self.started.set()
        await self.go.wait()
        return self.accept


async def test_a_click_during_the_first_clicks_alert_claims_nothing(app: App) -> None:
    reply = await app.bot.handle(InboundMessage(
        text="why isn't my email fixed yet? it's been 4 hours", platform="slack",
        user_id="U1", org=ACME, channel="C0ACMESUPP", thread="1.0", key="Ev1"))
    assert reply.interaction_id is not None
    clicker = Clicker(platform="slack", user_id="U1", role=Role.CLIENT, org=ACME)
    staff = GatedStaff()

    async def click() -> tuple[str, bool, bool]:
        handed = await person_for_answer(app.bot.handoff, app.bot.tenants,
                                         reply.interaction_id, clicker, staff)
        return handed.text, handed.notified, handed.already

    first = asyncio.create_task(click())
    await asyncio.wait_for(staff.started.wait(), 10)
    text, notified, already = await click()  # the first alert is still in flight
    assert already and not notified
    assert "right now" in text and "already has this one" not in text and "call" in text
    staff.accept = False
    staff.go.set()
    assert (await first)[1] is False  # nobody was told ...
    staff.accept = True
    text, notified, already = await click()  # ... so the next click tries again
    assert notified and not already and len(staff.alerts) == 2
    text, notified, already = await click()
    assert already and notified and "already has this one" in text
    assert len(staff.alerts) == 2
