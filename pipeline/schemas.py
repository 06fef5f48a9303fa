"""Pydantic models that cross module and process boundaries.

Offsets (``start``/``end``) always index :attr:`Article.body`, the paragraphs joined by a blank
line, so that every extracted fact can be pointed back to its characters.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

PARAGRAPH_SEPARATOR = "\n\n"


class PubStatus(StrEnum):
    USABLE = "usable"
    WITHHELD = "withheld"
    CANCELED = "canceled"


class Subject(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str | None = None
    name: str | None = None
    scheme: str | None = None


class Article(BaseModel):
    """One normalised wire item, whatever format it came in."""

    model_config = ConfigDict(frozen=True)

    format: str = Field(description="registry name of the parser that produced it")
    item_key: str = Field(description="stable identity of the story across its versions")
    version: int = 1
    item_index: int = Field(0, description="position of the item within its source file")
    agency: str | None = None
    headline: str
    subheadline: str | None = None
    slugline: str | None = None
    byline: str | None = None
    dateline_place: str | None = None
    dateline_text: str | None = None
    published_at: datetime | None = Field(None, description="versioncreated, UTC")
    first_created_at: datetime | None = None
    embargo_until: datetime | None = None
    language: str | None = None
    urgency: int | None = Field(None, ge=1, le=9)
    pubstatus: PubStatus = PubStatus.USABLE
    subjects: list[Subject] = Field(default_factory=list)
    copyright: str | None = None
    is_correction: bool = False
    update_marker: str | None = Field(None, description="take key, write-through or update note")
    paragraphs: list[str]
    raw_meta: dict[str, Any] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)

    @field_validator("published_at", "first_created_at", "embargo_until")
    @classmethod
    def _must_be_aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("datetimes must be timezone-aware")
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def dateline_date(self) -> dt.date | None:
        """The day the story is told from: the reference for relative dates."""
        stamp = self.published_at or self.first_created_at
        return stamp.date() if stamp else None


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    LOCATION = "location"
    MISC = "misc"


class Entity(BaseModel):
    """A canonical identity: one row in ``entity`` however many times it is mentioned."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="stable key, e.g. 'person:dmitry-rogozin' or 'geonames:524901'")
    kind: EntityKind
    name: str
    aliases: list[str] = Field(default_factory=list)
    geonames_id: int | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature_class: str | None = None
    category: str | None = Field(
        None, description="kind of organisation: company, agency, team or institution"
    )


class Mention(BaseModel):
    model_config = ConfigDict(frozen=True)

    entity_key: str
    text: str
    start: int
    end: int
    sentence_index: int
    role: str | None = Field(None, description="title or function, e.g. 'General Director'")
    affiliation_key: str | None = None
    method: str = Field(
        "model", description="how it was found: model, rule, lexicon (a name list) or gazetteer"
    )


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class Modality(StrEnum):
    HAPPENED = "happened"
    PLANNED = "planned"
    CONSIDERED = "considered"
    DENIED = "denied"


class EventWordKind(StrEnum):
    COMPANION = "companion"
    REPEAT = "repeat"


class EventWord(BaseModel):
    """Another word of the article that tells an event's happening: the light verb or event
    noun beside its trigger (companion), or a later noun naming it again (repeat)."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(description="offset in the body")
    end: int
    kind: EventWordKind


class EventRecord(BaseModel):
    """One report of a happening in one sentence of one article."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="event code, kept as text (leading zeros matter)")
    scheme: str = Field("cameo", description="codebook of the code: cameo or wire")
    label: str
    root_code: str
    quad_class: int | None = Field(None, ge=1, le=4, description="CAMEO's; none for wire codes")
    actor_key: str | None = None
    actor_text: str | None = None
    target_key: str | None = None
    target_text: str | None = None
    trigger: str
    trigger_start: int
    sentence_index: int
    start: int = Field(description="evidence sentence start offset in the body")
    end: int
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    location_key: str | None = None
    attribution: str | None = None
    attribution_trigger: str | None = Field(
        None, description='the word that reports the event ("told", "according"), if reported'
    )
    attribution_trigger_start: int | None = Field(None, description="its offset in the body")
    modality: Modality = Modality.HAPPENED
    modality_trigger: str | None = Field(
        None, description='the verb that gives the modality ("decided", "plans")'
    )
    modality_trigger_start: int | None = Field(None, description="its offset in the body")
    words: list[EventWord] = Field(
        default_factory=list, description="other words of the article telling the happening"
    )
    confidence: float = Field(0.5, ge=0.0, le=1.0)


class ActionPart(StrEnum):
    VERB = "verb"
    NOUN = "noun"


class Action(BaseModel):
    """A word that tells a happening or a state, coded or not: a clause's verb or an event
    noun (ECB+'s actions, TimeML's events). Coded events are the subset a codebook knows."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(description="offset in the body")
    end: int
    sentence_index: int
    lemma: str
    part: ActionPart
    supersense: str | None = Field(
        None, description="WordNet lexicographer class of its first sense: motion, act, ..."
    )


class Extraction(BaseModel):
    """Everything the extract stage learned from one article."""

    model_config = ConfigDict(frozen=True)

    extractor_version: str
    language_supported: bool = True
    unread: str | None = Field(
        None, description="why no model read the text (its language, or its length)"
    )
    dateline_key: str | None = Field(None, description="entity of the dateline place")
    entities: list[Entity] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
