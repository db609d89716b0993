"""Answers from an OpenAI-compatible model: structured ones validated against pydantic models
(resume parsing, re-ranking, search) and plain text ones (resume chat, career coach).

Any failure (network, timeout after the bounded retries, a refusal, output that is not the
schema) raises LLMFailed, and the caller falls back to its offline engine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import openai
from pydantic import BaseModel

from webapp.ai.schema import ResumeData

T = TypeVar("T", bound=BaseModel)

MAX_INPUT_CHARS = 30_000
INSTRUCTIONS = (
    "You read resumes. Return the candidate's details exactly as the resume states them; "
    "leave a field null or empty when the resume does not say. Dates are YYYY-MM (or YYYY "
    "when only the year is given); a job held now has end null and current true. headline "
    "is the role the resume presents under the name (\"Senior Data Analyst\"), not a sentence. "
    "Skills are short names of skills, tools and certifications the resume lists or clearly uses. "
    "total_years_experience adds up the jobs' durations without counting overlaps twice."
)


class LLMFailed(Exception):
    pass


def client(config: Mapping) -> openai.OpenAI:
    return openai.OpenAI(api_key=config["OPENAI_API_KEY"], base_url=config.get("OPENAI_BASE_URL"),
                         timeout=config.get("OPENAI_TIMEOUT", 30),
                         max_retries=config.get("OPENAI_MAX_RETRIES", 2))


def parse_with_model(text: str, config: Mapping) -> tuple[ResumeData, str]:
    """(the resume's data, the model that produced it)."""
    return structured(INSTRUCTIONS, text[:MAX_INPUT_CHARS], ResumeData, config)


def structured(instructions: str, content: str, schema: type[T], config: Mapping) -> tuple[T, str]:
    """The model's answer to `content` as an instance of `schema`, and the model's name.
    `content` is data for the model, never instructions: it goes in the user message."""
    def ask(api: openai.OpenAI, model: str):  # noqa: ANN202
        return api.chat.completions.parse(
            model=model, temperature=0, response_format=schema,
            messages=[{"role": "system", "content": instructions},
                      {"role": "user", "content": content}])

    message, model = _complete(ask, config)
    if message.parsed is None:
        raise LLMFailed("no structured output")
    return message.parsed, model


def reply(instructions: str, messages: list[dict], config: Mapping,
          max_tokens: int = 700) -> tuple[str, str]:
    """The model's text answer to a conversation, and the model's name."""
    def ask(api: openai.OpenAI, model: str):  # noqa: ANN202
        return api.chat.completions.create(
            model=model, temperature=0.3, max_tokens=max_tokens,
            messages=[{"role": "system", "content": instructions}, *messages])

    message, model = _complete(ask, config)
    if not (message.content or "").strip():
        raise LLMFailed("empty answer")
    return message.content.strip(), model


def _complete(ask, config: Mapping):  # noqa: ANN001, ANN202  (openai's own types)
    model = config.get("OPENAI_MODEL") or "gpt-4o-mini"
    try:
        with client(config) as api:
            completion = ask(api, model)
    except Exception as error:  # noqa: BLE001  (a gateway may answer anything; the offline engine stands by)
        raise LLMFailed(f"{type(error).__name__}: {error}"[:500]) from error
    message = completion.choices[0].message if completion.choices else None
    if message is None or message.refusal:
        raise LLMFailed(f"refused: {message.refusal if message else 'no answer'}"[:500])
    return message, completion.model or model
