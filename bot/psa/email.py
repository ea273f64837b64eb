"""Email-to-ticket: the fault report goes out as an email to the PSA's ticket mailbox.

Every PSA can open tickets from email, so this works where no API connector fits. What it
cannot do is read: SMTP only sends. So `find_by_key` and `get` always answer None and
`open_tickets` always answers [] - the bot cannot show the client the PSA's status, and
`create` cannot look for an earlier copy. Instead each report's email carries a Message-ID
derived from the key (and the key in the subject), so a replayed create sends a byte-for-
byte duplicate that mail systems and PSA mail parsers can recognise and drop.

The ticket "number" is the key: `add_note(key, ...)` sends a reply with In-Reply-To and
References pointing at the report's Message-ID, which is how PSA mail connectors thread an
update onto the ticket they opened.

Settings: MSPBOT_SMTP_URL (`smtp://[user:password@]host[:port][?starttls=on|off]` or
`smtps://...` for TLS from the first byte), MSPBOT_TICKET_EMAIL_TO, MSPBOT_TICKET_EMAIL_FROM.
Without `starttls=`, STARTTLS is used when the server offers it.
"""

from __future__ import annotations

import hashlib
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from bot.psa import config
from bot.psa.common import one_line, ticket_body
from bot.psa.types import (
    InvalidTicketData,
    NewTicket,
    PsaPermanentError,
    PsaTemporaryError,
    RemoteTicket,
    State,
    check_key,
)
from bot.service.sections import on_off
from bot.service.settings import SettingsError

SUBJECT_SUMMARY_MAX = 150
STATUS_SENT = "Emailed"
_NOT_ATEXT = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class EmailConfig:
    host: str
    port: int
    to_addr: str
    from_addr: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    use_tls: bool = False  # smtps://: TLS from the first byte
    start_tls: bool | None = None  # None: upgrade when the server offers STARTTLS
    timeout_s: float = config.DEFAULT_TIMEOUT_S
    tls_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @property
    def domain(self) -> str:
        return self.from_addr.rsplit("@", 1)[1]

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> EmailConfig:
        smtp = parse_smtp_url(config.required(env, "MSPBOT_SMTP_URL"))
        return cls(
            **smtp,  # type: ignore[arg-type]
            to_addr=_address(env, "MSPBOT_TICKET_EMAIL_TO"),
            from_addr=_address(env, "MSPBOT_TICKET_EMAIL_FROM"),
            timeout_s=config.timeout_s(env),
        )


def parse_smtp_url(url: str) -> dict[str, object]:
    name = "MSPBOT_SMTP_URL"
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise SettingsError(f"{name} must start with smtp:// or smtps://, got {url!r}")
    if not parts.hostname:
        raise SettingsError(f"{name} has no host: {url!r}")
    try:
        port = parts.port
    except ValueError:
        raise SettingsError(f"{name} has an invalid port: {url!r}") from None
    use_tls = parts.scheme == "smtps"
    start_tls: bool | None = None
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = set(query) - {"starttls"}
    if unknown:
        raise SettingsError(f"{name}: unknown option(s) {', '.join(sorted(unknown))} "
                            "(only starttls=on|off)")
    if "starttls" in query:
        try:
            start_tls = on_off(query["starttls"][-1])
        except ValueError as exc:
            raise SettingsError(f"{name}: starttls {exc}") from None
        if use_tls:
            raise SettingsError(f"{name}: starttls does not apply to smtps:// (already TLS)")
    if (parts.username is None) != (parts.password is None):
        raise SettingsError(f"{name}: give both user and password (user:password@host)")
    return {
        "host": parts.hostname,
        "port": port or (465 if use_tls else 25),
        "username": unquote(parts.username) if parts.username is not None else None,
        "password": unquote(parts.password) if parts.password is not None else None,
        "use_tls": use_tls,
        "start_tls": start_tls,
    }


def _address(env: Mapping[str, str], name: str) -> str:
    raw = config.required(env, name)
    _, addr = parseaddr(raw)
    if addr != raw or addr.count("@") != 1 or not all(addr.split("@")) or " " in addr:
        raise SettingsError(f"{name} must be a plain email address, got {raw!r}")
    return addr


def message_id(key: str, domain: str, suffix: str = "") -> str:
    """A valid, deterministic Message-ID for the key: the same report always gets the same.

    Characters outside RFC 5322 atext-without-dots are written as =XX, so distinct keys
    never share an id."""
    left = _NOT_ATEXT.sub(lambda m: f"={ord(m.group()):02X}", key)
    return f"<{left}{suffix}@{domain}>"


class EmailTickets:
    name = "email"

    def __init__(self, cfg: EmailConfig) -> None:
        self.cfg = cfg

    async def close(self) -> None:
        """Nothing stays open: each email is one SMTP session."""

    async def create(self, ticket: NewTicket) -> RemoteTicket:
        msg = EmailMessage()
        msg["From"] = self.cfg.from_addr
        msg["To"] = self.cfg.to_addr
        msg["Subject"] = (f"[{ticket.priority}] {one_line(ticket.summary, SUBJECT_SUMMARY_MAX)}"
                          f" [{ticket.key}]")
        msg["Message-ID"] = message_id(ticket.key, self.cfg.domain)
        msg["Date"] = formatdate(usegmt=True)
        msg["X-Mspbot-Key"] = ticket.key
        msg["X-Mspbot-Company"] = one_line(ticket.company_id, 100)
        msg["X-Mspbot-Priority"] = str(ticket.priority)
        msg.set_content(f"Company: {ticket.company_id}\nPriority: {ticket.priority}\n\n"
                        f"{ticket_body(ticket)}\n")
        await self._send(msg)
        return RemoteTicket(
            number=ticket.key, company_id=ticket.company_id,
            summary=one_line(ticket.summary, SUBJECT_SUMMARY_MAX), status=STATUS_SENT,
            state=State.NEW, priority=ticket.priority, entered_at=datetime.now(UTC),
            first_response_at=None, updated_at=None, closed=False,
        )

    async def add_note(self, number: str, company_id: str, text: str) -> None:
        check_key(number)
        if not text.strip():
            raise InvalidTicketData("a note needs text")
        original = message_id(number, self.cfg.domain)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        msg = EmailMessage()
        msg["From"] = self.cfg.from_addr
        msg["To"] = self.cfg.to_addr
        msg["Subject"] = f"Re: [{number}] Update"
        msg["Message-ID"] = message_id(number, self.cfg.domain, f".note-{digest}")
        msg["In-Reply-To"] = original
        msg["References"] = original
        msg["Date"] = formatdate(usegmt=True)
        msg["X-Mspbot-Key"] = number
        msg["X-Mspbot-Company"] = one_line(company_id, 100)
        msg.set_content(text.rstrip() + "\n")
        await self._send(msg)

    async def find_by_key(self, key: str, company_id: str) -> RemoteTicket | None:
        """Always None: a mailbox cannot be asked what it holds."""
        check_key(key)
        return None

    async def get(self, number: str, company_id: str) -> RemoteTicket | None:
        """Always None: email-to-ticket cannot read tickets back."""
        return None

    async def open_tickets(self, company_id: str) -> list[RemoteTicket]:
        """Always []: email-to-ticket cannot read tickets back."""
        return []

    async def _send(self, msg: EmailMessage) -> None:
        cfg = self.cfg
        where = f"SMTP {cfg.host}:{cfg.port}"
        try:
            await aiosmtplib.send(
                msg, hostname=cfg.host, port=cfg.port, username=cfg.username,
                password=cfg.password, use_tls=cfg.use_tls, start_tls=cfg.start_tls,
                timeout=cfg.timeout_s, tls_context=cfg.tls_context,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            raise _by_code(f"{where}: recipient refused ({exc.recipients[0].message})",
                           min(codes, default=550)) from None
        except aiosmtplib.SMTPResponseException as exc:
            raise _by_code(f"{where}: {exc.code} {exc.message}", exc.code) from None
        except aiosmtplib.SMTPNotSupported as exc:
            raise PsaPermanentError(f"{where}: {exc}", status=0) from None
        except aiosmtplib.SMTPException as exc:
            if cfg.start_tls and "STARTTLS" in str(exc).upper():
                # starttls=on and the server offers none: never fall back to plain text
                raise PsaPermanentError(f"{where}: {exc}", status=0) from None
            raise PsaTemporaryError(f"{where}: {type(exc).__name__}: {exc}") from None
        except (OSError, TimeoutError) as exc:
            raise PsaTemporaryError(f"{where}: {type(exc).__name__}: {exc}") from None


def _by_code(message: str, code: int) -> PsaTemporaryError | PsaPermanentError:
    """SMTP 4xx is "try again later", 5xx is final (RFC 5321 section 4.2.1)."""
    if 400 <= code < 500:
        return PsaTemporaryError(message, status=code)
    return PsaPermanentError(message, status=code)
