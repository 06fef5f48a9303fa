"""File-system side of the watcher: which inbox entries are ready, and where files go after.

A file is ready once its size and mtime have not changed for ``stable_seconds``. Accepted files
wait in ``INBOX/.inflight/`` (named ``<id>-<name>``) until the pipeline's verdict, then move to
``processed/YYYY-MM-DD/`` or ``failed/`` with ``NAME.error.txt`` beside them.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipeline.storage.ledger import Known

INFLIGHT = ".inflight"
_TEMP_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", ".filepart", "~")


def is_ignored_name(name: str) -> bool:
    """Hidden and temporary names: editors and uploaders write these before the real file."""
    return name.startswith((".", "~$")) or name.lower().endswith(_TEMP_SUFFIXES)


def files_under(paths: list[Path]) -> list[Path]:
    """The files given and every file under the folders given (each folder's in name order),
    without hidden or temporary names and symbolic links."""
    found: list[Path] = []
    for path in paths:
        entries = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found.extend(p for p in entries if not is_ignored_name(p.name) and not p.is_symlink())
    return found


@dataclass
class Stability:
    """Remembers each entry's size and mtime to tell when a writer has finished."""

    stable_seconds: float
    seen: dict[Path, tuple[int, float, float]] = field(default_factory=dict)

    def ready(self, path: Path, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        try:
            stat = path.lstat()
        except FileNotFoundError:
            self.seen.pop(path, None)
            return False
        signature = (stat.st_size, stat.st_mtime)
        previous = self.seen.get(path)
        if previous is None or previous[:2] != signature:
            self.seen[path] = (*signature, now)
            return False
        return now - previous[2] >= self.stable_seconds

    def forget(self, path: Path) -> None:
        self.seen.pop(path, None)


Signature = tuple[int, int]  # size and mtime in ns: what changes when a file is written


def signature(path: Path) -> Signature | None:
    try:
        found = path.lstat()
    except FileNotFoundError:
        return None
    return found.st_size, found.st_mtime_ns


@dataclass(frozen=True)
class Refusal:
    """Why an inbox entry is quarantined without being read into the ledger."""

    kind: str
    message: str


def read_entry(path: Path, max_bytes: int) -> bytes | Refusal:
    """The entry's bytes, or why they cannot be taken in.

    Opened without following links (a link swapped in after any check is still refused) and
    without blocking (a FIFO cannot hang the watcher); at most ``max_bytes`` + 1 bytes are read,
    so a file that grows after the size check still costs bounded memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Refusal("symlink", "symbolic link: never followed")
        return Refusal("unreadable", f"unreadable: {error.strerror or error}")
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a directory" if stat.S_ISDIR(mode) else "a special file"
            return Refusal("not_a_file", f"{what}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            content = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    return _checked_size(content, max_bytes)


def _checked_size(content: bytes, max_bytes: int) -> bytes | Refusal:
    if len(content) > max_bytes:
        limit = f"the limit of {max_bytes} bytes (WIRE_MAX_FILE_BYTES)"
        return Refusal("too_large", f"too large: more than {limit}")
    if not content:
        return Refusal("empty_file", "empty file")
    return content


def candidates(inbox: Path) -> list[Path]:
    """Entries of the inbox the watcher should consider (not hidden or temporary)."""
    try:
        entries = sorted(inbox.iterdir())
    except FileNotFoundError:
        return []
    return [entry for entry in entries if not is_ignored_name(entry.name)]


def to_inflight(path: Path, inbox: Path, file_id: int, name: str | None = None) -> Path:
    target = inbox / INFLIGHT / f"{file_id}-{name or path.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, target)
    return target


def inflight_files(inbox: Path) -> dict[int, Path]:
    folder = inbox / INFLIGHT
    if not folder.is_dir():
        return {}
    found: dict[int, Path] = {}
    for entry in folder.iterdir():
        file_id, _, _ = entry.name.partition("-")
        if file_id.isdigit():
            found[int(file_id)] = entry
    return found


def original_name(inflight_path: Path) -> str:
    return inflight_path.name.partition("-")[2]


def to_processed(path: Path, processed_dir: Path, name: str) -> Path:
    folder = processed_dir / datetime.now(UTC).strftime("%Y-%m-%d")
    return _move(path, folder, name)


def error_text(name: str, kind: str | None, message: str | None) -> str:
    """``NAME: MESSAGE (kind KIND)``, the name and the kind once each: the ledger's messages
    often carry both already (``PermanentError.describe``)."""
    said = (message or "no reason recorded").removeprefix(f"{name}: ")
    if kind:
        said = said.removesuffix(f" [{kind}]")
    return f"{name}: {said} (kind {kind})"


def copy_error_text(name: str, known: Known, superseded_by: int | None = None) -> str:
    """The reason beside a copy of a file rejected before: that file's reason, saying whose copy
    it is (``NAME: a copy of file N (ORIGINAL), rejected before: MESSAGE (kind KIND)``)."""
    original = known.name
    said = error_text(original, known.error_kind, known.error_message).removeprefix(f"{original}: ")
    of = f"file {known.file_id}" if original == name else f"file {known.file_id} ({original})"
    if superseded_by is not None:
        of += f", rejected before and superseded by file {superseded_by}"
    else:
        of += ", rejected before"
    return f"{name}: a copy of {of}: {said}"


def to_failed(path: Path, failed_dir: Path, name: str, reason: str) -> Path:
    """Quarantine ``path`` (file, directory or link) with the reason written beside it."""
    target = _move(path, failed_dir, name)
    target.with_name(target.name + ".error.txt").write_text(reason.rstrip() + "\n")
    return target


def quarantined_copy(
    failed_dir: Path, name: str, quarantined_as: str | None, sha256: str | None
) -> Path | None:
    """A failed file's copy in the failed folder: the entry it was given there (whatever its
    bytes are now), else (rows quarantined before that name was kept) the one under ``name``
    or the name with a clash counter whose content has the ledger's hash; None when neither."""
    if quarantined_as:
        recorded = failed_dir / quarantined_as
        if recorded.exists() or recorded.is_symlink():
            return recorded
    if sha256 is None:
        return None
    stem, suffix = Path(name).stem, Path(name).suffix
    clashes = re.compile(re.escape(stem) + r"\.\d+" + re.escape(suffix))
    for candidate in sorted(failed_dir.glob(f"{glob.escape(stem)}*")):
        named = candidate.name == name or clashes.fullmatch(candidate.name)
        if named and candidate.is_file() and sha256_of(candidate) == sha256:
            return candidate
    return None


def reclaim(copy: Path, inbox: Path, file_id: int, name: str) -> Path:
    """Move a replayed file's quarantined copy back in flight and delete its old reason, so
    the watcher files it again by the new verdict."""
    copy.with_name(copy.name + ".error.txt").unlink(missing_ok=True)
    return to_inflight(copy, inbox, file_id, name)


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _move(path: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    counter = 1
    while target.exists() or target.is_symlink():
        target = folder / f"{Path(name).stem}.{counter}{Path(name).suffix}"
        counter += 1
    shutil.move(str(path), str(target))
    return target
