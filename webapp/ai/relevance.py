"""Relevance by information: IDF over the pool and BM25F over a profile's fields."""

from __future__ import annotations

import math
from collections import Counter
from typing import Protocol

BM25_K1 = 2.0
# BM25F: field weight and length normalisation (b) of the body (the whole text), the job
# titles and the skills.
DEFAULT_FIELDS = {"words": (1.0, 0.9), "title_words": (2.0, 0.5), "skill_words": (1.0, 0.5)}
# A pool this small says little about which words are common: IDF is smoothed towards a prior
# of PRIOR_POOL profiles among which PRIOR_SHARE hold any given word or skill.
PRIOR_POOL, PRIOR_SHARE = 20, 0.1


class Fields(Protocol):
    words: str
    title_words: str
    skill_words: str


def idf(holders: int, size: int) -> float:
    """How specific a word or skill is in a pool of `size` where `holders` have it (smoothed
    for small pools)."""
    holders_, size_ = holders + PRIOR_POOL * PRIOR_SHARE, size + PRIOR_POOL
    return math.log(1 + (size_ - holders_ + 0.5) / (holders_ + 0.5))


def bm25f(query: list[str], pool: list[Fields], fields: dict[str, tuple[float, float]] | None = None,
          k1: float = BM25_K1) -> list[float]:
    """BM25F over the fields in FIELDS: a word's counts in each field, weighed and length-
    normalised per field, add up before saturation; IDF comes from the whole text."""
    if not pool or not query:
        return [0.0] * len(pool)
    wanted = {f" {term} ": weight for term, weight in Counter(query).items()}
    norms = {}
    for name, (weight, b) in (fields or DEFAULT_FIELDS).items():
        lengths = [getattr(c, name).count(" ") or 1 for c in pool]
        average = sum(lengths) / len(lengths)
        norms[name] = [weight / (1 - b + b * length / average) for length in lengths]
    scores = [0.0] * len(pool)
    for term, weight in wanted.items():
        body = [c.words.count(term) for c in pool]
        holders = sum(1 for tf in body if tf)
        if not holders:
            continue
        term_idf = weight * math.log(1 + (len(pool) - holders + 0.5) / (holders + 0.5))
        titles = [c.title_words.count(term) if tf else 0 for c, tf in zip(pool, body, strict=True)]
        skills = [c.skill_words.count(term) if tf else 0 for c, tf in zip(pool, body, strict=True)]
        for index, tf in enumerate(body):
            if tf:
                mixed = (tf * norms["words"][index] + titles[index] * norms["title_words"][index]
                         + skills[index] * norms["skill_words"][index])
                scores[index] += term_idf * mixed * (k1 + 1) / (mixed + k1)
    return scores
