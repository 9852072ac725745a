"""Argon2id password hashing (pwdlib), with the number of hashes at once capped: each takes its memory
cost in RAM, so a flood of sign-ins must not become a memory exhaustion."""

from __future__ import annotations

import threading
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from jxc.settings import get_settings

_gate = threading.BoundedSemaphore(4)
MIN_LENGTH = 8
MAX_LENGTH = 128


@lru_cache
def _hasher() -> PasswordHash:
    s = get_settings()
    return PasswordHash(
        (Argon2Hasher(time_cost=s.argon2_time_cost, memory_cost=s.argon2_memory_kib, parallelism=1),)
    )


def hash_password(password: str) -> str:
    with _gate:
        return _hasher().hash(password)


def verify_password(password: str, hashed: str) -> tuple[bool, str | None]:
    """(matches, a new hash when the stored one used other parameters)."""
    with _gate:
        return _hasher().verify_and_update(password, hashed)


@lru_cache
def dummy_hash() -> str:
    # Checked against when the user does not exist, so both answers take the same time.
    return hash_password("jxc-timing-equaliser")


# A short list of the passwords tried first by every guesser; refused as new passwords.
COMMON_PASSWORDS = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "password",
        "password1",
        "11111111",
        "88888888",
        "66666666",
        "qwertyui",
        "qwerty123",
        "abc12345",
        "abcd1234",
        "iloveyou",
        "admin123",
        "admin1234",
        "00000000",
        "12341234",
        "1q2w3e4r",
        "a1234567",
        "aa123456",
        "woaini1314",
        "5201314520",
        "123123123",
        "password123",
        "87654321",
        "admin888",
        "root1234",
        "passw0rd",
        "p@ssw0rd",
        "changeme",
    }
)


def password_problem(password: str) -> str | None:
    """The validation code that refuses this password, or None."""
    if len(password) < MIN_LENGTH:
        return "password_too_short"
    if len(password) > MAX_LENGTH:
        return "password_too_long"
    if password.lower() in COMMON_PASSWORDS:
        return "password_too_common"
    return None
