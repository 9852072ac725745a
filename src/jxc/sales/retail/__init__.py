"""The retail counter (零售): tickets saved and approved in one step, returns by ticket, 红冲."""
