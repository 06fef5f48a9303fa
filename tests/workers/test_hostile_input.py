"""Hostile and odd input dropped into a watched inbox, next to good files, with a real worker.

One watcher run takes every file at once; each case then checks its own verdict: quarantined in
failed/ with the kind in NAME.error.txt (and in the ledger when the pipeline judged it), or
processed normally when the content is a fine wire item after all.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.settings import Settings
from tests.corpus import SEED
from tests.support import database
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.inbox.watcher import Watcher
from workers.runtime.tasks import parse

pytestmark = pytest.mark.services

MAX_BYTES = 64 * 1024
STORIES = [item.content for item in wire_items(12, seed=99) if item.name.startswith("item")]
SLOW_CHUNKS = 30  # written 0.1 s apart: 3 s in all, each pause shorter than the stability wait
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>
<nitf><body><body.content><p>&d;</p></body.content></body></nitf>"""
DEEP = b"<nitf>" + b"<p>" * 5000 + b"</p>" * 5000 + b"</nitf>"
NITF = """<?xml version="1.0"?>
{doctype}
<nitf><head><title>Outside</title></head><body><body.head><hedline><hl1>Outside</hl1></hedline>
</body.head><body.content><p>{body}</p></body.content></body></nitf>"""


class Listener:
    """A TCP port that counts connections: proof that no external entity or DTD was fetched."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                self.socket.accept()[0].close()
                self.connections += 1
            except TimeoutError:
                continue
        self.socket.close()


@dataclass(frozen=True)
class Case:
    name: str
    kind: str | None  # None: processed normally
    build: Callable[[Path, Listener], None]


def _bytes(content: bytes) -> Callable[[Path, Listener], None]:
    return lambda path, _: path.write_bytes(content)


def _nitf(doctype: str, body: str = "Some text.") -> Callable[[Path, Listener], None]:
    def build(path: Path, listener: Listener) -> None:
        url = f"http://127.0.0.1:{listener.port}"
        path.write_text(NITF.format(doctype=doctype.format(url=url), body=body))

    return build


def _long_id(path: Path, _: Listener) -> None:
    """A story whose item id is 6,000 characters that do not compress: more than an index row
    may hold."""
    noise = b"".join(hashlib.sha256(bytes([n])).digest() for n in range(150))
    long_id = base64.urlsafe_b64encode(noise).decode()[:6000]
    document = NITF.format(doctype="", body="Some text about a very long identifier.").replace(
        "<head><title>", f'<head><docdata><doc-id id-string="{long_id}"/></docdata><title>'
    )
    path.write_text(document)


def _symlink(path: Path, _: Listener) -> None:
    outside = path.parent.parent / "outside-secret.txt"
    outside.write_bytes(STORIES[0])
    path.symlink_to(outside)


def _unreadable(path: Path, _: Listener) -> None:
    path.write_bytes(STORIES[4])
    path.chmod(0)


# Root reads files whatever their mode: there the file is simply processed; otherwise it is
# quarantined as unreadable.
UNREADABLE_KIND = None if os.geteuid() == 0 else "unreadable"
CASES = [
    Case("empty.txt", "empty_file", _bytes(b"")),
    Case("garbage.bin", "binary_data", _bytes(bytes(range(256)) * 16)),
    Case("huge.txt", "too_large", _bytes(STORIES[1] * (MAX_BYTES // len(STORIES[1]) + 1))),
    Case("truncated.xml", "malformed_xml", _bytes(b"<?xml version='1.0'?><nitf><body><p>Cut")),
    Case("laughs.xml", "unsafe_input", _bytes(LAUGHS)),
    Case("xxe-file.xml", "unsafe_input",
         _nitf('<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")),
    Case("xxe-http.xml", "unsafe_input",
         _nitf('<!DOCTYPE nitf [<!ENTITY x SYSTEM "{url}/x">]>', "&x;")),
    Case("external-dtd.xml", None, _nitf('<!DOCTYPE nitf SYSTEM "{url}/nitf.dtd">')),
    Case("deep.xml", "unsafe_input", _bytes(DEEP)),
    Case("long-id.xml", "database_limit", _long_id),
    Case("invalid-utf8.txt", None, _bytes(STORIES[2].replace(b" and ", b" \xff\xfe and ", 1))),
    Case("utf16-no-bom.txt", None, _bytes(STORIES[3].decode().encode("utf-16-le"))),
    Case("nul-bytes.txt", "binary_data", _bytes(STORIES[5][:200] + b"\0" * 64)),
    Case("name with spaces.txt", None, _bytes(STORIES[6])),
    Case("ünïcødé 新闻.txt", None, _bytes(STORIES[7])),
    Case("new\nline.txt", None, _bytes(STORIES[8])),
    Case("link-outside.txt", "symlink", _symlink),
    Case("a-folder", "not_a_file", lambda path, _: path.mkdir()),
    Case("unreadable.txt", UNREADABLE_KIND, _unreadable),
    Case("good-neighbour.txt", None, _bytes(STORIES[9])),
    Case("seed.txt", None, _bytes(SEED.read_bytes())),
]  # fmt: skip
SLOW = "slow.txt"


@dataclass(frozen=True)
class Outcome:
    root: Path
    engine: Engine
    listener: Listener


@pytest.fixture(scope="module")
def outcome(
    tmp_path_factory: pytest.TempPathFactory,
    engine: Engine,
    database_url: str,
    celery_worker: object,
) -> Iterator[Outcome]:
    database.truncate_all(database_url)
    root = tmp_path_factory.mktemp("hostile")
    settings = Settings(
        inbox=root / "inbox",
        processed_dir=root / "processed",
        failed_dir=root / "failed",
        max_file_bytes=MAX_BYTES,
    )
    listener = Listener()
    watcher = Watcher(settings, engine, lambda file_ids: parse.delay(*file_ids))
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    for case in CASES:
        case.build(settings.inbox / case.name, listener)
    _write_slowly(settings.inbox / SLOW, STORIES[10])
    wait_for(lambda: _all_settled(settings, watcher), timeout=120, what="every file settled")
    yield Outcome(root, engine, listener)
    stop.set()
    thread.join(timeout=10)
    listener.stop.set()


def _write_slowly(path: Path, content: bytes) -> None:
    step = len(content) // SLOW_CHUNKS + 1
    with path.open("wb") as handle:
        for start in range(0, len(content), step):
            handle.write(content[start : start + step])
            handle.flush()
            time.sleep(0.1)


def _all_settled(settings: Settings, watcher: Watcher) -> bool:
    waiting = [p for p in settings.inbox.iterdir() if not p.name.startswith(".")]
    return not waiting and not watcher.inflight


def _ledger(outcome: Outcome, name: str) -> tuple[str, str | None] | None:
    query = text("SELECT status, error_kind FROM source_file WHERE original_name = :name")
    with outcome.engine.connect() as connection:
        row = connection.execute(query, {"name": name}).one_or_none()
    return None if row is None else (row.status, row.error_kind)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name.replace("\n", "\\n"))
def test_each_file_gets_its_verdict(outcome: Outcome, case: Case):
    quarantined = outcome.root / "failed" / case.name
    reason = quarantined.with_name(case.name + ".error.txt")
    if case.kind is None:
        assert _ledger(outcome, case.name) in {("done", None), ("duplicate", None)}
        assert list((outcome.root / "processed").rglob(case.name))
        assert not reason.exists()
    else:
        assert quarantined.exists() or quarantined.is_symlink()
        assert f"(kind {case.kind})" in reason.read_text()
        assert case.name in reason.read_text()
        judged = _ledger(outcome, case.name)
        assert judged is None or judged == ("failed", case.kind)


def test_the_slow_file_was_read_only_once_complete(outcome: Outcome):
    with outcome.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT content, status FROM source_file WHERE original_name = :name"),
            {"name": SLOW},
        ).all()
    assert stored == [(STORIES[10], "done")]


def test_nothing_outside_the_inbox_was_read_or_fetched(outcome: Outcome):
    assert outcome.listener.connections == 0
    assert (outcome.root / "outside-secret.txt").read_bytes() == STORIES[0]
    assert (outcome.root / "failed" / "link-outside.txt").is_symlink()
    query = text("SELECT original_name, content, sha256, error_kind FROM source_file")
    with outcome.engine.connect() as connection:
        found = {row.original_name: row for row in connection.execute(query)}
    assert tuple(found["link-outside.txt"])[1:] == (b"", None, "symlink")  # a row, no bytes
    assert "outside-secret.txt" not in found


def test_invalid_utf8_is_decoded_with_a_warning_on_the_article(outcome: Outcome):
    query = text("""
        SELECT a.warnings FROM article a JOIN source_file f ON f.id = a.source_file_id
        WHERE f.original_name = 'invalid-utf8.txt'""")
    with outcome.engine.connect() as connection:
        (warnings,) = connection.execute(query).scalars().all()
    assert any(warning.startswith("decoded as ") for warning in warnings)
