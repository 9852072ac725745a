"""Permission codes of partners."""

from jxc.auth.permissions import register

register(
    "partners",
    "partner.view",
    "partner.create",
    "partner.edit",
    "partner.delete",
    "partner.import",
    "partner.export",
)
