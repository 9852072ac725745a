"""Customers seen from sales: credit control (信用控制), the customer record (客户档案), handover (客户交接)
and the sales channels (销售渠道)."""
