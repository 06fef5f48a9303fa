"""Quality measurement against hand-made gold data (no database, no services)."""
