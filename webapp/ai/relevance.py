"""Relevance by information: IDF over the pool, and a TF-IDF score over a profile's words in
which the job titles' words weigh more."""

from __future__ import annotations

import math
from collections import Counter
from typing import Protocol

# How much more a word counts when it is in one of the profile's job titles (or its headline)
# than in the rest of its text.
DEFAULT_FIELDS = {"title_words": 1.0}
# A pool this small says little about which words are common: IDF is smoothed towards a prior
# of PRIOR_POOL profiles among which PRIOR_SHARE hold any given word or skill.
PRIOR_POOL, PRIOR_SHARE = 20, 0.1


class Fields(Protocol):
    words: str
    title_words: str


def idf(holders: int, size: int) -> float:
    """How specific a word or skill is in a pool of `size` where `holders` have it (smoothed
    for small pools)."""
    holders_, size_ = holders + PRIOR_POOL * PRIOR_SHARE, size + PRIOR_POOL
    return math.log(1 + (size_ - holders_ + 0.5) / (holders_ + 0.5))


def tfidf(query: list[str], pool: list[Fields], fields: dict[str, float] | None = None) -> list[float]:
    """Each profile's relevance to the query words: sublinear term frequency times IDF on both
    sides, over the profile's words (a title word counting `title_words` more), divided by the
    square root of the profile's length.

    Why this and not BM25: on resumes, a long profile holds most words of any post once, and
    BM25's saturation lets that breadth win; the square-root length norm of the vector-space
    model keeps a focused profile ahead. The norm is the length, not the vector's norm, so that
    a ranking reads only the query's words of each profile (no pool-wide vocabulary)."""
    if not pool or not query:
        return [0.0] * len(pool)
    title_weight = (fields or DEFAULT_FIELDS)["title_words"]
    norms = [math.sqrt(c.words.count(" ") or 1) for c in pool]
    scores = [0.0] * len(pool)
    for term, asked in Counter(query).items():
        padded = f" {term} "
        body = [c.words.count(padded) for c in pool]
        holders = sum(1 for tf in body if tf)
        if not holders:
            continue
        term_idf = math.log((len(pool) + 1) / (holders + 0.5))
        weight = (1 + math.log(asked)) * term_idf * term_idf
        for index, tf in enumerate(body):
            if tf:  # job titles are part of the words, so a title word is always in the body
                held = tf + title_weight * pool[index].title_words.count(padded)
                scores[index] += weight * (1 + math.log(held)) / norms[index]
    return scores
