"""Permission codes of price lists and promotions."""

from jxc.auth.permissions import register

register("pricing", "pricing.view", "pricing.edit")
