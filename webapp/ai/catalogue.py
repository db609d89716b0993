"""The skills catalogue (webapp/data/skills.json): canonical skill names with their aliases,
so that "JS", "Postgres" and "MS Excel" mean JavaScript, PostgreSQL and Microsoft Excel for
the parser, job posts and search alike."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "data" / "skills.json"
# A token keeps the symbols that belong to skill names: C++, C#, Node.js, CI/CD, R&D.
_TOKEN = re.compile(r"(?:(?<![\w.])\.(?=[^\W_]))?[^\W_](?:[\w+#]|[./&'’-](?=[^\W_]))*[+#]*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def key(text: str) -> str:
    return " ".join(tokens(text.lower()))


@dataclass
class Skill:
    name: str
    category: str
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


class Catalogue:
    def __init__(self, entries: list[dict]) -> None:
        self.skills: dict[str, Skill] = {}
        self._terms: dict[str, str] = {}  # lower-case key → canonical name
        # Skills named by everyday words ("Go", "Excel") are found in text only as written;
        # a name typed on purpose (a job's skills) may use any case.
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for entry in entries:
            skill = Skill(entry["name"], entry.get("category", ""), entry.get("aliases", []),
                          entry.get("related", []))
            self.skills[skill.name] = skill
            for term in [skill.name, *skill.aliases]:
                if entry.get("case_sensitive"):
                    self._exact.setdefault(" ".join(tokens(term)), skill.name)
                    self._folded.setdefault(key(term), skill.name)
                elif normal := key(term):
                    self._terms.setdefault(normal, skill.name)
        self._longest = max(len(term.split()) for term in [*self._terms, *self._exact])

    def __len__(self) -> int:
        return len(self.skills)

    def canonical(self, name: str) -> str | None:
        """The catalogue's name for `name` ("postgres" → "PostgreSQL"), or None."""
        return (self._exact.get(" ".join(tokens(name.strip())))
                or self._terms.get(key(name)) or self._folded.get(key(name)))

    def find(self, text: str) -> list[str]:
        """Canonical skills mentioned in `text`, longest phrase first at each place, in order
        of first mention."""
        words = [part for word in tokens(text) for part in self._known_parts(word)]
        lower = [word.lower() for word in words]
        found: dict[str, None] = {}
        index = 0
        while index < len(words):
            for size in range(min(self._longest, len(words) - index), 0, -1):
                name = (self._exact.get(" ".join(words[index:index + size]))
                        or self._terms.get(" ".join(lower[index:index + size])))
                if name:
                    found.setdefault(name)
                    index += size
                    break
            else:
                index += 1
        return list(found)

    def _known_parts(self, word: str) -> list[str]:
        """"English/Spanish" is two words, "CI/CD" one."""
        if "/" not in word or word.lower() in self._terms or word in self._exact:
            return [word]
        return [part for part in word.split("/") if part]

    def related(self, name: str) -> list[str]:
        skill = self.skills.get(name)
        return list(skill.related) if skill else []

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Names starting with (then containing) `prefix`, for autocomplete."""
        wanted = key(prefix)
        if not wanted:
            return []
        starts = [name for name in self.skills if key(name).startswith(wanted)]
        contains = [name for name in self.skills if wanted in key(name) and name not in starts]
        return sorted(starts, key=len)[:limit] + sorted(contains, key=len)[:max(0, limit - len(starts))]


@cache
def catalogue() -> Catalogue:
    return Catalogue(json.loads(PATH.read_text(encoding="utf-8"))["skills"])
