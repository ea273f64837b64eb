"""A real SMTP server (aiosmtpd) on 127.0.0.1, port 0, that keeps what it receives.

It can offer STARTTLS or speak TLS from the first byte with a throw-away self-signed
certificate, require AUTH, and refuse recipients with a chosen reply."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import tempfile
import warnings
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, client context trusting it) for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    with tempfile.TemporaryDirectory() as tmp:
        cert_file, key_file = Path(tmp, "cert.pem"), Path(tmp, "key.pem")
        cert_file.write_bytes(cert_pem)
        key_file.write_bytes(key_pem)
        server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cadata=cert_pem.decode())
    return server, client


@dataclass(frozen=True)
class Received:
    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage
    tls: bool  # whether the session was encrypted when the message came in
    login: str | None


@dataclass
class FakeSmtp:
    tls: str = "none"  # "none", "starttls" (offers STARTTLS) or "implicit" (smtps)
    credentials: tuple[str, str] | None = None  # require AUTH with these
    refuse_rcpt: str | None = None  # e.g. "550 5.1.1 no such mailbox"
    inbox: list[Received] = field(default_factory=list)
    port: int = 0
    client_tls: ssl.SSLContext | None = None
    _server: asyncio.Server | None = None

    async def start(self) -> None:
        server_tls, self.client_tls = self_signed()
        handler = _Handler(self)
        loop = asyncio.get_running_loop()

        def protocol() -> SMTP:
            with warnings.catch_warnings():
                # AUTH without TLS is what this test server is for; aiosmtpd warns about it
                warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
                return SMTP(
                    handler, hostname="fake-smtp.test",
                    tls_context=server_tls if self.tls == "starttls" else None,
                    auth_required=self.credentials is not None, auth_require_tls=False,
                    authenticator=self._authenticate,
                )

        self._server = await loop.create_server(
            protocol, "127.0.0.1", 0, ssl=server_tls if self.tls == "implicit" else None)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    def _authenticate(self, server: SMTP, session: Session, envelope: Envelope,
                      mechanism: str, auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword) and self.credentials is not None
              and (auth_data.login.decode(), auth_data.password.decode()) == self.credentials)
        login = auth_data.login.decode() if ok else None
        return AuthResult(success=ok, handled=False, auth_data=login)


class _Handler:
    def __init__(self, fake: FakeSmtp) -> None:
        self.fake = fake

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if self.fake.refuse_rcpt:
            return self.fake.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        login = session.auth_data if isinstance(session.auth_data, str) else None
        self.fake.inbox.append(Received(
            envelope_from=str(envelope.mail_from), envelope_to=list(envelope.rcpt_tos),
            message=message, tls=server.transport is not None and (
                server.transport.get_extra_info("sslcontext") is not None
                or session.ssl is not None),
            login=login,
        ))
        return "250 Message accepted for delivery"
