"""The story step of dedupe: a canonical article joins the story of its best earlier match.

Story membership is decided online, as each canonical article is deduped, like every streaming
news clusterer. Two articles of one new story processed at once must not both open a story, so
the decision is taken under one advisory lock (``stories``), after all the transaction's other
locks: the dedupe stage assigns stories after deciding the copies of all the file's articles,
so no lock is taken after this one (no waiting in a cycle). Copies always share their canonical
copy's story.

An article's score for a story averages over every article of the story in the window (see
``clustering.best_match``), so the candidates (articles sharing something with it) bring in
their stories' other articles too (``stories.story_members``, bounded as the lookup is).

The lock serialises every worker of the cluster, so the slow part runs before it: candidates
and their stories' articles are looked up, read and scored while other workers place their own
articles. Under the lock only what was placed since is read (placements are numbered in commit
order, see ``stories.placed_since``): new candidates, candidates that moved to another story,
ones that stopped being candidates, and the articles of the stories then; only articles not
seen before are read and scored then.
Features read once stay in a small per-process cache (see ``_FeatureCache``). A candidate
re-extracted between the lookup and the lock is compared with the features it had before.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy.orm import Session

from pipeline.dedupe import happenings, places, rules
from pipeline.dedupe import stories as clustering
from pipeline.settings import Settings
from pipeline.storage import dedupe, stories

STORY_DECISIONS = ("story",)
_SEARCH_WORDS = 8
Candidates = dict[int, clustering.StoryFeatures]
Found = dict[int, stories.Candidate]


def assign_story(
    session: Session,
    article_id: int,
    settings: Settings,
    deduped_before: bool,
    signature: dedupe.Signature | None = None,
) -> None:
    """Run after the copies of every article of the file are decided (see the module doc).
    An article not ``deduped_before`` has no story decision to replace. ``signature``: a
    canonical article's, left by its dedupe to be stored with its placement (a copy's is
    always stored with its copy decision)."""
    row = stories.story_row(session, article_id)
    if row.root_id != article_id:
        dedupe.lock(session, ["stories"])
        _follow_canonical(session, article_id, row.root_id, deduped_before)
        return
    search = _Search.of(row, settings)
    weights = clustering.StoryWeights.from_settings(settings)
    before = search.candidates(session)
    members = search.members(session, before)
    features = search.features(session, before | members.found)
    compared = list(features.values())
    scored = {
        other.article_id: score
        for other, score in zip(
            compared, clustering.similarities(search.article, compared, weights), strict=True
        )
    }
    dedupe.lock(session, ["stories"])
    current, members = search.recheck(session, before, members)
    current |= members.found
    features |= search.features(session, {key: current[key] for key in current.keys() - features})
    story_of = {article_id: candidate.story_id for article_id, candidate in current.items()}
    found = clustering.best_match(
        search.article,
        (features[other_id] for other_id in current if other_id in features),
        story_of,
        weights,
        settings.story_threshold,
        search.window,
        scored,
        members.sizes,
    )
    packed = stories.Packed(
        clustering.pack(search.article.vector), places.pack(search.article.places)
    )
    decision = _decision(found) if found else None
    # Never deduped: no story decision to replace, so its own goes with its placement.
    stories.place(
        session, article_id, found.story_id if found else None, packed, signature,
        None if deduped_before else decision,
    )  # fmt: skip
    if deduped_before:
        decisions = [decision] if decision else []
        dedupe.record_decisions(session, article_id, decisions, STORY_DECISIONS)


@dataclass(frozen=True)
class _Search:
    row: stories.StoryRow
    article: clustering.StoryFeatures
    words: list[str]
    window: timedelta
    limit: int

    @classmethod
    def of(cls, row: stories.StoryRow, settings: Settings) -> _Search:
        content = clustering.terms(row.headline, row.body, row.language)
        article = clustering.StoryFeatures(
            article_id=row.article_id,
            vector=clustering.vector(content.weights),
            places=clustering.places_named(row.headline, row.body, content),
            entities=frozenset(row.entities),
            events=row.events,
            published_at=row.published_at,
            happenings=_happenings(row.happenings),
            names=row.entities,
        )
        window = timedelta(hours=settings.story_window_hours)
        words = clustering.top_terms(content, _SEARCH_WORDS)
        return cls(row, article, words, window, settings.story_candidates)

    def candidates(self, session: Session) -> Found:
        return stories.candidates(session, self.row, self.words, self.window, self.limit)

    def members(self, session: Session, found: Found) -> stories.Members:
        """The articles of the found candidates' stories in the window (``story_members``)."""
        wanted = {candidate.story_id for candidate in found.values()}
        return stories.story_members(session, self.row, wanted, self.window, self.limit)

    def recheck(
        self, session: Session, before: Found, members: stories.Members
    ) -> tuple[Found, stories.Members]:
        """The candidates now, under the story lock (``before`` with what was placed since),
        and the articles of their stories in the window: ``members`` of ``before``'s stories
        with what was placed since, and the sizes read with it, where that covers them; else
        read again (``story_members``: a story not compared before)."""
        stories_before = {candidate.story_id for candidate in before.values()}
        since = stories.placed_since(session, self.row, self.words, self.window, stories_before)
        current = with_changes(before, since.changed, self.limit)
        if current is None:
            current = self.candidates(session)
        wanted = {candidate.story_id for candidate in current.values()}
        if wanted <= stories_before:
            now = with_moves(members.found, since.moved, wanted)
            return current, stories.Members(
                now, {key: since.sizes[key] for key in wanted if key in since.sizes}
            )
        return current, self.members(session, current)

    def features(self, session: Session, found: Found) -> Candidates:
        """Features of the found articles; those read before (for this article or an earlier
        one) are taken from the process's cache."""
        cache = _feature_cache(4 * self.limit)
        for row in stories.candidate_rows(session, cache.missing(found)):
            cache.put(row.article_id, found[row.article_id].extracted_at, _features(row))
        return cache.take(found)


def with_changes(
    before: Found, changed: Mapping[int, stories.Candidate | None], limit: int
) -> Found | None:
    """The candidates after the changes (None: no longer one), nearest first, at most
    ``limit``; None when it cannot be known without looking again: one left a full list, so
    the next nearest article, not in it, may now belong in it."""
    current = dict(before)
    for article_id, candidate in changed.items():
        if candidate is not None:
            current[article_id] = candidate
        elif current.pop(article_id, None) is not None and len(before) >= limit:
            return None
    nearest = sorted(current.items(), key=lambda item: (item[1].distance, item[0]))
    return dict(nearest[:limit])


def with_moves(
    members: Found, moved: Mapping[int, stories.Candidate | None], wanted: set[int]
) -> Found:
    """The members of the ``wanted`` stories after the changes: one placed in one of them (in
    the window) is one now, one moved elsewhere (or made a copy) is not."""
    current = {key: found for key, found in members.items() if found.story_id in wanted}
    for article_id, member in moved.items():
        if member is not None and member.story_id in wanted:
            current[article_id] = member
        else:
            current.pop(article_id, None)
    return current


class _FeatureCache:
    """Candidates' features by article id, with the extraction time they are of, least
    recently used dropped first. An article's text never changes and its entities and events
    change only with a new extraction, so what a process read for one article serves the next
    ones, whose candidates are mostly the same recent articles (and under the story lock only
    the lookup runs again). Held by id, not by (id, time): a lookup of the few hundred
    candidates hashes an integer, not a tuple with a datetime (half the CPU).
    """

    def __init__(self, size: int) -> None:
        self.entries: OrderedDict[int, tuple[datetime | None, clustering.StoryFeatures]] = (
            OrderedDict()
        )
        self.size = size

    def missing(self, found: Found) -> list[int]:
        """The found articles not held as of their extraction."""
        held = self.entries.get
        return [
            article_id
            for article_id, candidate in found.items()
            if (entry := held(article_id)) is None or entry[0] != candidate.extracted_at
        ]

    def take(self, found: Found) -> Candidates:
        """The features held of the found articles, by article id, each now the most recently
        used. Looped here rather than a call per article: an article has a few hundred
        candidates."""
        entries = self.entries
        taken: Candidates = {}
        for article_id, candidate in found.items():
            entry = entries.get(article_id)
            if entry is not None and entry[0] == candidate.extracted_at:
                entries.move_to_end(article_id)
                taken[article_id] = entry[1]
        return taken

    def put(
        self, article_id: int, extracted_at: datetime | None, features: clustering.StoryFeatures
    ) -> None:
        self.entries[article_id] = (extracted_at, features)
        self.entries.move_to_end(article_id)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


@cache
def _feature_cache(size: int) -> _FeatureCache:
    """One per process (per size: a few times the candidates compared per article)."""
    return _FeatureCache(size)


def _follow_canonical(
    session: Session, article_id: int, root_id: int, deduped_before: bool
) -> None:
    """A copy takes its canonical copy's story and has no story decision of its own. Only the
    group's copies not in that story yet are written (usually the new one alone: a story's
    re-sends cost one row each, not the whole group each); story counts hold canonical
    articles only, so they change only where a copy left another story (one that was
    canonical there before, say)."""
    if deduped_before:
        dedupe.record_decisions(session, article_id, [], STORY_DECISIONS)
    story_id = stories.story_of(session, root_id)
    if story_id is not None:
        before = stories.join_copies(session, root_id, story_id)
        left = {story for story in before if story is not None}
        if left:
            stories.refresh(session, left | {story_id})


def _features(row: stories.CandidateRow) -> clustering.StoryFeatures:
    if row.vector is not None:
        vector = clustering.unpack(row.vector)
        named = places.unpack(row.places) if row.places is not None else frozenset()
    else:
        headline, body = row.text or ("", "")
        content = clustering.terms(headline, body, row.language)
        vector = clustering.vector(content.weights)
        named = clustering.places_named(headline, body, content)
    return clustering.StoryFeatures(
        article_id=row.article_id,
        vector=vector,
        places=named,
        entities=row.entities,
        events=row.events,
        published_at=row.published_at,
        happenings=_happenings(row.happenings),
    )


def _happenings(packed: bytes | None) -> happenings.Happenings:
    """An article extracted before happenings were stored has none: it is compared without."""
    return happenings.unpack(packed) if packed is not None else frozenset()


def _decision(found: clustering.StoryMatch) -> rules.Decision:
    """The decision to join the found story (the story the article is placed in)."""
    reason = f"same story as article {found.other.article_id}: {found.reason}"
    return rules.Decision("story", found.other.article_id, found.score, reason, found.story_id)
