"""Item pipelines, one concern a module: extract -> validate -> dedup -> store (JSON Lines through FEEDS)."""
