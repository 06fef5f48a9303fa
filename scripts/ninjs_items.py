"""A news article as the ninjs item the pipeline reads, for the scripts that turn corpora of
news text (one article to a file, a line or a CSV row) into wire files."""

from __future__ import annotations

import html
import json


def ninjs_item(
    uri: str, headline: str, paragraphs: list[str], created: str | None, language: str = "en"
) -> str:
    """A ninjs 1.x text item, its paragraphs as escaped HTML; ``created`` (ISO 8601, no zone:
    the corpus gives none) as ``versioncreated`` where known."""
    document: dict[str, str] = {"uri": uri, "type": "text", "language": language}
    if created:
        document["versioncreated"] = created
    document["headline"] = headline
    document["body_html"] = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return json.dumps(document, ensure_ascii=False)
