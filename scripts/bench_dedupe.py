"""Per-article near-duplicate cost with 10k, 100k and 1M signatures stored in ``lsh_band``.

    python scripts/bench_dedupe.py [--server URL] [--probes N]

Creates a scratch database on the Postgres server of ``--server`` (default: the local test
server), migrates it, and stores twenty real articles with the stage's dedupe code. Then, level
by level, it bulk-loads synthetic articles with random signatures (COPY; the ``lsh_band`` indexes
are rebuilt after each load, as a bulk import would) and times, for edited copies of the real
articles, what the dedupe of one article costs against the store: the candidate lookup (item,
text and LSH bucket indexes) and the exact verification of each candidate. Prints the levels side
by side and the ratio cost(1M) / cost(10k); the database is dropped at the end.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy.engine import Engine

# Run as a file from a checkout: import this tree's pipeline, not an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.dedupe import minhash, rules
from pipeline.dedupe.fingerprints import body_hash
from pipeline.schemas import Article
from pipeline.settings import Settings
from pipeline.storage import articles, ledger, synthetic
from pipeline.storage.db import get_engine, session_scope
from pipeline.storage.scratch import scratch_database
from workers.stages import deduping

LEVELS = (10_000, 100_000, 1_000_000)
LOCAL_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REAL_ARTICLES = 20
WORDS_PER_ARTICLE = 300
MAX_RATIO = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=LOCAL_SERVER, help="SQLAlchemy URL of the server")
    parser.add_argument("--probes", type=int, default=200, help="timed articles per level")
    args = parser.parse_args()
    settings = Settings()
    with scratch_database(args.server, "wire_bench") as url:
        engine = get_engine(url)
        originals = store_originals(engine, settings)
        costs = {}
        for level in LEVELS:
            seconds = synthetic.load_signatures(url, level, settings.lsh_bands)
            costs[level] = measure(engine, originals, args.probes, settings)
            print(f"loaded {level:>9,} signatures in {seconds:6.1f} s", flush=True)
        engine.dispose()
    return report(costs)


def store_originals(engine: Engine, settings: Settings) -> list[list[str]]:
    """Twenty random-word articles stored and deduped by the pipeline's own stage code."""
    generator = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    texts = [generator.choices(vocabulary, k=WORDS_PER_ARTICLE) for _ in range(REAL_ARTICLES)]
    for number, words in enumerate(texts):
        item = Article(format="bench", item_key=f"bench:real:{number}", headline="Original",
                       paragraphs=[" ".join(words)])  # fmt: skip
        with session_scope(engine) as session:
            file_id = ledger.record_file(session, f"real-{number}", str(number).encode()).file_id
            (article_id,) = articles.replace_articles(session, file_id, [item])
            deduping.dedupe_article(session, article_id, settings)
    return texts


def measure(engine: Engine, originals: list[list[str]], probes: int,
            settings: Settings) -> list[float]:  # fmt: skip
    """Seconds of candidate lookup + verification for edited copies of the real articles."""
    generator = random.Random(11)
    policy = deduping.copy_policy(settings)
    timings, found = [], 0
    for round_ in range(2):  # the first round warms the caches and is not kept
        for number in range(probes):
            article, bands = _probe(originals[number % len(originals)], number, generator, settings)
            with session_scope(engine) as session:
                started = time.perf_counter()
                links = deduping.find_links(session, article, bands, policy)
                elapsed = time.perf_counter() - started
            if round_:
                timings.append(elapsed)
                found += len(links)
    print(f"  {found} of {probes} probes verified as near-duplicates", flush=True)
    return timings


def _probe(words: list[str], number: int, generator: random.Random,
           settings: Settings) -> tuple[rules.Shingled, list[int]]:  # fmt: skip
    edited = list(words)
    for position in generator.sample(range(len(edited)), 3):
        edited[position] = f"edit{number}"
    text = " ".join(edited)
    facts = rules.ArticleFacts(0, f"bench:probe:{number}", 1, body_hash(text),
                               arrival=(2**62, number))  # fmt: skip
    shingled = rules.Shingled(facts, minhash.shingles(text, settings.shingle_words))
    sig = minhash.signature(shingled.shingles, settings.minhash_permutations)
    return shingled, minhash.band_hashes(sig, settings.lsh_bands)


def report(costs: dict[int, list[float]]) -> int:
    print(f"\n{'stored signatures':>18} {'median ms':>10} {'p90 ms':>8} {'mean ms':>8}")
    for level, timings in costs.items():
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{level:>18,} {statistics.median(timings) * 1e3:>10.2f} {p90 * 1e3:>8.2f} "
              f"{statistics.fmean(timings) * 1e3:>8.2f}")  # fmt: skip
    ratio = statistics.median(costs[LEVELS[-1]]) / statistics.median(costs[LEVELS[0]])
    verdict = "within" if ratio <= MAX_RATIO else "ABOVE"
    print(f"\ncost(1M) / cost(10k) = {ratio:.2f} (median; {verdict} the {MAX_RATIO}x bound)")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
