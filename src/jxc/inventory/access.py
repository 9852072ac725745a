"""Permission codes of warehouses (inventory's documents add theirs in later issues)."""

from jxc.auth.permissions import register

register(
    "warehouses",
    "warehouse.view",
    "warehouse.create",
    "warehouse.edit",
    "warehouse.delete",
    "warehouse.import",
    "warehouse.export",
)
