"""Retrieval of the resume passages most relevant to a question (BM25 over the sentences of
the summary and the job descriptions and the lines of the resume text), for answers that quote
the resume instead of repeating a canned paragraph."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from webapp.ai.facts import Facts, clip

K1, B = 1.2, 0.75
MIN_CHARS = 16

STOPWORDS = frozenset("""
a an and are as at be been by for from has have had in is it its of on or the to was were will
with this that these those who what which whom whose when where why how does did do done can
could would should may might must shall about any all also some such than then there their they
them he him his she her hers we our you your i me my mine into over under more most much many
candidate candidates resume cv profile person tell know say says said give show list please
ever really very just only one ones thing things anything something whether if so not no yes
""".split())  # noqa: SIM905

# Words a question uses for what the resume says in other words (general English, no field).
_ALSO = {
    "lead": "led leading manag supervis mentor train head coordinat direct",
    "led": "lead leading manag supervis mentor train head coordinat direct",
    "manag": "led lead supervis mentor train head coordinat direct",
    "team": "team colleagu collaborat cross-functional mentor train",
    "achiev": "improv increas reduc cut grew grow saved save won award launch deliver",
    "result": "improv increas reduc cut grew grow saved save won award launch deliver",
    "impact": "improv increas reduc cut grew grow saved save won award launch deliver",
    "communic": "present wrote writ client customer stakeholder negotiat speak",
    "volunt": "volunt community charity",
    "hobb": "volunt weekend hobbi interest",
    "interest": "volunt weekend hobbi interest",
    "custom": "client customer guest patient user",
    "client": "client customer guest patient user",
}
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")


def stem(word: str) -> str:
    """A light suffix stripper, so that "managed", "manages" and "managing" meet."""
    if word.isdigit():
        return word
    changed = True
    while changed:
        changed = False
        for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er",
                       "ed", "es", "ly", "s", "e"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word, changed = word[:-len(suffix)], True
                break
    return word[:8]


def words(text: str) -> list[str]:
    """Stemmed content words of `text`."""
    return [stem(word) for word in _WORD.findall(text.lower()) if word not in STOPWORDS]


def query_words(text: str) -> list[str]:
    """The content words of a question and the words the resume may use for them."""
    asked = words(text)
    extra = [other for word in asked for key, others in _ALSO.items() if word.startswith(key)
             for other in others.split()]
    return list(dict.fromkeys(asked + [stem(word) for word in extra]))


@dataclass(frozen=True)
class Passage:
    text: str
    job: int | None  # index of the job whose description it comes from


def passages(facts: Facts) -> list[Passage]:
    """Sentences of the summary and of each job's description, then the other lines of the
    resume text, each once."""
    found: dict[str, Passage] = {}
    sources = [(facts.summary, None)] + [(job.description, index) for index, job in enumerate(facts.jobs)]
    for text, job in sources:
        for sentence in re.split(r"(?<=[.;!?])\s+|\n", text):
            if len(sentence.strip()) >= MIN_CHARS:
                found.setdefault(_key(sentence), Passage(clip(sentence), job))
    for line in facts.text.splitlines():
        if len(line.strip()) >= MIN_CHARS:
            found.setdefault(_key(line), Passage(clip(line), None))
    return list(found.values())


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def search(question: str | list[str], facts: Facts, limit: int = 5) -> list[Passage]:
    """The passages that best match the question, best first (only those sharing a word)."""
    wanted = query_words(question) if isinstance(question, str) else question
    corpus = passages(facts)
    if not wanted or not corpus:
        return []
    docs = [Counter(words(passage.text)) for passage in corpus]
    average = sum(sum(doc.values()) for doc in docs) / len(docs) or 1
    frequency = Counter(word for doc in docs for word in doc)
    scored = []
    for index, doc in enumerate(docs):
        length = sum(doc.values())
        score = 0.0
        for word in wanted:
            if count := doc.get(word):
                idf = math.log(1 + (len(docs) - frequency[word] + 0.5) / (frequency[word] + 0.5))
                score += idf * count * (K1 + 1) / (count + K1 * (1 - B + B * length / average))
        if score > 0:
            scored.append((-score, index))
    return [corpus[index] for _, index in sorted(scored)[:limit]]
