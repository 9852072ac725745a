"""How a model takes part in the audit trail (declared on the class as `__audit__`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AuditSpec:
    object_type: str
    label: str | None = None
    exclude: frozenset[str] = field(default_factory=frozenset)
