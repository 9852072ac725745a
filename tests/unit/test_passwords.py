"""Passwords: argon2id at no less than OWASP's minimum, and the easiest guesses refused."""

from __future__ import annotations

from jxc.auth import passwords
from jxc.settings import Settings


def test_production_cost_meets_owasp_minimum():
    fields = Settings.model_fields
    assert fields["argon2_memory_kib"].default >= 19456
    assert fields["argon2_time_cost"].default >= 2


def test_hashes_are_argon2id_and_verify():
    hashed = passwords.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify_password("correct horse battery", hashed)[0] is True
    assert passwords.verify_password("wrong", hashed)[0] is False


def test_password_rules():
    assert passwords.password_problem("short") == "password_too_short"
    assert passwords.password_problem("x" * 129) == "password_too_long"
    assert passwords.password_problem("Password") == "password_too_common"
    assert passwords.password_problem("x" * 64) is None
    assert passwords.password_problem("长城长城长城长城") is None
