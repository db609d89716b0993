"""What an offline assistant knows of the conversation so far: the earlier questions (to read
a follow-up such as "tell me more" or "and the second one?" against them) and the paragraphs
already given (never given twice: an answer says what is new, or that nothing is)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
            "4th": 3, "fifth": 4, "5th": 4, "last": -1, "earliest": -1, "oldest": -1}
_ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b")
_MORE = re.compile(r"\b(tell me more|more (?:about|on|detail)|go on|continue|elaborate|expand|"
                   r"details?|what else|anything else|and\?|more\b)", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"^\s*(and|also|what about|how about|then|ok(?:ay)?|so)\b|"
                             r"\b(that|this|those|these|it|that one|this one|the other)\b\s*\??\s*$|"
                             r"\bone\b|\bthem\b|\bthere\b", re.IGNORECASE)


NEW = "what I have not said yet: "
UNCLEAR = "I am not sure what that refers to. "
OPENINGS = ("Hello. ", "You're welcome. ", UNCLEAR)  # put before an answer to small talk


def _unopened(paragraph: str) -> str:
    return next((paragraph[len(o):] for o in OPENINGS if paragraph.startswith(o)), "")


@dataclass
class Thread:
    questions: list[str] = field(default_factory=list)  # the asker's, oldest first
    answers: list[str] = field(default_factory=list)

    @property
    def said(self) -> set[str]:
        """Every paragraph given so far, and what each gave as new beyond an earlier answer."""
        return {key(given) for answer in self.answers for paragraph in paragraphs(answer)
                for given in (paragraph, paragraph.partition(NEW)[2], _unopened(paragraph)) if given}


def thread_of(history: Sequence[tuple[str, str]]) -> Thread:
    thread = Thread()
    for role, content in history:
        (thread.questions if role == "user" else thread.answers).append(content)
    return thread


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def key(paragraph: str) -> str:
    return " ".join(re.findall(r"\w+", paragraph.lower()))


def ordinal(question: str) -> int | None:
    """The position a question points at ("the second one" is 1; "the last" is -1)."""
    match = _ORDINAL.search(question.lower())
    return ORDINALS[match.group(1)] if match else None


def wants_more(question: str) -> bool:
    return bool(_MORE.search(question)) and len(question.split()) <= 8


def refers_back(question: str) -> bool:
    """A short question that leans on the previous one ("and the second?", "why?", "more")."""
    return len(question.split()) <= 8 and bool(
        wants_more(question) or _BACK_REFERENCE.search(question) or ordinal(question) is not None
        or re.fullmatch(r"\s*(why|how|when|where|really|and)\s*\??\s*", question, re.IGNORECASE))


def previous(thread: Thread, understood: Callable[[str], bool]) -> str | None:
    """The latest earlier question that stands on its own (not itself a bare follow-up)."""
    for question in reversed(thread.questions):
        if understood(question):
            return question
    return None


@dataclass
class Part:
    """One thing asked: candidate paragraphs, best and most basic first, and what they are
    about (said when the thread has already given all of them)."""

    about: str
    options: list[str]
    optional: bool = False  # left out when it has nothing new (unless nothing else has)


def compose(parts: list[Part], thread: Thread, question: str, more: bool = False) -> str:
    """For each thing asked, the first paragraph the thread has not given yet (said to be what
    is new beyond the earlier answer, unless more was asked for); for one whose every
    paragraph was given, a sentence saying so (itself never repeated)."""
    said = thread.said
    chosen: list[str] = []
    for part in parts:
        taken = said | {key(given) for c in chosen for given in (c, c.partition(NEW)[2]) if given}
        fresh = next(((index, option) for index, option in enumerate(part.options)
                      if option and key(option) not in taken), None)
        if fresh is None:
            if part.optional and any(_has_new(other, taken) for other in parts):
                continue
            chosen.append(_nothing_new(part.about, thread, question, taken))
        elif fresh[0] and not more:
            chosen.append(f"I covered {part.about} above; {NEW}{fresh[1]}")
        else:
            chosen.append(fresh[1])
    return "\n\n".join(chosen)


def _has_new(part: Part, taken: set[str]) -> bool:
    return any(option and key(option) not in taken for option in part.options)


def _nothing_new(about: str, thread: Thread, question: str, said: set[str]) -> str:
    variants = [f"On {about}, I have nothing beyond what I said above.",
                f"I have already given all I hold on {about}; there is nothing new to add.",
                f"Still nothing new on {about}: the earlier answers in this thread cover all of it."]
    for variant in variants:
        if key(variant) not in said:
            return variant
    asked = " ".join(question.split())[:80]
    count = sum(1 for earlier in thread.questions if key(earlier) == key(question)) + 1
    return (f"Asked {count} times (\"{asked}\"): I hold nothing on {about} beyond "
            f"my earlier answers.")
