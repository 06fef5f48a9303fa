"""``wire serve``: the read-only status page, its JSON panels under /api/, and /metrics."""
