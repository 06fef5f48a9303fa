"""wire-ingest domain: formats, extraction and dedupe as pure functions, plus storage.

Nothing in this package imports Celery or Redis; the composition root is ``workers``.
"""
