from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine, text

T = TypeVar("T")


def wait_for(check: Callable[[], T], timeout: float = 60.0, what: str = "condition") -> T:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


_STATUS = text("SELECT status FROM source_file WHERE id = :id")


def wait_for_file_end(engine: Engine, file_id: int) -> str:
    """The file's status once it is done or failed."""

    def ended() -> str | None:
        with engine.connect() as connection:
            found = connection.execute(_STATUS, {"id": file_id}).scalar_one()
        return found if found in ("done", "failed") else None

    return wait_for(ended, what=f"file {file_id} to end")
