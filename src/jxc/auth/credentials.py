"""Opaque tokens for sessions and API access: 256 random bits, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from jxc.settings import get_settings

API_TOKEN_PREFIX = "jxc_"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_hash: str) -> str:
    """Bound to the session: a new sign-in gets a new one, and it cannot be forged without the secret."""
    key = get_settings().resolved_secret_key().encode()
    return hmac.new(key, b"csrf:" + session_hash.encode(), hashlib.sha256).hexdigest()


def csrf_matches(session_hash: str, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(csrf_token(session_hash), presented or "")
