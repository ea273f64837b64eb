"""Reports become tickets through Bot.handle: the expectation set from the client's own
agreement, the truthful hand-off, follow-ups, re-prioritising, and the JSON contract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from bot.core.models import Action, InboundMessage, Reason, Role
from bot.core.ports import StaffAlert
from bot.core.replies import Voice
from bot.service.app import App
from bot.workflows.clicks import more_urgent
from bot.workflows.feedback import Clicker

PRINTER = "the printer in reception stopped printing"
RANSOM = ("every file on the server has a strange extension and there is a note asking for "
          "bitcoin, what does that mean?")
# Thursday 3 December 2026, 09:00 in Chicago (Acme's zone); Saturday 5 December 10:00.
THURSDAY_9AM = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
SATURDAY_10AM = dt.datetime(2026, 12, 5, 16, 0, tzinfo=dt.UTC)


@dataclass
class Staff:
    delivered: bool = True
    alerts: list[StaffAlert] = field(default_factory=list)

    async def alert(self, alert: StaffAlert) -> bool:
        self.alerts.append(alert)
        return self.delivered


def at(app: App, when: dt.datetime) -> None:
    app.bot.handoff.clock = lambda: when


def in_thread(text: str, key: str, thread: str = "1.1") -> InboundMessage:
    return InboundMessage(text=text, platform="slack", user_id="U1", channel="C0ACMESUPP",
                          thread=thread, key=key, org="slack:T0ACMEDENT")


async def test_a_report_gets_a_ticket_and_a_time_inside_business_hours(app: App) -> None:
    at(app, THURSDAY_9AM)
    staff = Staff()
    reply = await app.bot.handle(InboundMessage(text=PRINTER, tenant="acme-dental"), staff)
    assert reply.action is Action.ESCALATE and reply.reason is Reason.REQUEST
    assert reply.ticket is not None and reply.ticket.priority == "P3"
    # P3 is "1 business day": the same clock time the next business day, in Chicago
    assert reply.ticket.response_due == "2026-12-04T09:00-06:00"
    assert "a technician will reply by 09:00 tomorrow" in reply.text
    assert "(P3: 1 business day)" in reply.text
    assert "The support team has been alerted." in reply.text  # a sentence starts capitalised
    assert "screenshot of the error" in reply.text  # the details the report lacked
    [alert] = staff.alerts
    assert alert.ticket is not None and alert.ticket.id == reply.ticket.id
    assert alert.due_text == "by 09:00 tomorrow"
    stored = await app.store.tickets.get(reply.ticket.id)
    assert stored is not None and stored.staff_notified is True and stored.is_open
    assert stored.response_due == dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)


async def test_outside_hours_the_clock_starts_at_opening(app: App) -> None:
    at(app, SATURDAY_10AM)
    reply = await app.bot.handle(InboundMessage(text=PRINTER, tenant="acme-dental"), Staff())
    assert reply.ticket is not None and reply.ticket.response_due == "2026-12-08T07:30-06:00"
    assert "outside your support hours (Mon-Fri 07:30-18:00 Central)" in reply.text


async def test_an_emergency_asked_as_a_question_is_p1_around_the_clock(app: App) -> None:
    at(app, SATURDAY_10AM)
    staff = Staff()
    reply = await app.bot.handle(InboundMessage(text=RANSOM, tenant="acme-dental"), staff)
    assert reply.action is Action.ESCALATE and reply.reason is Reason.EMERGENCY
    assert reply.ticket is not None and reply.ticket.priority == "P1"
    assert reply.ticket.response_due == "2026-12-05T11:00-06:00"  # 1 hour, around the clock
    assert "+1 312 555 0142" in reply.text and "I've alerted" in reply.text
    assert [a.reason for a in staff.alerts] == [Reason.EMERGENCY]


async def test_when_the_staff_post_fails_the_reply_says_so(app: App) -> None:
    at(app, THURSDAY_9AM)
    reply = await app.bot.handle(InboundMessage(text=PRINTER, tenant="acme-dental"),
                                 Staff(delivered=False))
    assert not reply.staff_notified
    assert "couldn't alert" in reply.text and "has been alerted" not in reply.text
    assert "call +1 312 555 0142" in reply.text
    assert reply.ticket is not None
    stored = await app.store.tickets.get(reply.ticket.id)
    assert stored is not None and stored.staff_notified is False


async def test_a_follow_up_is_a_note_not_a_second_ticket_or_alert(app: App) -> None:
    at(app, THURSDAY_9AM)
    staff = Staff()
    first = await app.bot.handle(in_thread(PRINTER, "k1"), staff)
    assert first.ticket is not None
    details = await app.bot.handle(in_thread("it says paper jam in tray 2 but there is no "
                                             "paper stuck", "k2"), staff)
    assert details.ticket is not None and details.ticket.id == first.ticket.id
    assert "added that to ticket" in details.text and len(staff.alerts) == 1
    thanks = await app.bot.handle(in_thread("thanks!", "k3"), staff)
    assert f"Ticket #{first.ticket.id} is with the team" in thanks.text
    question = await app.bot.handle(in_thread("is the weekend covered by our plan?", "k4"),
                                    staff)
    assert question.action is Action.ANSWER and len(staff.alerts) == 1
    assert len(await app.store.tickets.find()) == 1
    events = [e.kind for e in await app.store.tickets.events(first.ticket.id)]
    assert events == ["created", "staff-notified", "note"]


async def test_saying_it_got_worse_raises_the_priority_and_tells_staff(app: App) -> None:
    at(app, THURSDAY_9AM)
    staff = Staff()
    first = await app.bot.handle(in_thread(PRINTER, "k1"), staff)
    assert first.ticket is not None and first.ticket.priority == "P3"
    worse = await app.bot.handle(in_thread("now none of the three of us can print and "
                                           "the invoices have to go out today", "k2"), staff)
    assert worse.ticket is not None and worse.ticket.priority == "P2"
    assert worse.ticket.response_due == "2026-12-03T13:00-06:00"  # 4 business hours
    assert "raised ticket" in worse.text and "from P3 to P2" in worse.text
    assert len(staff.alerts) == 2 and staff.alerts[1].ticket is not None
    assert staff.alerts[1].ticket.priority == "P2"


async def test_the_more_urgent_button_raises_once_per_click_for_its_own_client(
    app: App,
) -> None:
    at(app, THURSDAY_9AM)
    reply = await app.bot.handle(in_thread(PRINTER, "k1"), Staff())
    assert reply.ticket is not None
    stranger = Clicker(platform="slack", user_id="U9", role=Role.CLIENT,
                       org="slack:T0OTHER")
    refused = await more_urgent(app.bot.handoff, app.bot.tenants, reply.ticket.id, stranger,
                                Staff())
    assert refused.refused
    own = Clicker(platform="slack", user_id="U1", role=Role.CLIENT, org="slack:T0ACMEDENT")
    staff = Staff()
    raised = await more_urgent(app.bot.handoff, app.bot.tenants, reply.ticket.id, own, staff)
    assert raised.notified and "from P3 to P2" in raised.text and len(staff.alerts) == 1
    ticket = await app.store.tickets.get(reply.ticket.id)
    assert ticket is not None and ticket.priority == "P2"


async def test_an_unknown_client_hears_the_msps_own_number(app: App) -> None:
    app.bot.voice = app.bot.handoff.voice = Voice("Northwind IT", "+1 555 0100 (24/7)")
    reply = await app.bot.handle(InboundMessage(text="our whole office is down, nobody can "
                                                     "log in"), Staff(delivered=False))
    assert reply.reason is Reason.EMERGENCY
    assert "+1 555 0100 (24/7)" in reply.text and "your IT provider" not in reply.text


@pytest.mark.parametrize("text", ["help", "what can you do?"])
async def test_help_says_what_the_bot_does(app: App, text: str) -> None:
    reply = await app.bot.handle(InboundMessage(text=text))
    assert reply.action is Action.CLARIFY and reply.reason is Reason.HELP
    assert "the printer in reception won't print" in reply.text


async def test_a_follow_up_in_curated_mode_retrieves_for_the_new_question(app: App) -> None:
    first = await app.bot.handle(in_thread("why isn't my email fixed yet? it's been 4 hours",
                                           "k1"))
    assert first.action is Action.ANSWER and "response-vs-resolution" in \
        first.citations[0].topics
    weekends = await app.bot.handle(in_thread("and at weekends?", "k2"))
    assert weekends.action is Action.ANSWER and "after-hours" in weekends.citations[0].topics


async def test_the_json_shape_carries_reason_and_ticket(app: App) -> None:
    at(app, THURSDAY_9AM)
    data = (await app.bot.handle(InboundMessage(text=PRINTER, tenant="acme-dental"))).as_dict()
    assert data["action"] == "escalate" and data["reason"] == "request"
    ticket = data["ticket"]
    assert isinstance(ticket, dict) and set(ticket) == {"id", "priority", "response_due",
                                                        "status"}
    assert ticket["status"] == "open"
    due = dt.datetime.fromisoformat(str(ticket["response_due"]))
    assert due.utcoffset() == dt.timedelta(hours=-6)


async def test_a_new_problem_in_the_same_chat_gets_its_own_ticket_and_alert(app: App) -> None:
    at(app, THURSDAY_9AM)
    staff = Staff()
    first = await app.bot.handle(in_thread(PRINTER, "k1"), staff)
    assert first.ticket is not None
    # a Teams personal chat or a DM is one conversation for life
    emergency = await app.bot.handle(in_thread(RANSOM, "k2"), staff)
    assert emergency.reason is Reason.EMERGENCY and emergency.ticket is not None
    assert emergency.ticket.id != first.ticket.id and emergency.ticket.priority == "P1"
    assert "emergency" in emergency.text and "unplug" in emergency.text
    assert len(staff.alerts) == 2 and staff.alerts[1].reason is Reason.EMERGENCY
    printer = await app.store.tickets.get(first.ticket.id)
    assert printer is not None and printer.priority == "P3"  # the printer's ticket untouched


async def test_saying_it_is_sorted_notes_it_on_the_open_ticket_without_an_alert(
        app: App) -> None:
    at(app, THURSDAY_9AM)
    staff = Staff()
    first = await app.bot.handle(in_thread(PRINTER, "k1"), staff)
    assert first.ticket is not None
    done = await app.bot.handle(in_thread("all sorted now, thanks", "k2"), staff)
    assert done.action is Action.CLARIFY and done.reason is Reason.NOTED
    assert f'noted on ticket #{first.ticket.id} ("{PRINTER}") that it\'s sorted' in done.text
    assert len(staff.alerts) == 1  # nothing needs doing at once
    events = [e.kind for e in await app.store.tickets.events(first.ticket.id)]
    assert events == ["created", "staff-notified", "note"]
    stored = await app.store.tickets.get(first.ticket.id)
    assert stored is not None and stored.is_open  # staff confirm and close it


@pytest.mark.parametrize(("delivered", "says"), [
    (True, "and told the support team"),
    (False, "couldn't tell the support team from here"),
])
async def test_saying_an_urgent_ticket_is_sorted_tells_staff_at_once(
        app: App, delivered: bool, says: str) -> None:
    at(app, THURSDAY_9AM)
    staff = Staff(delivered=delivered)
    first = await app.bot.handle(in_thread("the whole office is down, nobody can log in", "k1"),
                                 staff)
    assert first.ticket is not None and first.ticket.priority == "P1"
    done = await app.bot.handle(in_thread("all sorted now, it's back up, thanks", "k2"), staff)
    assert done.reason is Reason.NOTED and says in done.text
    assert done.staff_notified is delivered
    assert len(staff.alerts) == 2 and staff.alerts[1].resolved
    assert "call" in done.text or delivered  # without the alert, how to reach a person
