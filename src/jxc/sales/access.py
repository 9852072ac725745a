"""Permission codes of sales and the retail counter."""

from jxc.auth.permissions import register

_ACTIONS = {
    "order": ("view", "create", "approve", "unapprove", "close", "export"),
    "delivery": ("view", "create", "approve", "unapprove", "reverse", "export"),
    "return": ("view", "create", "approve", "unapprove", "reverse", "export"),
}
for _kind, _actions in _ACTIONS.items():
    register(f"sales.{_kind}", *(f"sales.{_kind}.{a}" for a in _actions))
register(
    "sales.other",
    "sales.price.override",  # save a line below the SKU's minimum price
    "sales.credit.override",  # approve past the credit limit when the company refuses
    "sales.customer.view",  # customer history (purchases, payments, last prices, top products)
    "sales.customer.handover",  # hand a salesperson's customers to another user
    "sales.channel.edit",
)
# The counter: a ticket is approved when it is saved (收银), so `sell` is create+approve in one.
register("retail", "retail.view", "retail.sell", "retail.return", "retail.reverse", "retail.export")
