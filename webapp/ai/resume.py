"""Reading a resume file into ResumeData, with the engine configured: an OpenAI-compatible
model when OPENAI_API_KEY is set (falling back to the offline parser on any failure),
otherwise the offline parser."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from webapp.ai import language, offline
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
    # What the parse could not do, stored beside the data for the review page and the API:
    # the language read (ISO 639-1), the main fields found empty, notices (a resume cut short).
    language: str | None = None
    unread_fields: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def stored(self) -> dict:
        """`resume_data` as stored on the profile: the data and the parse's report."""
        return {**self.data.model_dump(mode="json"), "language": self.language,
                "unread_fields": self.unread_fields, "notices": self.notices}


# The fields a candidate is told were not found (when the resume is not empty of them all).
MAIN_FIELDS = ("name", "email", "phone", "location", "experience", "education", "skills")
FOREIGN = "Read as {language}: check every field, especially jobs and schools."
UNKNOWN_LANGUAGE = "The resume's language was not recognised: check every field."


def parse_resume(data: bytes, extension: str, config: Mapping | None = None) -> ParsedResume:
    notices: list[str] = []
    text = extract_text(data, extension, notices)
    return structure(text, config or {}, notices)


def structure(text: str, config: Mapping, notices: list[str] | None = None) -> ParsedResume:
    """The resume's data by the configured engine, with what the parse could not do: the
    language it read, the main fields it found nothing for, and `notices` from extraction."""
    parsed = None
    if config.get("OPENAI_API_KEY"):
        from webapp.ai.llm import LLMFailed, parse_with_model

        try:
            data, model = parse_with_model(text, config)
            parsed = ParsedResume(data, text, "openai", model)
        except LLMFailed as error:
            log.warning("model parsing failed, using the offline parser: %s", error)
    parsed = parsed or ParsedResume(offline.parse_text(text), text, "offline")
    data = parsed.data
    data.skills = canonical_skills(data.skills)
    if parsed.engine != "offline":  # the offline parser has left them out already
        data.skills = [skill for skill in data.skills if offline.is_skill(skill, data.name)]
    parsed.language = language.detect(text)
    parsed.unread_fields = [name for name in MAIN_FIELDS if not getattr(data, name)]
    parsed.notices = list(notices or [])
    if parsed.language not in (None, "en"):
        parsed.notices.append(FOREIGN.format(language=language.name_of(parsed.language)))
    elif parsed.language is None and len(parsed.unread_fields) >= 3 and len(text.split()) >= 50:
        parsed.notices.append(UNKNOWN_LANGUAGE)
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
