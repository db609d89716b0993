"""Reading a resume file into ResumeData, with the engine configured: an OpenAI-compatible
model when OPENAI_API_KEY is set (falling back to the offline parser on any failure),
otherwise the offline parser."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from webapp.ai import offline
from webapp.ai.catalogue import catalogue
from webapp.ai.extract import extract_text
from webapp.ai.schema import ResumeData

log = logging.getLogger(__name__)


@dataclass
class ParsedResume:
    data: ResumeData
    text: str
    engine: str  # "openai" or "offline"
    model: str | None = None


def parse_resume(data: bytes, extension: str, config: Mapping | None = None) -> ParsedResume:
    text = extract_text(data, extension)
    return structure(text, config or {})


def structure(text: str, config: Mapping) -> ParsedResume:
    parsed = None
    if config.get("OPENAI_API_KEY"):
        from webapp.ai.llm import LLMFailed, parse_with_model

        try:
            data, model = parse_with_model(text, config)
            parsed = ParsedResume(data, text, "openai", model)
        except LLMFailed as error:
            log.warning("model parsing failed, using the offline parser: %s", error)
    parsed = parsed or ParsedResume(offline.parse_text(text), text, "offline")
    parsed.data.skills = canonical_skills(parsed.data.skills)
    return parsed


def canonical_skills(names: list[str]) -> list[str]:
    """The catalogue's names where it knows the skill, each once."""
    known = catalogue()
    unique: dict[str, str] = {}
    for name in names:
        name = known.canonical(name) or " ".join(name.split())
        if name:
            unique.setdefault(name.lower(), name)
    return list(unique.values())
