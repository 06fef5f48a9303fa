"""The relational schema, as SQLAlchemy models. Alembic migrations are checked against it.

Names follow Postgres' own conventions (``article_pkey``, ``mention_article_id_fkey``) through
the metadata naming convention, so every constraint has a predictable name in migrations.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "%(column_0_label)s_idx",
    "uq": "%(table_name)s_%(column_0_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}
FILE_STATUSES = ("queued", "processing", "done", "duplicate", "failed")
FINAL_STATUSES = ("done", "duplicate", "failed")
# Not a status a row holds: what the reports count a row superseded by its file's later bytes as
# (its own verdict is no longer the file's; a superseded failure is no failure of the file).
SUPERSEDED = "superseded"
COUNTED_STATUSES = (*FILE_STATUSES, SUPERSEDED)
# An item's stage: the last one committed for it, or failed (see ItemFailure for why).
ITEM_STAGES = ("parse", "extract", "dedupe", "failed")
OPEN_ITEM_STAGES = ("parse", "extract")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSONB,
    }


def _created() -> Mapped[datetime]:
    return mapped_column(server_default=func.now())


def _updated() -> Mapped[datetime]:
    return mapped_column(server_default=func.now(), onupdate=func.now())


class SourceFile(Base):
    """The ledger: one row per distinct file content, whatever name it came under."""

    __tablename__ = "source_file"
    __table_args__ = (
        CheckConstraint(f"status IN {FILE_STATUSES}", name="status"),
        Index(None, "status", "updated_at"),
        Index(None, "received_at"),  # the status page's backlog over time
        # /metrics: the few rows superseded by later bytes, counted apart by status.
        Index(
            "source_file_superseded_idx",
            "status",
            postgresql_where=text("superseded_by_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64), unique=True)  # None: refused unread
    original_name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(server_default=func.now())
    status: Mapped[str] = mapped_column(String(16), server_default="queued")
    stage: Mapped[str | None] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    format: Mapped[str | None] = mapped_column(String(32))
    article_count: Mapped[int] = mapped_column(Integer, server_default="0")
    error_kind: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    # The row of the same file's later bytes (it changed after it was taken): this row is no
    # longer the file's verdict.
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_file.id", ondelete="SET NULL")
    )
    quarantined_as: Mapped[str | None] = mapped_column(Text)  # its name in the failed folder
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class FileReceipt(Base):
    """Every drop of a file, including copies of content already in the ledger."""

    __tablename__ = "file_receipt"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    source_file_id: Mapped[int] = mapped_column(
        ForeignKey("source_file.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    is_copy: Mapped[bool] = mapped_column(Boolean, server_default="false")
    created_at: Mapped[datetime] = _created()


class Story(Base):
    """One story told by one or more articles, possibly from several agencies."""

    __tablename__ = "story"
    __table_args__ = (Index(None, "updated_at"),)  # the status page's stories of the day

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    representative_headline: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    article_count: Mapped[int] = mapped_column(Integer, server_default="0")
    agency_count: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Article(Base):
    """One normalised news item; a source file may hold several."""

    __tablename__ = "article"
    __table_args__ = (
        UniqueConstraint("source_file_id", "item_index"),
        CheckConstraint("pubstatus IN ('usable', 'withheld', 'canceled')", name="pubstatus"),
        Index(None, "item_key", "version"),
        Index("article_search_idx", "search", postgresql_using="gin"),
        # The story step's candidates: placed canonical articles within a time window.
        Index(
            "article_story_window_idx",
            text("coalesce(published_at, created_at)"),
            postgresql_where=text("story_id IS NOT NULL AND duplicate_of_id IS NULL"),
        ),
        # The status page: articles per minute, and each source's arrivals (its cadence).
        Index(None, "created_at"),
        Index("article_agency_created_at_idx", "agency", "created_at"),
        CheckConstraint(f"stage IN {ITEM_STAGES}", name="stage"),
        # Only the items still open: whether a file has any left is one index probe.
        Index(
            "article_open_items_idx",
            "source_file_id",
            postgresql_where=text(f"stage IN {OPEN_ITEM_STAGES}"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_file.id", ondelete="CASCADE"))
    item_index: Mapped[int] = mapped_column(Integer)
    # Written in the transaction of each stage's results: a file's items go through the
    # stages each on its own (a redelivered message redoes only the items still open).
    stage: Mapped[str] = mapped_column(String(16), server_default="parse")
    format: Mapped[str] = mapped_column(String(32))
    item_key: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    agency: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str] = mapped_column(Text)
    subheadline: Mapped[str | None] = mapped_column(Text)
    slugline: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    dateline_place: Mapped[str | None] = mapped_column(Text)
    dateline_text: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    urgency: Mapped[int | None] = mapped_column(SmallInteger)
    pubstatus: Mapped[str] = mapped_column(String(16))
    embargo_until: Mapped[datetime | None]
    first_created_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    is_correction: Mapped[bool] = mapped_column(Boolean, server_default="false")
    update_marker: Mapped[str | None] = mapped_column(Text)
    copyright: Mapped[str | None] = mapped_column(Text)
    subjects: Mapped[list[Any]] = mapped_column(JSONB, server_default="[]")
    paragraphs: Mapped[list[Any]] = mapped_column(JSONB)
    body: Mapped[str] = mapped_column(Text)
    body_hash: Mapped[str] = mapped_column(String(64), index=True)
    raw_meta: Mapped[dict[str, Any]] = mapped_column(server_default="{}")
    warnings: Mapped[list[Any]] = mapped_column(JSONB, server_default="[]")
    # Written with headline and body by the article upsert (storage.articles): a generated
    # column would be computed again on every update of the row.
    search: Mapped[str] = mapped_column(TSVECTOR)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    is_killed: Mapped[bool] = mapped_column(Boolean, server_default="false")
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("story.id", ondelete="SET NULL"), index=True
    )
    dateline_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL"), index=True
    )
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Its sorted shingle hashes (pipeline.dedupe.minhash.shingles), written with the signature:
    # what a later article verifies it by as a copy candidate without shingling its body again.
    shingle_hashes: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Content-word weights the story step compares, packed (pipeline.dedupe.stories.pack).
    story_vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The places its text names, packed (pipeline.dedupe.places.pack), written with the vector.
    story_places: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Drawn from article_story_seq as the article joins a story, under the story lock.
    story_seq: Mapped[int | None] = mapped_column(BigInteger, index=True)
    extractor_version: Mapped[str | None] = mapped_column(Text)
    extracted_at: Mapped[datetime | None]
    # The distinct entities and events its mentions name, written with them: what the story
    # step's candidate lookup tests on every article it walks.
    entity_ids: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))
    event_ids: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))
    # The kind and day of what it reports as happened, packed (pipeline.dedupe.happenings.pack),
    # written with its extraction: what tells two happenings of one kind apart in the story
    # step.
    story_happenings: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Entity(Base):
    """One canonical identity (person, organisation, place, other name)."""

    __tablename__ = "entity"
    __table_args__ = (Index(None, "kind", "name"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    feature_class: Mapped[str | None] = mapped_column(String(8))
    # Organisations: company, agency, team or institution, when the text says which.
    category: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Mention(Base):
    """One place in one article's body where an entity is named."""

    __tablename__ = "mention"
    __table_args__ = (UniqueConstraint("article_id", "start_char", "end_char", "entity_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    sentence_index: Mapped[int] = mapped_column(Integer)
    role: Mapped[str | None] = mapped_column(Text)
    affiliation_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL")
    )
    # How it was found: model, rule, lexicon or gazetteer (NULL: extracted before it was kept).
    method: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


class Event(Base):
    """One happening; every report of it is an ``event_mention``."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("quad_class BETWEEN 1 AND 4", name="quad_class"),
        CheckConstraint("scheme IN ('cameo', 'wire')", name="scheme"),
        Index(None, "root_code", "event_date"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    happening_key: Mapped[str] = mapped_column(Text, unique=True)
    code: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(Text)
    root_code: Mapped[str] = mapped_column(String(4))
    # CAMEO's quad class; wire-scheme happenings (an earthquake, a merger) have none.
    quad_class: Mapped[int | None] = mapped_column(SmallInteger)
    scheme: Mapped[str] = mapped_column(String(8), server_default="cameo")
    actor_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL"), index=True
    )
    target_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL"), index=True
    )
    location_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL")
    )
    event_date: Mapped[date | None] = mapped_column(Date)
    event_date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    num_mentions: Mapped[int] = mapped_column(Integer, server_default="0")
    num_articles: Mapped[int] = mapped_column(Integer, server_default="0")
    num_sources: Mapped[int] = mapped_column(Integer, server_default="0")
    first_seen_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    extractor_version: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class EventMention(Base):
    """One report of an event: one sentence of one article, with its evidence offsets."""

    __tablename__ = "event_mention"
    __table_args__ = (
        UniqueConstraint("article_id", "sentence_index", "trigger_start", "event_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    sentence_index: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    actor_text: Mapped[str | None] = mapped_column(Text)
    target_text: Mapped[str | None] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(Text)
    modality: Mapped[str] = mapped_column(String(16))
    attribution: Mapped[str | None] = mapped_column(Text)
    # The reporting word ("told", "according") and its offset in the body, when reported.
    attribution_trigger: Mapped[str | None] = mapped_column(Text)
    attribution_trigger_start: Mapped[int | None] = mapped_column(Integer)
    # The verb that gives the modality ("decided", "plans"), and its offset.
    modality_trigger: Mapped[str | None] = mapped_column(Text)
    modality_trigger_start: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


class EventWord(Base):
    """Another word of the article telling the happening an ``event_mention`` reports: the
    light verb or event noun beside its trigger (companion), or a later noun naming it again
    (repeat). Goes with the report it belongs to."""

    __tablename__ = "event_word"
    __table_args__ = (CheckConstraint("kind IN ('companion', 'repeat')", name="kind"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_mention_id: Mapped[int] = mapped_column(
        ForeignKey("event_mention.id", ondelete="CASCADE"), index=True
    )
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))


class Action(Base):
    """A word of an article that tells a happening or a state, coded or not: a clause's verb
    or an event noun, with its WordNet class (``supersense``). Replaced with each extraction."""

    __tablename__ = "action"
    __table_args__ = (CheckConstraint("part IN ('verb', 'noun')", name="part"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int] = mapped_column(Integer)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    lemma: Mapped[str] = mapped_column(Text)
    part: Mapped[str] = mapped_column(String(8))
    supersense: Mapped[str | None] = mapped_column(String(16))


class DedupeDecision(Base):
    """Why an article was linked to another one or to a story, with the score."""

    __tablename__ = "dedupe_decision"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(String(24))
    related_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int | None] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


class LshBand(Base):
    """MinHash LSH band hashes: articles sharing a (band, hash) are near-duplicate candidates."""

    __tablename__ = "lsh_band"
    __table_args__ = (Index(None, "band", "hash"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)


class ItemFailure(Base):
    """An item quarantined while the rest of its file is stored: skipped by the parser (its
    ``item_index`` is then its position among the file's items) or failed in a later stage
    (the index of its article)."""

    __tablename__ = "item_failure"
    __table_args__ = (UniqueConstraint("source_file_id", "stage", "item_index"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_file.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(16))
    item_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
