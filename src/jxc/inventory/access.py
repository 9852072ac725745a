"""Permission codes of warehouses, inventory documents and stock views."""

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
DOC_ACTIONS = ("view", "create", "approve", "unapprove", "reverse", "export")
for _kind in ("opening", "other_in", "other_out", "transfer"):
    register(f"inventory.{_kind}", *(f"inventory.{_kind}.{a}" for a in DOC_ACTIONS))
# A stocktake is not un-approved: its variances are corrected by a reversal and a new count.
register("inventory.stocktake", *(f"inventory.stocktake.{a}" for a in DOC_ACTIONS if a != "unapprove"))
register(
    "inventory.stock",
    "inventory.stock.view",
    "inventory.stock.export",
    "inventory.ledger.view",
    "inventory.ledger.export",
    "inventory.alert.view",
)
