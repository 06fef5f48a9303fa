"""Quality measurements of the extract stage against gold data (no database, no network)."""
