"""Money: settlement accounts now; the partner ledger, receipts and payments in the money issue."""
