"""Permission codes of money."""

from jxc.auth.permissions import register

register(
    "finance",
    "finance.account.view",
    "finance.account.create",
    "finance.account.edit",
    "finance.account.delete",
    "finance.account.import",
    "finance.account.export",
    *(
        f"finance.{kind}.{action}"
        for kind in ("receipt", "payment", "allocation", "transfer", "income", "expense", "opening")
        for action in ("view", "create", "approve", "reverse", "export")
    ),
)
