"""Email-to-ticket against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.psa.email import EmailConfig, EmailTickets, message_id, parse_smtp_url
from bot.psa.types import Priority, PsaPermanentError, PsaTemporaryError, State
from tests.psa.conftest import new_ticket
from tests.psa.fakes.smtp import FakeSmtp

TO = "tickets@msp.example"
FROM = "mspbot@msp.example"


def connector(fake: FakeSmtp, url: str | None = None, **changes: object) -> EmailTickets:
    smtp = parse_smtp_url(url or f"smtp://127.0.0.1:{fake.port}?starttls=off")
    values: dict[str, object] = {**smtp, "to_addr": TO, "from_addr": FROM, "timeout_s": 5.0,
                                 "tls_context": fake.client_tls}
    values.update(changes)
    return EmailTickets(EmailConfig(**values))  # type: ignore[arg-type]


@pytest.fixture
async def smtp() -> AsyncIterator[FakeSmtp]:
    fake = FakeSmtp()
    await fake.start()
    yield fake
    await fake.stop()


async def test_report_arrives_with_deterministic_headers_and_plain_text_body(
        smtp: FakeSmtp) -> None:
    remote = await connector(smtp).create(new_ticket(priority=Priority.P2))

    [got] = smtp.inbox
    msg = got.message
    assert got.envelope_from == FROM and got.envelope_to == [TO]
    assert msg["From"] == FROM and msg["To"] == TO
    assert msg["Subject"] == "[P2] Printer on floor 2 is offline [mspbot-7f3a2c]"
    assert msg["Message-ID"] == "<mspbot-7f3a2c@msp.example>"
    assert msg["X-Mspbot-Key"] == "mspbot-7f3a2c"
    assert msg["X-Mspbot-Company"] == "250"
    assert msg.get_content_type() == "text/plain"
    body = msg.get_content()
    assert "Company: 250" in body and "Priority: P2" in body
    assert "the printer shows error E-52" in body
    assert "Reported by: Dana Reyes <dana@client.example>" in body
    assert "Reference: mspbot-7f3a2c" in body
    assert got.tls is False

    assert remote.number == "mspbot-7f3a2c" and remote.company_id == "250"
    assert remote.state is State.NEW and remote.priority is Priority.P2
    assert remote.status == "Emailed" and not remote.closed


async def test_replayed_report_repeats_the_same_message_id(smtp: FakeSmtp) -> None:
    email = connector(smtp)
    await email.create(new_ticket())
    await email.create(new_ticket())
    assert [r.message["Message-ID"] for r in smtp.inbox] == [
        "<mspbot-7f3a2c@msp.example>"] * 2


async def test_note_is_a_reply_threaded_on_the_report(smtp: FakeSmtp) -> None:
    email = connector(smtp)
    remote = await email.create(new_ticket())
    await email.add_note(remote.number, "250", "The client says it works again.")
    report, note = (r.message for r in smtp.inbox)
    assert note["In-Reply-To"] == report["Message-ID"]
    assert note["References"] == report["Message-ID"]
    assert note["Message-ID"] != report["Message-ID"]
    assert note["Message-ID"].endswith("@msp.example>")
    assert note["Subject"] == "Re: [mspbot-7f3a2c] Update"
    assert note.get_content().strip() == "The client says it works again."
    await email.add_note(remote.number, "250", "The client says it works again.")
    assert smtp.inbox[2].message["Message-ID"] == note["Message-ID"]  # replay: same id


async def test_reading_is_not_possible_and_sends_nothing(smtp: FakeSmtp) -> None:
    email = connector(smtp)
    assert await email.find_by_key("mspbot-7f3a2c", "250") is None
    assert await email.get("mspbot-7f3a2c", "250") is None
    assert await email.open_tickets("250") == []
    assert smtp.inbox == []


async def test_starttls_off_stays_plain_even_when_offered() -> None:
    fake = FakeSmtp(tls="starttls")
    await fake.start()
    try:
        await connector(fake, f"smtp://127.0.0.1:{fake.port}?starttls=off").create(
            new_ticket())
    finally:
        await fake.stop()
    assert [r.tls for r in fake.inbox] == [False]


async def test_starttls_on_upgrades_the_session() -> None:
    fake = FakeSmtp(tls="starttls")
    await fake.start()
    try:
        await connector(fake, f"smtp://127.0.0.1:{fake.port}?starttls=on").create(
            new_ticket())
    finally:
        await fake.stop()
    assert [r.tls for r in fake.inbox] == [True]


async def test_smtps_speaks_tls_from_the_start() -> None:
    fake = FakeSmtp(tls="implicit")
    await fake.start()
    try:
        await connector(fake, f"smtps://127.0.0.1:{fake.port}").create(new_ticket())
    finally:
        await fake.stop()
    assert [r.tls for r in fake.inbox] == [True]


async def test_starttls_required_but_not_offered_is_permanent(smtp: FakeSmtp) -> None:
    with pytest.raises(PsaPermanentError):
        await connector(smtp, f"smtp://127.0.0.1:{smtp.port}?starttls=on").create(
            new_ticket())
    assert smtp.inbox == []


async def test_login_from_the_url() -> None:
    fake = FakeSmtp(credentials=("relay@msp.example", "p@ss word"))
    await fake.start()
    try:
        good = f"smtp://relay%40msp.example:p%40ss%20word@127.0.0.1:{fake.port}?starttls=off"
        await connector(fake, good).create(new_ticket())
        bad = f"smtp://relay%40msp.example:nope@127.0.0.1:{fake.port}?starttls=off"
        with pytest.raises(PsaPermanentError) as err:
            await connector(fake, bad).create(new_ticket())
    finally:
        await fake.stop()
    assert [r.login for r in fake.inbox] == ["relay@msp.example"]
    assert err.value.status == 535


@pytest.mark.parametrize(("reply", "error", "code"), [
    ("550 5.1.1 no such mailbox", PsaPermanentError, 550),
    ("451 4.3.0 try again later", PsaTemporaryError, 451),
])
async def test_refused_recipient_by_reply_class(smtp: FakeSmtp, reply: str,
                                                error: type[Exception], code: int) -> None:
    smtp.refuse_rcpt = reply
    with pytest.raises(error) as err:
        await connector(smtp).create(new_ticket())
    assert err.value.status == code  # type: ignore[attr-defined]


async def test_refused_connection_is_temporary(smtp: FakeSmtp) -> None:
    email = connector(smtp)
    await smtp.stop()
    with pytest.raises(PsaTemporaryError):
        await email.create(new_ticket())


def test_message_ids_stay_valid_and_distinct_for_unusual_keys() -> None:
    assert message_id("mspbot-7f3a", "msp.example") == "<mspbot-7f3a@msp.example>"
    assert message_id("a:b..c", "msp.example") == "<a=3Ab=2E=2Ec@msp.example>"
    assert message_id("a.b", "x") != message_id("a_b", "x")
