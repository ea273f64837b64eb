"""Staff passwords: argon2id hashes (argon2-cffi's recommended parameters)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_LENGTH = 12


@cache
def _dummy() -> str:
    """Verified against when the email is unknown, so a miss costs as long as a wrong
    password. Made on first use: hashing costs ~0.2 s, which every start-up would pay."""
    return _HASHER.hash("not a real password, only here for timing")


class PasswordError(ValueError):
    pass


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"a password needs at least {MIN_LENGTH} characters")
    return _HASHER.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
