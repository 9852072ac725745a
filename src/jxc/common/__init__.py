"""Shared kernel: errors, i18n, request context, pagination, numbering, idempotency, audit, export."""
