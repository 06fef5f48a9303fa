"""Story clustering: which earlier story an article tells, by text, entities and events.

Pure functions shared by the pipeline (one article against candidates from the database) and
the evaluation (documents clustered in order). The text signal is the cosine of log-weighted
content-word stems of the article's language (headline words count twice; stop words,
reporting words and numbers count for nothing, see ``language``); entities and events are
Jaccard overlaps of keys, the entities being the article's participants, not its places (see
``participants``). Weights are renormalised over the signals both articles carry, so two
texts without extracted entities are compared by their words alone instead of being penalised
for the missing signal. Two articles that both name places, none near one of the other's, have
their similarity multiplied by ``StoryWeights.elsewhere`` (see ``places``): two earthquakes
worded alike are two stories. Likewise, by ``StoryWeights.other_day``, two that report a kind
of happening dated to days apart (see ``happenings``): two fires in one city on two days.

An article joins a story when it is close to the story as a whole: the average of its
similarities with the story's articles within the window (average link), not its best one.
Growing by the single best link chains unrelated items into one story (a tram collision joins
a border dispute through one article that shares a word with each).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

import numpy as np
import numpy.typing as npt

from pipeline.dedupe import happenings as happened
from pipeline.dedupe.fingerprints import hash64_packed
from pipeline.dedupe.language import language, language_code, stem
from pipeline.dedupe.places import Located, Places, agreements, find_places
from pipeline.schemas import Entity, EntityKind
from pipeline.settings import Settings

_MIN_LENGTH = 3
_NON_WORD = re.compile(r"[\W_]+")  # as in fingerprints.normalise_text
_PACKED = np.dtype([("hash", "<u8"), ("weight", "<f8")])
_LOW_BITS = np.uint64(0xFFFF)  # of a word hash, to rule out words the article does not have
TermVector = dict[int, float]  # hash64 of a content word → its weight


@dataclass(frozen=True)
class StoryWeights:
    text: float
    entities: float
    events: float
    # What the similarity of two articles is multiplied by when both name places and no place
    # of one is near a place of the other (two earthquakes, two tram collisions).
    elsewhere: float = 1.0
    # ... when both report a kind of happening dated, on days apart (two fires in one city).
    other_day: float = 1.0

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryWeights:
        return cls(
            settings.story_text_weight,
            settings.story_entity_weight,
            settings.story_event_weight,
            settings.story_elsewhere_factor,
            settings.story_other_day_factor,
        )


@dataclass(frozen=True)
class StoryFeatures:
    article_id: int
    vector: TermVector
    entities: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    published_at: datetime | None = None
    places: Places = frozenset()
    happenings: happened.Happenings = frozenset()
    names: dict[str, str] = field(default_factory=dict, compare=False)

    @cached_property
    def sorted_terms(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float64]]:
        """The vector as word hashes in ascending order and their weights: what the text
        cosine is computed on, once per features (a candidate is compared with many
        articles)."""
        hashes = np.fromiter(self.vector.keys(), dtype=np.uint64, count=len(self.vector))
        weights = np.fromiter(self.vector.values(), dtype=np.float64, count=len(self.vector))
        order = np.argsort(hashes)
        return hashes[order], weights[order]

    @cached_property
    def located(self) -> Located:
        """Its places as arrays, made once (a candidate is compared with many articles)."""
        return Located.of(self.places)

    @cached_property
    def told(self) -> dict[str, frozenset[int]]:
        """The days of its happenings by kind, made once (a candidate is compared with many
        articles)."""
        return happened.told(self.happenings)


@dataclass(frozen=True)
class StoryMatch:
    other: StoryFeatures  # the closest article of the story matched
    score: float
    reason: str
    story_id: int | None = None


@dataclass(frozen=True)
class Terms:
    """An article's content-word stems: their weights (1 + log tf, headline words counted
    twice, unit length) and a word of the text for each (what full-text search looks up)."""

    weights: dict[str, float]
    words: dict[str, str]
    language: str


def terms(headline: str, body: str, declared_language: str | None = None) -> Terms:
    head, text = _words(headline), _words(body)
    code = language_code(declared_language, f"{headline}\n{body}")
    stems, words = _content_stems(head * 2 + text, code)
    weights = {stem: 1.0 + math.log(count) for stem, count in Counter(stems).items()}
    norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    return Terms({stem: value / norm for stem, value in weights.items()}, words, code)


def places_named(headline: str, body: str, found: Terms) -> Places:
    """The places the article names (see ``places``), in the language its terms were read in."""
    return find_places(f"{headline}\n{body}", found.language)


# The kind of entity the entity signal leaves out (the database path filters on it too).
PLACE = EntityKind.LOCATION


def participants(entities: Iterable[Entity]) -> frozenset[str]:
    """The keys the entity signal compares: people, organisations and named things, not places.
    A place is where a happening is, and places have their own check (``StoryWeights.elsewhere``,
    ``places``): counted again as a shared entity, one city joins unrelated happenings there (a
    strike and a tram derailment in one city on one day), most of all in copy whose only
    entities are the gazetteer's places (a language without a pipeline), where one shared
    city was a full entity match."""
    return frozenset(entity.key for entity in entities if entity.kind is not PLACE)


def vector(weights: Mapping[str, float]) -> TermVector:
    """Word weights keyed by a stable 64-bit hash of the word: what is compared and stored."""
    hashes = np.frombuffer(hash64_packed(map(str.encode, weights)), dtype="<u8").tolist()
    return dict(zip(hashes, weights.values(), strict=True))


def pack(terms: TermVector) -> bytes:
    """(hash, weight) pairs as little-endian bytes: a few KB that the database returns as is
    (word weights as JSONB cost more to turn into text than all of the story step's queries)."""
    return np.array(sorted(terms.items()), dtype=_PACKED).tobytes()


def unpack(data: bytes) -> TermVector:
    pairs = np.frombuffer(data, dtype=_PACKED)
    return dict(zip(pairs["hash"].tolist(), pairs["weight"].tolist(), strict=True))


def top_terms(found: Terms, count: int) -> list[str]:
    """Words of the heaviest stems, to look candidates up by full-text search. Among stems of
    equal weight (in short copy most words occur once) the longer words go first: with no
    counts of a language at hand, length is the telling one (longer words are rarer, in every
    language: "Rentenpaket" before "Prozent"), where the alphabet picked words starting with a
    and b."""
    ranked = sorted(
        found.weights.items(), key=lambda item: (-item[1], -len(found.words[item[0]]), item[0])
    )
    return [found.words[stem] for stem, _ in ranked[:count]]


def match(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> StoryMatch:
    """The combined similarity, with a reason naming what matched."""
    return StoryMatch(other, similarity(article, other, weights), _reason(article, other, weights))


def _reason(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> str:
    """What matched: each signal's value and the keys shared, and the factors applied."""
    parts = [("text", float(text_cosines(article, [other])[0]), frozenset[str]())]
    for label, mine, theirs in (
        ("entities", article.entities, other.entities),
        ("events", article.events, other.events),
    ):
        if mine and theirs:
            parts.append((label, float(_overlaps(mine, [theirs])[1][0]), mine & theirs))
    reason = "; ".join(
        f"{label} {value:.2f}{_named(shared, article)}" for label, value, shared in parts
    )
    factor = 1.0 if agreements(article.located, [other.located])[0] else weights.elsewhere
    if factor != 1.0:
        reason += f"; places far apart (x{factor:g})"
    if _days_apart(article, other):
        reason += f"; happened on days apart (x{weights.other_day:g})"
    return reason


def _days_apart(article: StoryFeatures, other: StoryFeatures) -> bool:
    """Both report a kind of happening, dated on days apart (see ``happenings``)."""
    return bool(
        article.happenings
        and other.happenings
        and not happened.days_agree(article.told, other.told)
    )


def _combined(
    article: StoryFeatures,
    others: Sequence[StoryFeatures],
    weights: StoryWeights,
    texts: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """The text cosines and the Jaccard overlaps of the keys both articles carry, averaged by
    weight, for each of ``others``. Made for every candidate of every article, all at once:
    element-wise arithmetic in the order of the signals (text, entities, events), each
    element the float that sum, product and quotient of the one pair give in Python, so a
    score is the same float wherever it is computed."""
    total = np.full(len(others), 0.0 + weights.text)
    summed = 0.0 + weights.text * texts
    for weight, mine, theirs in (
        (weights.entities, article.entities, [other.entities for other in others]),
        (weights.events, article.events, [other.events for other in others]),
    ):
        if mine:
            both, overlap = _overlaps(mine, theirs)
            total = np.where(both, total + weight, total)
            summed = np.where(both, summed + weight * overlap, summed)
    return summed / np.where(total == 0.0, 1.0, total)


def _overlaps(
    mine: frozenset[str], theirs: Sequence[frozenset[str]]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    """Where both carry keys, and the Jaccard of ``mine`` with each of ``theirs`` there: the
    shared keys over all keys of the two (0 elsewhere). The counts are taken in C (``map``),
    and an integer quotient is the same float in numpy as in Python."""
    count = len(theirs)
    shared = np.fromiter(map(len, map(mine.intersection, theirs)), dtype=np.int64, count=count)
    sizes = np.fromiter(map(len, theirs), dtype=np.int64, count=count)
    both = (sizes > 0) & bool(mine)
    return both, np.divide(shared, len(mine) + sizes - shared, out=np.zeros(count), where=both)


def similarity(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> float:
    return similarities(article, [other], weights)[0]


def similarities(
    article: StoryFeatures, others: Sequence[StoryFeatures], weights: StoryWeights
) -> list[float]:
    """The combined similarity with each of ``others``, every signal computed for all at once."""
    if not others:  # under the story lock, usually: every candidate was scored before it
        return []
    texts = text_cosines(article, others)
    factors = np.where(
        agreements(article.located, [other.located for other in others]), 1.0, weights.elsewhere
    )
    if article.happenings:  # most copy has none: no test per candidate then
        apart = np.fromiter(
            (_days_apart(article, other) for other in others), dtype=bool, count=len(others)
        )
        factors = np.where(apart, factors * weights.other_day, factors)
    scores: list[float] = (_combined(article, others, weights, texts) * factors).tolist()
    return scores


def text_cosines(
    article: StoryFeatures, others: Sequence[StoryFeatures]
) -> npt.NDArray[np.float64]:
    """The cosine of the article's word vector with each of ``others`` (vectors have unit
    length: the dot product). All candidates' words are looked up among the article's in one
    pass; each candidate's products are summed in the order of its sorted word hashes, so a
    score depends on the two articles alone, never on the others compared or their order."""
    mine, my_weights = article.sorted_terms
    if not others or not len(mine):
        return np.zeros(len(others))
    terms = [other.sorted_terms for other in others]
    theirs = np.concatenate([hashes for hashes, _ in terms])
    their_weights = np.concatenate([weights for _, weights in terms])
    owner = np.repeat(np.arange(len(others)), [len(hashes) for hashes, _ in terms])
    # Most of the candidates' words are not the article's: a table of the low bits of its
    # hashes rules those out (no word of it is missed), and only the rest are searched for.
    seen = np.zeros(_LOW_BITS + 1, dtype=bool)
    seen[mine & _LOW_BITS] = True
    maybe = np.flatnonzero(seen[theirs & _LOW_BITS])
    at = np.searchsorted(mine, theirs[maybe]).clip(max=len(mine) - 1)
    found = mine[at] == theirs[maybe]
    shared = maybe[found]
    # Only the shared words' products are summed: a word not shared adds 0.0, which changes
    # no sum. With weights, bincount sums them as float64 (the stubs say integers).
    products = my_weights[at[found]] * their_weights[shared]
    return np.bincount(owner[shared], weights=products, minlength=len(others)).astype(np.float64)


def best_match(
    article: StoryFeatures,
    candidates: Iterable[StoryFeatures],
    story_of: Mapping[int, int],
    weights: StoryWeights,
    threshold: float,
    window: timedelta,
    scored: Mapping[int, float] | None = None,
    sizes: Mapping[int, int] | None = None,
) -> StoryMatch | None:
    """The story the article is closest to as a whole, if that reaches the threshold: for each
    story of the candidates within the window (``story_of``: story id by article id), the mean
    of the article's similarities with the story's articles. Where the candidates hold only
    some of them (the pipeline reads a bounded number of a story's articles), ``sizes`` gives
    how many a story has within the window: the others count as 0.
    ``scored`` holds similarities computed before, by article id. Only the story's closest
    article is explained (naming shared entities costs more than scoring)."""
    members = _members(article, candidates, story_of, window)
    if not members:
        return None
    ids = [other.article_id for other in members]
    scores = _scores(article, members, weights, scored or {})
    story_ids, story = np.unique([story_of[article_id] for article_id in ids], return_inverse=True)
    counts = np.bincount(story)
    read = np.fromiter(((sizes or {}).get(key, 0) for key in story_ids.tolist()), dtype=np.int64)
    size = np.maximum(counts, read)
    # Summed one by one in the members' order, as Python's sum: the same float.
    means = np.bincount(story, weights=scores) / size
    # Each story's closest article (the earliest of equals: the highest negated id), then the
    # story with the best mean (of equals, the one whose closest article is the earliest).
    earliest = -np.asarray(ids, dtype=np.int64)
    closest = np.lexsort((earliest, scores, story))[np.cumsum(counts) - 1]
    best = np.lexsort((earliest[closest], means))[-1]
    mean = float(means[best])
    if mean < threshold:
        return None
    nearest = members[closest[best]]
    reason = (
        f"average {mean:.2f} over the story's {int(size[best])} article(s) in the window; "
        f"closest, article {nearest.article_id}, {scores[closest[best]]:.2f}: "
        f"{_reason(article, nearest, weights)}"
    )
    return StoryMatch(nearest, mean, reason, int(story_ids[best]))


def _members(
    article: StoryFeatures,
    candidates: Iterable[StoryFeatures],
    story_of: Mapping[int, int],
    window: timedelta,
) -> list[StoryFeatures]:
    """The candidates in a story and the window (the time test inline: it runs for every
    candidate of every article)."""
    published, earlier = article.published_at, -window
    return [
        other
        for other in candidates
        if other.article_id != article.article_id
        and other.article_id in story_of
        and (
            published is None
            or other.published_at is None
            or earlier <= published - other.published_at <= window
        )
    ]


def _scores(
    article: StoryFeatures,
    members: Sequence[StoryFeatures],
    weights: StoryWeights,
    known: Mapping[int, float],
) -> npt.NDArray[np.float64]:
    """The similarity with each member: ``known`` (computed before, by article id) or now."""
    unknown = [other for other in members if other.article_id not in known]
    computed = similarities(article, unknown, weights)
    score_of = dict(zip([other.article_id for other in unknown], computed, strict=True))
    score_of.update(known)
    return np.array([score_of[other.article_id] for other in members], dtype=np.float64)


def cluster(
    articles: Sequence[StoryFeatures], weights: StoryWeights, threshold: float, window: timedelta
) -> list[int]:
    """Online clustering as the pipeline does it: in order, each article joins the story it is
    closest to as a whole or starts a new one. Returns a story number per article."""
    story_of: dict[int, int] = {}
    for index, article in enumerate(articles):
        found = best_match(article, articles[:index], story_of, weights, threshold, window)
        story_of[article.article_id] = (
            found.story_id if found is not None and found.story_id is not None else index
        )
    return [story_of[article.article_id] for article in articles]


def _words(text: str) -> list[str]:
    """Lower-case words as Postgres' ``simple`` text search sees them: the full-text lookup
    matches them only so ("straße", where casefolding gives "strasse")."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).split()


def _content_stems(words: list[str], code: str) -> tuple[list[str], dict[str, str]]:
    """The stems of the content words (casefolded, as stop words are), and the first word
    seen for each stem."""
    stop_words = language(code).stop_words
    kept = [
        (folded, word)
        for word in words
        if len(folded := word.casefold()) >= _MIN_LENGTH
        and not folded.isdigit()
        and folded not in stop_words
    ]
    stems = [stem(code, folded) for folded, _ in kept]
    first: dict[str, str] = {}
    for found, (_, word) in zip(stems, kept, strict=True):
        first.setdefault(found, word)
    return stems, first


def _named(keys: frozenset[str], article: StoryFeatures) -> str:
    names = sorted(article.names.get(key, key) for key in keys)
    return f" ({', '.join(names[:5])})" if names else ""
