"""Business dates are the shop's dates: "today" in the configured time zone (JXC_TIMEZONE), not UTC's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from jxc.settings import get_settings


def today() -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(get_settings().timezone)).date()
