"""Staff console accounts, sign-in sessions, failed sign-ins and OpenID Connect states."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import schema
from bot.store.common import StoreError, aware, now
from bot.store.records import OidcState, StaffMember, StaffSession, TrainingLabel


def _member(row: Any) -> StaffMember:
    return StaffMember(email=row.email, name=row.name, role=row.role,
                       password_hash=row.password_hash, created_at=aware(row.created_at))


class SqlStaffStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(self, member: StaffMember) -> None:
        try:
            async with self._engine.begin() as conn:
                await conn.execute(schema.staff.insert().values(
                    email=member.email.lower(), name=member.name, role=member.role,
                    password_hash=member.password_hash, created_at=member.created_at))
        except IntegrityError:
            raise StoreError(f"a staff account for {member.email} exists already") from None

    async def update(self, email: str, *, role: str | None = None,
                     password_hash: str | None = None, name: str | None = None) -> None:
        values = {k: v for k, v in (("role", role), ("password_hash", password_hash),
                                    ("name", name)) if v is not None}
        table = schema.staff
        async with self._engine.begin() as conn:
            changed = await conn.execute(table.update().where(table.c.email == email.lower())
                                         .values(**values))
            if not changed.rowcount:
                raise StoreError(f"no staff account for {email}")

    async def get(self, email: str) -> StaffMember | None:
        table = schema.staff
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(table).where(table.c.email == email.lower()))
                   ).first()
        return None if row is None else _member(row)

    async def all(self) -> list[StaffMember]:
        table = schema.staff
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(table).order_by(table.c.email))
            return [_member(r) for r in rows]

    async def remove(self, email: str) -> bool:
        async with self._engine.begin() as conn:
            await conn.execute(schema.console_sessions.delete()
                               .where(schema.console_sessions.c.email == email.lower()))
            gone = await conn.execute(schema.staff.delete()
                                      .where(schema.staff.c.email == email.lower()))
        return bool(gone.rowcount)

    async def open_session(self, token_hash: str, email: str, csrf: str, via: str,
                           expires_at: dt.datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(schema.console_sessions.insert().values(
                token_hash=token_hash, email=email.lower(), csrf=csrf, via=via,
                created_at=now(), expires_at=expires_at.astimezone(dt.UTC)))

    async def session(self, token_hash: str, at: dt.datetime | None = None) -> StaffSession | None:
        sessions, staff = schema.console_sessions, schema.staff
        at = at or now()
        async with self._engine.begin() as conn:
            row = (await conn.execute(
                sa.select(sessions.c.csrf, sessions.c.via, sessions.c.expires_at, staff)
                .join(staff, staff.c.email == sessions.c.email)
                .where(sessions.c.token_hash == token_hash))).first()
            if row is None:
                return None
            if aware(row.expires_at) <= at:
                await conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))
                return None
        return StaffSession(member=_member(row), csrf=row.csrf, via=row.via,
                            expires_at=aware(row.expires_at))

    async def close_session(self, token_hash: str) -> None:
        sessions = schema.console_sessions
        async with self._engine.begin() as conn:
            await conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))

    async def record_failure(self, email: str, address: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(schema.console_login_failures.insert().values(
                at=now(), email=email.lower()[:200], address=address[:64]))

    async def failures(self, since: dt.datetime, *, email: str | None = None,
                       address: str | None = None) -> int:
        table = schema.console_login_failures
        stmt = sa.select(sa.func.count()).select_from(table).where(table.c.at >= since)
        if email is not None:
            stmt = stmt.where(table.c.email == email.lower())
        if address is not None:
            stmt = stmt.where(table.c.address == address)
        async with self._engine.connect() as conn:
            return int(await conn.scalar(stmt) or 0)

    async def clear_failures(self, email: str) -> None:
        table = schema.console_login_failures
        async with self._engine.begin() as conn:
            await conn.execute(table.delete().where(table.c.email == email.lower()))

    async def put_oidc_state(self, state: str, value: OidcState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(schema.console_oidc_states.insert().values(
                state=state, provider=value.provider, verifier=value.verifier,
                nonce=value.nonce, created_at=value.created_at))

    async def take_oidc_state(self, state: str) -> OidcState | None:
        table = schema.console_oidc_states
        async with self._engine.begin() as conn:
            row = (await conn.execute(sa.select(table).where(table.c.state == state))).first()
            if row is None:
                return None
            gone = await conn.execute(table.delete().where(table.c.state == state))
            if not gone.rowcount:  # another callback with the same state won the race
                return None
        return OidcState(row.provider, row.verifier, row.nonce, aware(row.created_at))


class SqlLabelStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(self, text: str, action: str, topic: str | None, intent: str | None,
                  actor: str) -> TrainingLabel:
        at = now()
        async with self._engine.begin() as conn:
            result = await conn.execute(schema.training_labels.insert().values(
                at=at, actor=actor, text=text[:4000], action=action, topic=topic,
                intent=intent))
            key = result.inserted_primary_key
            assert key is not None
        return TrainingLabel(int(key[0]), at, actor, text[:4000], action, topic, intent)

    async def all(self) -> list[TrainingLabel]:
        table = schema.training_labels
        async with self._engine.connect() as conn:
            return [TrainingLabel(r.id, aware(r.at), r.actor, r.text, r.action, r.topic,
                                  r.intent)
                    for r in await conn.execute(sa.select(table).order_by(table.c.id))]
