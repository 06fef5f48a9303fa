"""Stories in Postgres: candidate articles for a new one, membership, and the story counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import DateTime, Float, LargeBinary, Text, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT
from sqlalchemy.orm import Session

from pipeline.dedupe.rules import Decision
from pipeline.dedupe.stories import PLACE
from pipeline.storage.db import execute, int_array
from pipeline.storage.dedupe import Signature
from pipeline.storage.tables import Article


@dataclass(frozen=True)
class StoryRow:
    """What story clustering needs of the article being placed: entities are the ids (as text)
    and names of the entities it names but its places (what the entity signal compares, see
    ``pipeline.dedupe.stories.participants``), events are event ids (as text), ``happenings``
    the packed kinds and days of its extraction's happenings (None: extracted before they were
    stored)."""

    article_id: int
    headline: str
    body: str
    language: str | None
    published_at: datetime | None
    entities: dict[str, str]
    events: frozenset[str]
    happenings: bytes | None
    placed_through: int  # the last placement committed when the row was read (see candidates)
    root_id: int  # its canonical copy: itself, unless it is a copy


@dataclass(frozen=True)
class CandidateRow:
    """An earlier article as the story step compares it. ``vector`` and ``places`` hold its
    stored, packed features; where an older row has none, ``text`` holds its headline and body
    instead, and ``language`` its language. ``entities``: as ``StoryRow``'s, places left out;
    ``happenings`` are stored with its extraction."""

    article_id: int
    published_at: datetime | None
    vector: bytes | None
    places: bytes | None
    text: tuple[str, str] | None
    language: str | None
    entities: frozenset[str]
    events: frozenset[str]
    happenings: bytes | None


# An article's time, as the story window index holds it.
_SEEN = "coalesce(a.published_at, a.created_at)"
# Stories recounted and stories left empty are disjoint sets of rows, so one statement does
# both.
_RECOUNT_AND_DROP_EMPTY = text(f"""
    WITH recounted AS (
        UPDATE story SET article_count = s.articles, agency_count = s.agencies,
            first_seen_at = s.first_seen, last_seen_at = s.last_seen,
            representative_headline = s.headline, updated_at = now()
        FROM (
            SELECT a.story_id, count(*) AS articles, count(DISTINCT a.agency) AS agencies,
                min({_SEEN}) AS first_seen, max({_SEEN}) AS last_seen,
                (array_agg(a.headline ORDER BY {_SEEN}, a.id))[1]
                    AS headline
            FROM article a
            WHERE a.story_id = ANY(:ids) AND a.duplicate_of_id IS NULL
            GROUP BY a.story_id
        ) AS s
        WHERE story.id = s.story_id
    )
    DELETE FROM story WHERE id = ANY(:ids) AND NOT EXISTS (
        SELECT 1 FROM article a WHERE a.story_id = story.id AND a.duplicate_of_id IS NULL
    )
""").bindparams(bindparam("ids", type_=ARRAY(BIGINT)))


def story_row(session: Session, article_id: int) -> StoryRow:
    """One round trip: the text, the entities with their names, the events and happenings, how
    far the committed placements go, and the canonical copy."""
    row = execute(session, _STORY_ROW, {"id": article_id}).tuples().one()
    (headline, body, language, seen, entity_ids, names, event_ids, happened, placed_through,
     root_id) = row  # fmt: skip
    return StoryRow(
        article_id, headline, body, language, seen,
        {str(entity_id): name for entity_id, name in zip(entity_ids, names, strict=True)},
        frozenset(str(event_id) for event_id in event_ids), happened,
        placed_through, root_id,
    )  # fmt: skip


# Places are compared by their own check, not as entities (as ``participants`` reads them).
_PARTICIPANT = f"e.kind <> '{PLACE.value}'"
# The article's mentions are read once, for entity ids and names alike.
_STORY_ROW = text(f"""
    SELECT a.headline, a.body, a.language, coalesce(a.published_at, a.created_at),
        coalesce(named.ids, '{{}}'), coalesce(named.names, '{{}}'),
        ARRAY(SELECT em.event_id FROM event_mention em WHERE em.article_id = a.id),
        a.story_happenings, (SELECT coalesce(max(placed.story_seq), 0) FROM article placed),
        coalesce(a.duplicate_of_id, a.id)
    FROM article a
    CROSS JOIN LATERAL (
        SELECT array_agg(e.id ORDER BY m.id) AS ids, array_agg(e.name ORDER BY m.id) AS names
        FROM mention m JOIN entity e ON e.id = m.entity_id
        WHERE m.article_id = a.id AND {_PARTICIPANT}
    ) AS named
    WHERE a.id = :id
""")


def story_of(session: Session, article_id: int) -> int | None:
    found = execute(session, select(Article.story_id).where(Article.id == article_id)).scalar()
    return None if found is None else int(found)


def candidate_rows(session: Session, article_ids: Sequence[int]) -> list[CandidateRow]:
    """One round trip: stored vector, entity ids (places left out), event ids and happenings of
    every candidate."""
    if not article_ids:
        return []
    rows = execute(session, _CANDIDATE_ROWS, {"ids": int_array(article_ids)})
    return [
        CandidateRow(
            article_id, published_at, vector, places,
            None if vector is not None else (headline, body), language,
            frozenset(str(entity_id) for entity_id in entity_ids),
            frozenset(str(event_id) for event_id in event_ids), happened,
        )
        for article_id, published_at, vector, places, headline, body, language, entity_ids,
        event_ids, happened in rows.tuples()
    ]  # fmt: skip


# entity_ids holds every entity the article names (what the lookup tests): the places are
# left out by their rows, a few primary-key reads per candidate read.
_CANDIDATE_ROWS = text(f"""
    SELECT a.id, coalesce(a.published_at, a.created_at), a.story_vector, a.story_places,
        CASE WHEN a.story_vector IS NULL THEN a.headline END,
        CASE WHEN a.story_vector IS NULL THEN a.body END, a.language,
        ARRAY(SELECT e.id FROM entity e WHERE e.id = ANY(a.entity_ids) AND {_PARTICIPANT}),
        coalesce(a.event_ids, '{{}}'), a.story_happenings
    FROM article a
    WHERE a.id = ANY(CAST(:ids AS bigint[]))
""")


class Candidate(NamedTuple):  # a tuple: made for every row of every lookup
    story_id: int
    extracted_at: datetime | None  # what an article's features depend on besides its text
    distance: float  # seconds between its time and the placed article's: nearest first


def candidates(
    session: Session, article: StoryRow, words: Sequence[str], window: timedelta, limit: int
) -> dict[int, Candidate]:
    """Canonical articles already in a story, within the window, sharing an entity (a place
    excepted: ``article.entities``), an event or one of the article's heaviest words, with
    their story ids; nearest in time first.

    The lookup walks the placed canonical articles by time (a partial index holds them),
    outward from the article's time, testing each for something shared (entity and event ids
    overlap the arrays its row carries; the words, its full-text vector), and stops at the
    limit, or after ``SCAN_FACTOR`` times the limit of placed articles on each side: its cost
    follows the candidates it returns, bounded whatever the window holds, never everything
    ever stored (going through the mentions first, an entity named in most wire copy made it
    a scan of most mentions, for every new article). In a window busier than the scan, an
    earlier article further away in time than the scan's nearest is not looked at."""
    bounds = {"limit": limit, "scan": SCAN_FACTOR * limit}
    found = execute(session, _CANDIDATES, _lookup(article, words, window) | bounds)
    return {
        article_id: Candidate(story_id, extracted_at, distance)
        for article_id, story_id, extracted_at, distance in found.tuples()
    }


@dataclass(frozen=True)
class Members:
    """Articles of some stories within the window around an article, the article left out, as
    :func:`story_members` reads them: the nearest in time ``limit`` of them all and at least one
    of each story, and how many each story has (what an average over its articles divides by:
    where a story holds more than were read, the others count as 0)."""

    found: dict[int, Candidate]
    sizes: dict[int, int]


@dataclass(frozen=True)
class Since:
    """What :func:`placed_since` read: the changes, as candidates and as members of stories in
    the window, and the sizes of the stories asked about and of those the changed candidates
    are in (as :func:`story_members` counts them, in the same snapshot)."""

    changed: dict[int, Candidate | None]
    moved: dict[int, Candidate | None]  # None: in no story, or out of the window
    sizes: dict[int, int]  # a story with none in the window is left out


def placed_since(
    session: Session,
    article: StoryRow,
    words: Sequence[str],
    window: timedelta,
    story_ids: Iterable[int],
) -> Since:
    """Articles placed (or moved) after ``article.placed_through``: as candidates where they
    are ones now, None where they are not (one became a copy, say). Placements happen under
    the story lock, which every dedupe transaction holds until it commits, and each draws
    ``story_seq`` from a sequence: so, read under that lock, this is every change since. In
    the same round trip, the sizes of the stories given and of the changed candidates'."""
    asked = sorted(set(story_ids))
    values = _lookup(article, words, window) | {
        "after": article.placed_through,
        "ids": int_array(asked),
    }
    changed: dict[int, Candidate | None] = {}
    moved: dict[int, Candidate | None] = {}
    sizes: dict[int, int] = {}
    for article_id, story_id, extracted_at, distance, qualifies, member, size in execute(
        session, _PLACED_SINCE, values
    ).tuples():
        if article_id is None:
            sizes[int(story_id)] = int(size)
            continue
        found = Candidate(story_id, extracted_at, distance)
        changed[article_id] = found if qualifies else None
        moved[article_id] = found if member else None
    return Since(changed, moved, sizes)


def story_members(
    session: Session, article: StoryRow, story_ids: Iterable[int], window: timedelta, limit: int
) -> Members:
    """The canonical articles of the stories within the window around the article (the article
    itself left out, where it is in one already): what an article's score for a story averages
    over, every one of them, not only those sharing something with it (a story's report that
    shares no word looked up may still share words). Bounded as the lookup is: the nearest
    ``limit`` of them all, and the nearest of each story, whatever the stories hold (read by
    the story index). Read under the story lock, it holds every placement committed."""
    ids = sorted(set(story_ids))
    if not ids:
        return Members({}, {})
    lookup = _lookup(article, [], window)
    bounds = {key: lookup[key] for key in ("article_id", "seen", "earliest", "latest")}
    found = execute(session, _STORY_MEMBERS, bounds | {"ids": int_array(ids), "limit": limit})
    members = Members({}, {})
    for article_id, story_id, extracted_at, distance, size in found.tuples():
        members.found[article_id] = Candidate(story_id, extracted_at, distance)
        members.sizes[story_id] = int(size)
    return members


def _lookup(article: StoryRow, words: Sequence[str], window: timedelta) -> dict[str, object]:
    seen = article.published_at or datetime.now().astimezone()
    return {
        "article_id": article.article_id,
        "entities": int_array(map(int, article.entities)),
        "events": int_array(map(int, article.events)),
        "words": " | ".join(words) if words else None,
        "seen": seen,
        "earliest": seen - window,
        "latest": seen + window,
    }


_LOOKUP_TYPES = (
    bindparam("words", type_=Text),
    bindparam("seen", type_=DateTime(timezone=True)),
    bindparam("earliest", type_=DateTime(timezone=True)),
    bindparam("latest", type_=DateTime(timezone=True)),
)
_DISTANCE = f"abs(extract(epoch FROM {_SEEN} - :seen))"
# The window index's predicate, repeated so that the index is used; then what is shared.
_IN_WINDOW = f"""
    a.story_id IS NOT NULL AND a.duplicate_of_id IS NULL
    AND {_SEEN} BETWEEN :earliest AND :latest"""
# The query is a subquery, run once per statement: as a plain call, it was parsed again for
# every row walked (a third of the lookup's CPU in Postgres, with ~450 rows walked).
_SHARES = """(a.entity_ids && CAST(:entities AS bigint[])
         OR a.event_ids && CAST(:events AS bigint[])
         OR a.search @@ (SELECT to_tsquery('simple', :words)))"""
_QUALIFIES = f"{_IN_WINDOW} AND {_SHARES}"
# Constant statements (the words are a parameter, the ids arrays): prepared once per connection.
# The nearest are found walking the window index away from the article's time on each side,
# each walk stopping at the limit (with the rows tied with the last, so that the final order
# by id among equals is exact), and at SCAN_FACTOR times the limit of placed articles read:
# where most share something, a lookup reads about as many rows as it returns; where few do
# (a busy window of unrelated copy), it reads no more than the scan, however many articles the
# window holds (walked to its end, 20,000 unrelated ones cost 30-47 ms a lookup).
SCAN_FACTOR = 10
_NEAREST = """
    (SELECT id, story_id, extracted_at, distance FROM (
        SELECT a.id, a.story_id, a.extracted_at, {distance} AS distance, {seen} AS seen,
            {shares} AS shares
        FROM article a
        WHERE a.id <> :article_id AND {window} AND {seen} {side}
        ORDER BY {seen} {direction}
        LIMIT :scan) AS walked
     WHERE shares
     ORDER BY seen {direction}
     FETCH FIRST :limit ROWS WITH TIES)"""
_CANDIDATES = text(
    # Distances are ordered exact (numeric), and sent as floats (not parsed into Decimals).
    "SELECT id, story_id, extracted_at, CAST(distance AS float8) FROM ("
    + _NEAREST.format(
        seen=_SEEN, distance=_DISTANCE, shares=_SHARES, window=_IN_WINDOW, side="<= :seen",
        direction="DESC",
    )
    + " UNION ALL "
    + _NEAREST.format(
        seen=_SEEN, distance=_DISTANCE, shares=_SHARES, window=_IN_WINDOW, side="> :seen",
        direction="ASC",
    )
    + ") AS nearest ORDER BY nearest.distance, id LIMIT :limit"
).bindparams(*_LOOKUP_TYPES)  # fmt: skip
# The stories compared hold a few articles each; Postgres reads them by the story index or
# walks the window index, as it plans (with 1,400 generated items, the window). Every member
# is counted; the nearest of all, and each story's nearest, are returned, by story and nearest
# first: a story's mean sums its scores in this order, so the order is stated, not left to the
# plan (another plan, another order, a mean different in its last bits).
_MEMBERS_OF = f"""
    SELECT id, story_id, extracted_at, CAST(distance AS float8), size FROM (
        SELECT a.id, a.story_id, a.extracted_at, {_DISTANCE} AS distance,
            count(*) OVER (PARTITION BY a.story_id) AS size,
            row_number() OVER (ORDER BY {_DISTANCE}, a.id) AS nearness,
            row_number() OVER (PARTITION BY a.story_id ORDER BY {_DISTANCE}, a.id) AS in_story
        FROM article a
        WHERE a.story_id = ANY({{ids}}) AND a.duplicate_of_id IS NULL AND a.id <> :article_id
            AND {_SEEN} BETWEEN :earliest AND :latest
    ) AS members
    WHERE nearness <= :limit OR in_story = 1
    ORDER BY story_id, members.distance, id"""
_STORY_MEMBERS = text(_MEMBERS_OF.format(ids="CAST(:ids AS bigint[])")).bindparams(
    bindparam("seen", type_=DateTime(timezone=True)),
    bindparam("earliest", type_=DateTime(timezone=True)),
    bindparam("latest", type_=DateTime(timezone=True)),
)
# A story's size as story_members counts it.
_SIZES_OF = f"""
    SELECT a.story_id, count(*) AS size FROM article a
    WHERE a.story_id = ANY({{ids}}) AND a.duplicate_of_id IS NULL AND a.id <> :article_id
        AND {_SEEN} BETWEEN :earliest AND :latest
    GROUP BY a.story_id"""
# Rows of both kinds in one result: a change has an article id, a story's size none.
_PLACED_SINCE = text(f"""
    WITH since AS (
        SELECT a.id, a.story_id, a.extracted_at, {_DISTANCE} AS distance,
            coalesce({_QUALIFIES}, false) AS qualifies, coalesce({_IN_WINDOW}, false) AS member
        FROM article a
        WHERE a.story_seq > :after AND a.id <> :article_id
    ), asked AS (
        SELECT unnest(CAST(:ids AS bigint[])) AS story_id
        UNION SELECT story_id FROM since WHERE qualifies
    )
    SELECT id, story_id, extracted_at, CAST(distance AS float8), qualifies, member,
        NULL::bigint AS size
    FROM since
    UNION ALL
    SELECT NULL, sized.story_id, NULL, NULL, NULL, NULL, sized.size FROM (
        {_SIZES_OF.format(ids="ARRAY(SELECT story_id FROM asked)")}
    ) AS sized
""").bindparams(*_LOOKUP_TYPES)


@dataclass(frozen=True)
class Packed:
    """The story features stored with a canonical article: its word vector and places."""

    vector: bytes
    places: bytes


def place(
    session: Session,
    root_id: int,
    story_id: int | None,
    features: Packed | None,
    signature: Signature | None = None,
    decision: Decision | None = None,
) -> int:
    """The canonical article (and its copies) into the story, a new one when ``story_id`` is
    None, with the story's counts kept; returns the story id. A story's counts follow from the
    article itself when it is new in it and only extends it in time; anything else (an
    article or copy moving between stories, one earlier than the story's first) recounts the
    stories concerned from their canonical articles. One round trip, but for a recount. The
    article's ``signature``, where given, is stored in the same write of its row (see
    :func:`pipeline.storage.dedupe.store_bands`), and its story ``decision``, where given, is
    added in the same round trip (for an article with none to replace: never deduped)."""
    values = {
        "root_id": root_id,
        "story_id": story_id,
        "vector": features.vector if features else None,
        "places": features.places if features else None,
        "minhash": signature.minhash if signature else None,
        "shingle_hashes": signature.shingle_hashes if signature else None,
        "decision": decision.decision if decision else None,
        "related": decision.related_article_id if decision else None,
        "score": decision.score if decision else None,
        "reason": decision.reason if decision else None,
        "decided_story": decision.story_id if decision else None,
    }
    placed_id, counted, before = execute(session, _PLACE, values).tuples().one()
    moved = {left_id for left_id in before if left_id is not None}
    if not moved and (story_id is None or counted):
        return int(placed_id)
    refresh(session, moved | {placed_id})
    return int(placed_id)


# A new story is opened where none is given; the canonical article and all its copies join
# the story, the canonical one storing its features, its signature where given, and its stage
# (one row version); the story they were in
# before is returned for each (the FROM list reads the rows before the update). Where none of
# them was in a story and the story was given, it counts the article in, where the story's
# first article stays first (its headline stays the representative one): the agency test
# reads the story's articles only to find one of the same agency, which most are, and reads
# them as they were before this statement, without the article (its copies are not canonical).
# Every call runs under the story lock, so story_seq grows in commit order (placed_since).
# A story decision given is added (an article placed for the first time has none to drop).
_PLACE = text(f"""
    WITH opened AS (
        INSERT INTO story (representative_headline, article_count, agency_count,
            first_seen_at, last_seen_at)
        SELECT a.headline, 1, (a.agency IS NOT NULL)::int, {_SEEN}, {_SEEN} FROM article a
        WHERE a.id = :root_id AND CAST(:story_id AS bigint) IS NULL
        RETURNING id
    ), target AS (
        SELECT coalesce(CAST(:story_id AS bigint), (SELECT id FROM opened)) AS id
    ), joined AS (
        UPDATE article a SET story_id = (SELECT id FROM target),
            story_seq = nextval('article_story_seq'), updated_at = now(),
            story_vector = CASE WHEN a.id = :root_id THEN coalesce(:vector, a.story_vector)
                           ELSE a.story_vector END,
            story_places = CASE WHEN a.id = :root_id THEN coalesce(:places, a.story_places)
                           ELSE a.story_places END,
            minhash = CASE WHEN a.id = :root_id THEN coalesce(:minhash, a.minhash)
                      ELSE a.minhash END,
            shingle_hashes = CASE WHEN a.id = :root_id
                             THEN coalesce(:shingle_hashes, a.shingle_hashes)
                             ELSE a.shingle_hashes END,
            stage = CASE WHEN a.id = :root_id THEN 'dedupe' ELSE a.stage END
        FROM (SELECT id, story_id FROM article
              WHERE id = :root_id OR duplicate_of_id = :root_id) AS before
        WHERE a.id = before.id
        RETURNING before.story_id
    ), counted AS (
        UPDATE story s SET article_count = s.article_count + 1,
            agency_count = s.agency_count + (a.agency IS NOT NULL AND NOT EXISTS (
                SELECT FROM article o WHERE o.story_id = s.id AND o.duplicate_of_id IS NULL
                    AND o.agency = a.agency AND o.id <> a.id))::int,
            last_seen_at = greatest(s.last_seen_at, {_SEEN}), updated_at = now()
        FROM article a
        WHERE s.id = :story_id AND a.id = :root_id AND {_SEEN} > s.first_seen_at
            AND NOT EXISTS (SELECT FROM joined WHERE joined.story_id IS NOT NULL)
        RETURNING s.id
    ), decided AS (
        INSERT INTO dedupe_decision (article_id, decision, related_article_id, score, reason,
            story_id)
        SELECT :root_id, :decision, :related, :score, :reason, :decided_story
        WHERE CAST(:decision AS text) IS NOT NULL
    )
    SELECT (SELECT id FROM target), EXISTS (SELECT FROM counted),
        ARRAY(SELECT story_id FROM joined)
""").bindparams(
    bindparam("story_id", type_=BIGINT),
    bindparam("decision", type_=Text),
    bindparam("related", type_=BIGINT),
    bindparam("score", type_=Float),
    bindparam("reason", type_=Text),
    bindparam("decided_story", type_=BIGINT),
    bindparam("vector", type_=LargeBinary),
    bindparam("places", type_=LargeBinary),
    bindparam("minhash", type_=LargeBinary),
    bindparam("shingle_hashes", type_=LargeBinary),
)


def join_copies(session: Session, root_id: int, story_id: int) -> list[int | None]:
    """The canonical article's copies not in the story join it; returns the story each was
    in before (never ``story_id``)."""
    return list(
        execute(session, _JOIN_COPIES, {"root_id": root_id, "story_id": story_id}).scalars()
    )


# Placements are numbered as in _SET_STORY (placed_since reads them).
_JOIN_COPIES = text("""
    UPDATE article a SET story_id = :story_id, story_seq = nextval('article_story_seq'),
        updated_at = now()
    FROM (SELECT id, story_id FROM article
          WHERE duplicate_of_id = :root_id AND story_id IS DISTINCT FROM :story_id) AS before
    WHERE a.id = before.id
    RETURNING before.story_id
""")


def refresh(session: Session, story_ids: Iterable[int]) -> None:
    """Recount the stories from their canonical articles; a story left empty is removed."""
    ids = sorted(set(story_ids))
    if ids:
        execute(session, _RECOUNT_AND_DROP_EMPTY, {"ids": ids})
