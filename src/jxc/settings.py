"""Settings from `JXC_*` environment variables (names are a contract operators rely on, DESIGN.md §7)."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JXC_", extra="ignore")

    data_dir: Path = Path("./var")
    database_url: str = ""
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    # Times in exports and printouts are shown in this zone (the database keeps UTC).
    timezone: str = "Asia/Shanghai"
    admin_password: str = ""
    # "auto": Secure cookies only when the request came over https, so plain http://127.0.0.1 still works.
    cookie_secure: str = "auto"
    session_idle_minutes: int = 8 * 60
    session_absolute_hours: int = 7 * 24
    max_body_bytes: int = 1024 * 1024
    # Excel imports take files up to 10 MB; multipart adds a little.
    max_upload_bytes: int = 11 * 1024 * 1024
    # Argon2id cost; the defaults meet OWASP's minimum (19 MiB, t=2, p=1) and keep a login near 20 ms.
    argon2_memory_kib: int = Field(default=19456, ge=8)
    argon2_time_cost: int = Field(default=2, ge=1)

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'jxc.db').resolve()}"

    def resolved_secret_key(self) -> str:
        """The secret signs CSRF tokens; generated once and kept beside the data when not given."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret.key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
