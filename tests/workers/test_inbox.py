"""The watcher's file-system rules: what is ready, what is ignored, what is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workers.inbox import files as inbox


@pytest.mark.parametrize(
    "name", [".hidden", "story.xml.tmp", "story.part", "story.xml~", "~$doc", "x.crdownload"]
)
def test_hidden_and_temporary_names_are_ignored(name: str):
    assert inbox.is_ignored_name(name)


@pytest.mark.parametrize("name", ["story.xml", "2021 report.txt", "новость.txt", "a\nb.txt"])
def test_ordinary_names_are_taken(name: str):
    assert not inbox.is_ignored_name(name)


def test_a_file_is_ready_only_after_it_stops_changing(tmp_path: Path):
    path = tmp_path / "slow.txt"
    path.write_text("first part")
    stability = inbox.Stability(stable_seconds=2.0)
    assert not stability.ready(path, now=0.0)
    assert not stability.ready(path, now=1.0)
    with path.open("a") as handle:
        handle.write(" and more")
    assert not stability.ready(path, now=2.5)  # grew: the clock starts again
    assert not stability.ready(path, now=4.0)
    assert stability.ready(path, now=4.6)


def test_symlink_is_refused_not_followed(tmp_path: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("outside the inbox")
    link = tmp_path / "link.txt"
    link.symlink_to(outside)
    assert inbox.read_entry(link, 1000) == inbox.Refusal("symlink", "symbolic link: never followed")


def test_directory_fifo_oversize_and_empty_are_refused(tmp_path: Path):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    empty = tmp_path / "empty.txt"
    empty.touch()
    kinds = {
        name: getattr(inbox.read_entry(tmp_path / name, 100), "kind", None)
        for name in ("folder", "pipe", "big.txt", "empty.txt")
    }
    assert kinds == {
        "folder": "not_a_file",
        "pipe": "not_a_file",
        "big.txt": "too_large",
        "empty.txt": "empty_file",
    }


def test_a_file_at_the_limit_is_read_whole(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"y" * 100)
    assert inbox.read_entry(path, 100) == b"y" * 100


def test_quarantine_writes_the_reason_beside_the_file(tmp_path: Path):
    source = tmp_path / "bad name.txt"
    source.write_text("garbage")
    target = inbox.to_failed(source, tmp_path / "failed", source.name, "bad name.txt: no format")
    assert target.read_text() == "garbage"
    assert (target.parent / "bad name.txt.error.txt").read_text() == "bad name.txt: no format\n"


def test_name_clashes_never_overwrite(tmp_path: Path):
    for content in ("one", "two"):
        source = tmp_path / "in.txt"
        source.write_text(content)
        inbox.to_processed(source, tmp_path / "processed", "story.txt")
    found = sorted(p.read_text() for p in (tmp_path / "processed").rglob("story*.txt"))
    assert found == ["one", "two"]


def test_inflight_names_carry_the_file_id(tmp_path: Path):
    source = tmp_path / "a-b.txt"
    source.write_text("x")
    moved = inbox.to_inflight(source, tmp_path, 42)
    assert inbox.inflight_files(tmp_path) == {42: moved}
    assert inbox.original_name(moved) == "a-b.txt"
    assert os.path.exists(moved)


def test_an_error_text_names_the_file_and_the_kind_once():
    said = "truncated.xml: XML syntax error: line 3 [malformed_xml]"
    assert inbox.error_text("truncated.xml", "malformed_xml", said) == (
        "truncated.xml: XML syntax error: line 3 (kind malformed_xml)"
    )
    assert (
        inbox.error_text("a.txt", "empty_file", "empty file")
        == "a.txt: empty file (kind empty_file)"
    )
