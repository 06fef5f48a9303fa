FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini requirements-model.txt ./
COPY pipeline ./pipeline
COPY workers ./workers
COPY alembic ./alembic
RUN pip install --no-deps --require-hashes -r requirements-model.txt && pip install ".[compose]" && useradd --create-home --uid 10001 wire
USER wire
ENTRYPOINT ["wire"]
