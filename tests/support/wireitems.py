"""Unique wire items for load and chaos runs, generated in plain agency text.

Every item gets its own headline, timestamp and body, so each is a distinct article; a share of
them is sent twice (byte-identical, or the same text with different whitespace) so that the
ledger's and dedupe's duplicate paths run under load too. Nothing generated is committed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tests.corpus import SEED

_AGENCIES = (
    ("Interfax", "{place}. {month} {day} (Interfax) - "),
    ("Reuters", "{place}, {month} {day} (Reuters) - "),
)
_PLACES = ("MOSCOW", "BEIJING", "ANKARA", "BERLIN", "PARIS", "TOKYO", "CAIRO", "OTTAWA")
_PEOPLE = ("Dmitry Rogozin", "Angela Merkel", "Fatih Donmez", "Zhang Kejian", "Justin Trudeau")
_ORGS = ("Roscosmos", "Gazprom", "NATO", "the European Commission", "Siemens", "Toyota")
_VERBS = ("signed an agreement with", "criticised", "met", "praised", "sued", "invited")
_TOPICS = ("energy", "space", "trade", "rail", "grain", "satellite", "shipping", "banking")


@dataclass(frozen=True)
class WireFile:
    name: str
    content: bytes


def wire_items(count: int, seed: int = 7) -> list[WireFile]:
    """``count`` files: unique stories, with every tenth a re-send of an earlier one."""
    rng = random.Random(seed)
    seed_paragraphs = SEED.read_text().split("\n\n")[3:]
    files: list[WireFile] = []
    for index in range(count):
        if index % 10 == 9:
            files.append(_resend(files[rng.randrange(len(files))], index, rng))
        else:
            files.append(WireFile(f"item {index:05d}.txt", _story(index, rng, seed_paragraphs)))
    return files


def _resend(original: WireFile, index: int, rng: random.Random) -> WireFile:
    """The same bytes again, or the same text with extra whitespace (same article text)."""
    content = (
        original.content if rng.random() < 0.5 else original.content.replace(b"\n\n", b"\n \n", 1)
    )
    return WireFile(f"resend {index:05d}.txt", content)


def _story(index: int, rng: random.Random, seed_paragraphs: list[str]) -> bytes:
    agency, lead_in = rng.choice(_AGENCIES)
    when = datetime(2021, 1, 1, tzinfo=UTC) + timedelta(minutes=17 * index)
    place, topic = rng.choice(_PLACES), rng.choice(_TOPICS)
    actor, target = rng.sample(_ORGS, 2)
    headline = f"{actor} and {target} in {topic} talks, item {index} of the {agency} wire"
    lead = lead_in.format(place=place, month=when.strftime("%B"), day=when.day)
    reference = f"{index}-{rng.randrange(10**6)}"
    paragraphs = [
        f"{lead}{actor} {rng.choice(_VERBS)} {target} on {topic} on {when:%A}, "
        f"{rng.choice(_PEOPLE)} said in {place.title()} (reference {reference}).",
        f"The talks on {topic} were the {index}th round, officials said.",
        *rng.sample(seed_paragraphs, 2),
    ]
    text = f"{when:%-d %b %Y %H:%M}\n\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
    return text.encode()
