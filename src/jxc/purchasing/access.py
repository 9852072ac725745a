"""Permission codes of purchasing."""

from jxc.auth.permissions import register

_ACTIONS = {
    "order": ("view", "create", "approve", "unapprove", "close", "export"),
    "receipt": ("view", "create", "approve", "unapprove", "reverse", "export"),
    "return": ("view", "create", "approve", "unapprove", "reverse", "export"),
}
for _kind, _actions in _ACTIONS.items():
    register(f"purchase.{_kind}", *(f"purchase.{_kind}.{a}" for a in _actions))
register(
    "purchase.other",
    "purchase.price.view",
    "purchase.supplier.view",
    "purchase.replenish.view",
    "purchase.replenish.create",
)
