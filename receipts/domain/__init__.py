"""The pure core: codes, calendar, due dates, statuses and the receipt snapshot (stdlib only)."""
