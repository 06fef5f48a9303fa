"""Cost of the extract stage per part: each spaCy component, our entity layer, events.

Run from the repository root: ``python -m scripts.bench_extract [--articles 50] [--repeat 3]``
(``--profile`` adds a cProfile of the entity and event layers). Articles are generated from the
English sentences of ``samples/`` and the vendored corpus's ECB+ documents,
so every run sees the same text. Times are CPU seconds of this process (the best of the
repeats), which a loaded machine disturbs less than wall-clock time. The reference "NLP limit"
is the stock spaCy pipeline over the same bodies: what the stage would cost with no layer of ours;
"spaCy as run" is the pipeline as the stage loads it (see ``pipeline.extract.load_nlp``).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import _BATCH, entities, events, extract_articles, load_nlp
from pipeline.formats import parse_bytes
from pipeline.schemas import Article
from pipeline.settings import get_settings
from tests.corpus import CORPUS, ROOT
from workers.bench.corpus import generate, sentence_pool

_ECB = CORPUS / "story-clusters"


def corpus(count: int) -> list[Article]:
    sources = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix != ".md"]
    sources += sorted(_ECB.rglob("*.xml"))
    pool = sentence_pool(sources)
    return [a for name, data in generate(pool, count) for a in parse_bytes(data, name)]


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The lowest CPU time of ``repeat`` runs: the run least disturbed by other processes."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def spacy_components(nlp: Language, texts: list[str], repeat: int) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each component, fed as ``nlp.pipe`` feeds them."""
    docs = [nlp.make_doc(text) for text in texts]
    costs = {"tokenizer": best_of(repeat, lambda: [nlp.make_doc(text) for text in texts])}
    for name, component in nlp.pipeline:
        inputs = [doc.copy() for doc in docs]
        costs[name] = best_of(repeat, lambda c=component, i=inputs: list(_pipe(c, i)))
        docs = list(_pipe(component, docs))
    return costs


def _pipe(component: Callable[[Doc], Doc], docs: list[Doc]) -> Iterable[Doc]:
    pipe = getattr(component, "pipe", None)
    return pipe(docs, batch_size=_BATCH) if pipe else map(component, docs)


def our_layers(docs: list[Doc], articles: list[Article], repeat: int) -> dict[str, float]:
    pairs = list(zip(docs, articles, strict=True))
    found = [(d, a, entities.find_entities(d, a)) for d, a in pairs]
    return {
        "entities": best_of(repeat, lambda: [entities.find_entities(d, a) for d, a in pairs]),
        "events": best_of(repeat, lambda: [events.find_events(d, a, f) for d, a, f in found]),
    }


def report(costs: dict[str, float], articles: int, words: int, reference: float) -> None:
    print(f"{articles} articles, {words} words ({words / articles:.0f} per article)")
    print(f"{'part':<16}{'ms/article':>12}{'words/s':>12}")
    for name, seconds in costs.items():
        rate = words / seconds if seconds else float("inf")
        print(f"{name:<16}{1000 * seconds / articles:>12.1f}{rate:>12.0f}")
    total = costs["whole stage"]
    print(f"ratio of the whole stage to stock spaCy (the NLP limit): {total / reference:.2f}")


def profile(docs: list[Doc], articles: list[Article], top: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for doc, article in zip(docs, articles, strict=True):
        events.find_events(doc, article, entities.find_entities(doc, article))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def pipe_cost(nlp: Language, texts: list[str], repeat: int) -> float:
    return best_of(repeat, lambda: list(nlp.pipe(texts, batch_size=_BATCH)))


def bench(count: int, repeat: int, with_profile: bool) -> None:
    model = get_settings().spacy_model
    nlp, stock = load_nlp(model), spacy.load(model)
    articles = corpus(count)
    texts = [article.body for article in articles]
    docs = list(nlp.pipe(texts, batch_size=_BATCH))
    costs = spacy_components(nlp, texts, repeat) | our_layers(docs, articles, repeat)
    costs["spaCy as run"] = pipe_cost(nlp, texts, repeat)
    costs["stock spaCy"] = pipe_cost(stock, texts, repeat)
    costs["whole stage"] = best_of(repeat, lambda: list(extract_articles(articles, nlp)))
    report(costs, len(articles), sum(len(t.split()) for t in texts), costs["stock spaCy"])
    if with_profile:
        profile(docs, articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    bench(options.articles, options.repeat, options.profile)


if __name__ == "__main__":
    main()
