"""``wire bench`` and ``wire eval``: commands that measure and print figures."""

from __future__ import annotations

from pathlib import Path
from statistics import median
from typing import Annotated

import typer

from pipeline.formats import ParseOptions
from pipeline.settings import Settings, get_settings
from pipeline.storage.scratch import scratch_database
from workers.bench import report
from workers.cli.support import require_broker, setup
from workers.runtime import resources as runtime
from workers.runtime.logs import configure_logging

ROOT = Path(__file__).resolve().parents[2]

bench_app = typer.Typer(help="Benchmarks that print figures.", no_args_is_help=True)
eval_app = typer.Typer(help="Quality against gold data.", no_args_is_help=True)


@bench_app.command("ingest")
def bench_ingest(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False)],
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    rate: Annotated[float, typer.Option(help="Files/s offered for the latency run.")] = 10.0,
    repeat: Annotated[
        int,
        typer.Option(
            min=1,
            help="Whole measurements, one after another (a shared host's "
            "speed drifts: each gives a ratio, their median is printed).",
        ),
    ] = 1,
) -> None:
    """Throughput through real workers next to the bare stages, latency, memory, stage times.

    A quarter of the files (at most 20 s worth at RATE) is kept for the latency run, dropped
    one by one into an inbox a real watcher watches; the rest is queued at once as a backlog
    and also run through the bare stages in one process and in WORKERS processes, the latter
    before and after the pipeline (the machine's speed drifts: the ratio is to their mean).
    """
    from workers.bench import ingest as bench

    contents = bench.read_folder(folder)
    measured = [_measure_ingest(contents, workers, rate) for _ in range(repeat)]
    ratios = [ratio for ratio in measured if ratio is not None]
    if repeat > 1 and ratios:
        listed = ", ".join(f"{ratio:.2f}" for ratio in ratios)
        typer.echo(f"ratios of the {len(ratios)} sound measurements: {listed}"
                   f" (median {median(ratios):.2f})")  # fmt: skip
    if len(ratios) < len(measured):
        raise typer.Exit(code=1)


def _measure_ingest(contents: list[tuple[str, bytes]], workers: int, rate: float) -> float | None:
    """One whole measurement, printed; returns its ratio to the bare stages in N processes,
    or None (and prints no ratio) when a file failed that the bare stages took or an article
    was left without dedupe: a ratio would time a pipeline that did not do the work."""
    from workers.bench import ingest as bench

    settings = _bench_settings()
    offered = min(len(contents) // 4, int(rate * 20))
    backlog = contents[offered:]
    bare_one, _ = bench.bare_run(backlog, settings)
    before = bench.bare_run(backlog, settings, workers)
    with (
        scratch_database(str(settings.database_url), "wire_bench") as url,
        bench.WorkerPool(url, str(settings.broker_url), workers) as pool,
    ):
        piped, cpu, file_ids = bench.backlog_run(pool, backlog)
        outcome = pool.outcome(file_ids, bench.rejected_by_parse(backlog, settings))
        piped_stages = pool.stage_seconds()
        latencies = bench.dropped_run(pool, contents[:offered], rate) if offered else None
    after = bench.bare_run(backlog, settings, workers)
    bare, stages = bench.one_after_another([before, after])
    runs = report.BenchRuns(bare_one, bare, piped, workers, (before[0], after[0]))
    report.print_bench(runs, stages, piped_stages)
    report.print_cpu(cpu, piped.articles, stages, bare.articles, piped_stages, piped.seconds)
    report.print_latency(latencies, rate)
    report.print_memory(pool.peak_rss, pool.rss_trace)
    report.print_outcome(outcome)
    if not outcome.sound:
        return None
    report.print_ratios(runs)
    return report.ratio(piped, bare)


@bench_app.command("latency")
def bench_latency(
    folder: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="The files to drop.")
    ],
    backlog: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            file_okay=False,
            help="Files queued at once before the drop (other content than FOLDER's; none: "
            "the files are dropped on idle workers).",
        ),
    ] = None,
    after: Annotated[
        float, typer.Option(help="Seconds from queuing the backlog to the first drop.")
    ] = 10.0,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    rate: Annotated[float, typer.Option(help="Files/s dropped.")] = 10.0,
) -> None:
    """FOLDER's files dropped at RATE into an inbox a real watcher watches, AFTER seconds into
    the run of a BACKLOG (in a scratch database, on a private queue): from each drop to the
    file's first article stored, to its first article through every stage and to the file
    final, and how many messages waited in the queues when the first file was dropped."""
    from workers.bench import ingest as bench

    settings = _bench_settings()
    queued = bench.read_folder(backlog) if backlog else []
    with (
        scratch_database(str(settings.database_url), "wire_latency") as url,
        bench.WorkerPool(url, str(settings.broker_url), workers) as pool,
    ):
        dropped = bench.read_folder(folder)
        latencies, waiting, file_ids = bench.dropped_behind(pool, queued, dropped, after, rate)
        outcome = pool.outcome(file_ids, bench.rejected_by_parse(queued, settings))
    report.print_latency(latencies, rate)
    typer.echo(f"dropped {after:g} s into a backlog of {len(queued)} files, behind {waiting}"
               " messages waiting in the queues")  # fmt: skip
    report.print_memory(pool.peak_rss, pool.rss_trace)
    report.print_outcome(outcome)
    if not outcome.sound:
        raise typer.Exit(code=1)


_SOURCE = typer.Option(
    exists=True,
    help="Wire files or folders whose articles give the sentences (default: the bundled "
    "samples; a larger corpus gives items of more distinct stories).",
)


def _sentences(source: list[Path] | None, language: str = "en") -> list[str]:
    from workers.bench.corpus import sentence_pool

    return sentence_pool(source or [ROOT / "samples"], language)


@bench_app.command("backlog")
def bench_backlog(
    count: Annotated[
        int, typer.Option(help="Files in the inbox when the watcher starts.")
    ] = 100_000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    seconds: Annotated[
        float, typer.Option(help="How long to run at most (it stops once the backlog is done).")
    ] = 900.0,
    every: Annotated[float, typer.Option(help="Seconds between samples.")] = 15.0,
    source: Annotated[list[Path] | None, _SOURCE] = None,
) -> None:
    """Memory of watcher, workers and Redis while an inbox of COUNT generated files is taken
    in and worked off, for at most SECONDS (in a scratch database, on a private queue)."""
    from workers.bench import ingest as bench
    from workers.bench.backlog import backlog_memory
    from workers.bench.corpus import generate

    settings = _bench_settings()
    items = generate(_sentences(source), count)
    with (
        scratch_database(str(settings.database_url), "wire_backlog") as url,
        bench.WorkerPool(url, str(settings.broker_url), workers) as pool,
    ):
        samples = backlog_memory(pool, items, seconds, every, report.print_backlog_sample)
    report.print_backlog(samples, count, workers)


@bench_app.command("locks")
def bench_locks(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
) -> None:
    """FILES (files of many items: `wire bench generate --items-per-file 10000`) through real
    workers in a scratch database: how they ended, how long it took, and the most advisory
    locks one backend held at once, next to the server's lock table and what all of a file's
    items in one transaction would have needed."""
    from workers.bench import ingest as bench
    from workers.bench.locks import LockWatch, lock_table_size

    settings = _bench_settings()
    contents = [(path.name, path.read_bytes()) for path in files]
    with (
        scratch_database(str(settings.database_url), "wire_locks") as url,
        bench.WorkerPool(url, str(settings.broker_url), workers) as pool,
        LockWatch(pool.engine) as watch,
    ):
        piped, _, file_ids = bench.backlog_run(pool, contents)
        outcome = pool.outcome(file_ids, 0)
        lock_table = lock_table_size(pool.engine)
    report.print_locks(piped, watch, lock_table)
    report.print_outcome(outcome)
    if not outcome.sound:
        raise typer.Exit(code=1)


def _bench_settings() -> Settings:
    """Settings of a benchmark: a broker and a Postgres server are required; quiet logs."""
    settings = setup()
    require_broker(settings)
    if not settings.database_url:
        typer.echo("error: WIRE_DATABASE_URL must name a Postgres server to benchmark on", err=True)
        raise typer.Exit(code=2)
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))  # the watcher's
    return settings


@bench_app.command("generate")
def bench_generate(
    out: Annotated[Path, typer.Argument(file_okay=False, help="Folder to write into.")],
    count: Annotated[int, typer.Option(help="Items to write.")] = 1000,
    source: Annotated[list[Path] | None, _SOURCE] = None,
    items_per_file: Annotated[
        int, typer.Option(min=1, help="Items in each file: more than 1 writes collections.")
    ] = 1,
    form: Annotated[
        str, typer.Option("--format", help="Collections as sgml (Reuters-21578) or rss.")
    ] = "sgml",
    language: Annotated[
        str, typer.Option(help="Language of the sentences (en, or one items declare: de).")
    ] = "en",
    real: Annotated[
        bool,
        typer.Option(
            "--real",
            help="Collections of the real articles of --source as they are (each once, at most "
            "COUNT) instead of generated items.",
        ),
    ] = False,
) -> None:
    """Write COUNT unique wire items for benchmarks: plain-text files of 300-600 words, or
    collections of ITEMS_PER_FILE short items each (60-200 words, as agency collections
    carry them); with --real, collections of real items."""
    from workers.bench.corpus import collection, generate

    out.mkdir(parents=True, exist_ok=True)
    if real:
        written = _write_real(out, source, count, items_per_file, form, language)
        typer.echo(f"wrote {written} real items to {out}")
        return
    pool = _sentences(source, language)
    if items_per_file == 1:
        for name, data in generate(pool, count):
            (out / name).write_bytes(data)
    else:
        suffix = ".sgm" if form == "sgml" else ".xml"
        for first in range(0, count, items_per_file):
            data = collection(
                pool, min(items_per_file, count - first), form, first, language=language
            )
            (out / f"bench-{first:06d}{suffix}").write_bytes(data)
    typer.echo(f"wrote {count} items to {out}")


def _write_real(
    out: Path, source: list[Path] | None, count: int, size: int, form: str, language: str
) -> int:
    from workers.bench.corpus import collection_of, real_stories

    stories = real_stories(source or [ROOT / "samples"], language)[:count]
    suffix = ".sgm" if form == "sgml" else ".xml"
    for first in range(0, len(stories), size):
        data = collection_of(stories[first : first + size], form, language)
        (out / f"real-{first:06d}{suffix}").write_bytes(data)
    return len(stories)


@bench_app.command("parse")
def bench_parse(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False)],
    rounds: Annotated[int, typer.Option(help="Parses of each file; the mean is used.")] = 5,
) -> None:
    """Parse throughput per format (items per CPU second of one core). No database."""
    from workers.bench import ingest as bench

    options = ParseOptions.from_settings(get_settings())
    figures = bench.parse_throughput(bench.read_folder(folder), options, rounds)
    report.print_parse_bench(figures)


@eval_app.command("ner")
def eval_ner(
    gold: Annotated[
        list[Path] | None,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="CoNLL-2003 files (default: the project's gold, tuned on and held out).",
        ),
    ] = None,
) -> None:
    """Entity precision/recall/F1 per type, ours next to the bare spaCy model, for each file,
    each report saying whether its data was used to tune the recognizer."""
    from pipeline.evaluation.ner import evaluate_ner

    files = gold or sorted((ROOT / "tests" / "data" / "gold").glob("ner-*.conll"))
    typer.echo("\n\n".join(evaluate_ner(path, runtime.nlp()) for path in files))


@eval_app.command("dates")
def eval_dates(
    gold: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="TSV: text, reference_date, …")
    ],
) -> None:
    """Accuracy of date resolution, overall and per precision, with the misses."""
    from pipeline.evaluation.dates import evaluate_dates

    typer.echo(evaluate_dates(gold))


@eval_app.command("events")
def eval_events(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="ECB+ documents.")],
    sample: Annotated[
        int, typer.Option(help="Print N events drawn at random for a person to judge instead.")
    ] = 0,
) -> None:
    """Trigger and argument precision/recall/F1 against ECB+ gold event mentions, apart for the
    topics used for tuning; with --sample, events to judge by hand."""
    from pipeline.evaluation.events import evaluate_events, sample_events

    if sample > 0:
        typer.echo(sample_events(folder, runtime.nlp(), sample))
        return
    typer.echo(evaluate_events(folder, runtime.nlp()))


@eval_app.command("tables")
def eval_tables(
    folders: Annotated[
        list[Path], typer.Argument(exists=True, file_okay=False, help="Folders of wire files.")
    ],
) -> None:
    """Entity mentions on table, price-list and results lines of real copy, in 100, with the
    prose filter and without it, each listed for a person to judge."""
    from pipeline.evaluation.tables import articles_in, measure, render

    options = ParseOptions.from_settings(get_settings())
    typer.echo(render(measure(articles_in(folders, options), runtime.nlp())))


@eval_app.command("copy")
def eval_copy(
    paths: Annotated[
        list[Path], typer.Argument(exists=True, help="Wire files or folders of them.")
    ],
    tuned: Annotated[
        list[Path] | None,
        typer.Option(
            exists=True,
            help="A file or folder among PATHS used to tune the extractor (repeatable): its "
            "articles are counted apart and flagged.",
        ),
    ] = None,
) -> None:
    """What extraction gives on real copy, overall, for tuned and unseen articles and per
    agency: bare statements, schemes, pronoun actors, empty actors, markup in names,
    entities on table lines, evidence across paragraphs; each fault listed."""
    from pipeline.evaluation.copy_checks import measure_copy, render, sources

    options = ParseOptions.from_settings(get_settings())
    articles = sources(paths, tuned or [], options, root=ROOT)
    typer.echo(render(measure_copy(articles, runtime.nlp())))


@eval_app.command("stories")
def eval_stories(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="ECB+ documents.")],
    feed: Annotated[
        list[Path] | None,
        typer.Option(
            exists=True, dir_okay=False, help="A one-day feed with its happenings (repeatable)."
        ),
    ] = None,
) -> None:
    """B³ precision/recall/F1 of story clustering at topic and sub-topic level, and for each
    one-day feed the largest story and B³ against its happenings."""
    from pipeline.evaluation.stories import evaluate_stories
    from pipeline.evaluation.story_feeds import evaluate_feed

    settings = setup()
    typer.echo(evaluate_stories(folder))
    for path in feed or []:
        typer.echo(evaluate_feed(path, settings))


@eval_app.command("similarity")
def eval_similarity(
    lines: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Documents, one to a line.")
    ],
    ratings: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="Square matrix of the pairs' mean ratings."
        ),
    ],
) -> None:
    """Correlation of the story step's similarity with people's ratings of document pairs,
    and how the pairs it places in one story were rated."""
    from pipeline.evaluation.similarity import evaluate_similarity

    setup()
    try:
        typer.echo(evaluate_similarity(lines, ratings))
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


@eval_app.command("sample-events")
def eval_sample_events(
    files: Annotated[
        list[Path],
        typer.Argument(exists=True, help="Wire files, ECB+ documents or folders of them."),
    ],
    out: Annotated[Path, typer.Option(dir_okay=False, help="TSV to write.")],
    count: Annotated[int, typer.Option(min=1, help="Events to draw.")] = 60,
    seed: Annotated[
        int, typer.Option(help="Seed of the draw (same files, same seed: same sample).")
    ] = 0,
    tuned: Annotated[
        bool,
        typer.Option(help="Mark the files as used to tune (ECB+ tuned topics always are)."),
    ] = False,
    dated: Annotated[
        bool, typer.Option(help="Draw only events that carry a date (to judge dates).")
    ] = False,
    exclude: Annotated[
        list[Path] | None,
        typer.Option(
            exists=True, dir_okay=False, help="Earlier samples whose articles to leave out."
        ),
    ] = None,
) -> None:
    """Draw COUNT events of the files' articles into a TSV with empty judgment columns
    (happening, code_ok, actor_ok, target_ok, date_ok: y/n/na) for a person to judge; score
    it with `wire eval judged`."""
    from pipeline.evaluation.judged import (
        draw_sample,
        excluded_articles,
        read_sources,
        write_sample,
    )

    options = ParseOptions.from_settings(get_settings())
    sources = read_sources(files, options, tuned, root=ROOT)
    excluded = excluded_articles(exclude or [])
    rows = draw_sample(sources, runtime.nlp(), count, seed, excluded, dated)
    which = "dated events" if dated else "events"
    header = [
        f"drawn by `wire eval sample-events` (seed {seed}, {count} {which} asked, "
        f"{len(rows)} drawn)",
        "judge: happening y/n (a real happening, whatever its code); code_ok, actor_ok, "
        "target_ok, date_ok y/n, or na (no happening, or empty and the text names none)",
    ]
    write_sample(rows, out, header)
    typer.echo(f"wrote {len(rows)} events to {out}")


@eval_app.command("judged")
def eval_judged(
    sample: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A judged TSV.")],
) -> None:
    """Share of real happenings and of right actors, targets and dates in a judged sample,
    with counts, apart for rows whose data was used to tune."""
    from pipeline.evaluation.judged import score_judged

    typer.echo(score_judged(sample))
