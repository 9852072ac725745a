"""Partners (往来单位): customers and suppliers; one partner can be both."""
