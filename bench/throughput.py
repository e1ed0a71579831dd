"""Throughput benchmark: the coder with --jobs 1 and 2 against spaCy alone.

Generates a corpus of short wire-style articles from templates (no real news),
then measures sentences/s and articles/s. Run with `make bench`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time

from eventcoder.config import Config
from eventcoder.engines.local import run_local
from eventcoder.model import Article
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline

ACTORS = [
    "Russia", "Ukraine", "China", "France", "Germany", "Iran", "Israel", "Turkey",
    "India", "Pakistan", "the United States", "Japan", "Brazil", "Egypt", "Sudan",
]  # fmt: skip
TEMPLATES = [
    "{a} and {b} held talks in {city} on {day} to discuss trade and security.",
    "{a} accused {b} of violating the ceasefire along the border.",
    "Officials in {a} said drones struck an oil depot in {b} overnight.",
    "{a} threatened to impose new sanctions on {b} if the talks fail.",
    "Police in {city} arrested dozens of protesters on {day}, witnesses said.",
    "The foreign minister of {a} will visit {city} next week, according to diplomats.",
    "{a} rejected a proposal from {b} to reopen the border crossing.",
    "{a} pledged $200 million in humanitarian aid to {b}.",
]
CITIES = ["Geneva", "Istanbul", "Cairo", "Doha", "Budapest", "Nairobi", "Riyadh", "Vienna"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_corpus(n_articles: int, sentences_per_article: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for i in range(n_articles):
        sents = []
        for _ in range(sentences_per_article):
            a, b = rng.sample(ACTORS, 2)
            tpl = rng.choice(TEMPLATES)
            sents.append(tpl.format(a=a, b=b, city=rng.choice(CITIES), day=rng.choice(DAYS)))
        text = " ".join(s[0].upper() + s[1:] for s in sents)
        articles.append(Article(id=f"bench-{i}", text=text, date=dt.date(2025, 10, 17)))
    return articles


def timed(label: str, fn, n_sents: int, n_articles: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(
        f"{label:34s} {n_sents / seconds:8.1f} sentences/s  {n_articles / seconds:7.1f} articles/s"
        f"  ({seconds:.1f} s)"
    )
    return n_sents / seconds


def main() -> None:
    n_articles = int(os.environ.get("BENCH_ARTICLES", "400"))
    per = 6
    articles = make_corpus(n_articles, per)
    n_sents = n_articles * per
    config = Config.default()
    print(f"corpus: {n_articles} articles, {n_sents} sentences; {os.cpu_count()} cores")
    nlp = load_nlp(config.model_name)
    pipeline = Pipeline.from_config(config)
    list(pipeline.run(articles[:20]))  # warm up
    texts = [a.text for a in articles]
    spacy_rate = timed(
        "spaCy alone (nlp.pipe, 1 process)", lambda: list(nlp.pipe(texts)), n_sents, n_articles
    )
    coder_rate = timed(
        "eventcoder --jobs 1", lambda: list(pipeline.run(articles)), n_sents, n_articles
    )
    timed(
        "eventcoder --jobs 2 (incl. startup)",
        lambda: list(run_local(articles, config, jobs=2)),
        n_sents,
        n_articles,
    )
    share = coder_rate / spacy_rate
    print(f"eventcoder --jobs 1 keeps {share:.0%} of spaCy-alone throughput (target >= 50%)")
    if share < 0.5:
        sys.exit(1)


if __name__ == "__main__":
    main()
