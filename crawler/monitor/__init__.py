"""Monitoring what the followed authors publish: queries, cadence, feeds, reports, the watch and its alerts."""
