"""The Celery runtime: the app, its thin tasks, worker processes and their resources."""
