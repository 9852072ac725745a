"""Permission codes of the money reports (balances, statements, ageing) and their master data (rates,
income/expense categories). Kept apart from access.py so the documents and the reports register separately."""

from jxc.auth.permissions import register

register(
    "finance",
    "finance.balance.view",
    "finance.balance.export",
    "finance.statement.view",
    "finance.statement.export",
    "finance.statement.share",
    "finance.ageing.view",
    "finance.ageing.export",
    "finance.rate.view",
    "finance.rate.edit",
    "finance.category.view",
    "finance.category.edit",
)
