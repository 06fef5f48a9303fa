"""Benchmarks and their corpora: they print figures; the runtime never imports them."""
