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
_TOKEN = re.compile(r"[^\W_](?:[\w+#]|[./&'’-](?=[^\W_]))*[+#]*")


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
        self._exact: dict[str, str] = {}  # case-sensitive key → canonical name
        for entry in entries:
            skill = Skill(entry["name"], entry.get("category", ""), entry.get("aliases", []),
                          entry.get("related", []))
            self.skills[skill.name] = skill
            terms = self._exact if entry.get("case_sensitive") else self._terms
            for term in [skill.name, *skill.aliases]:
                normal = " ".join(tokens(term)) if entry.get("case_sensitive") else key(term)
                if normal:
                    terms.setdefault(normal, skill.name)
            self._terms.setdefault(key(skill.name), skill.name)  # names always match by name
        self._longest = max(len(term.split()) for term in [*self._terms, *self._exact])

    def __len__(self) -> int:
        return len(self.skills)

    def canonical(self, name: str) -> str | None:
        """The catalogue's name for `name` ("postgres" → "PostgreSQL"), or None."""
        return (self._exact.get(" ".join(tokens(name.strip())))
                or self._terms.get(key(name)))

    def find(self, text: str) -> list[str]:
        """Canonical skills mentioned in `text`, longest phrase first at each place, in order
        of first mention."""
        words = tokens(text)
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
