"""What the pipeline's endpoints share: request bodies read through pydantic models (400 with
`errors` per field when they do not fit), responses written from them, and the contract's
page envelope `{"count", "next", "previous", "results"}`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from flask import request
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError

from webapp.api.common import request_data
from webapp.errors import MAX_ID, NotFound, ValidationFailed
from webapp.models.base import isoformat
from webapp.services.validation import whole_number

PAGE_SIZE, PAGE_SIZE_MAX = 50, 200
MAX_PAGE = 10**6
Timestamp = Annotated[datetime, PlainSerializer(isoformat, return_type=str)]
# JSON numbers only (no "3", no true), within what the database stores.
Id = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]
Position = Annotated[int, Field(strict=True, ge=1, le=10_000)]
Body = TypeVar("Body", bound=BaseModel)


class Out(BaseModel):
    """A response shape, filled from model attributes."""

    model_config = ConfigDict(from_attributes=True)


class In(BaseModel):
    """A request body: unknown fields are refused, so that a typo is not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def body(model: type[Body]) -> Body:
    try:
        return model.model_validate(request_data())
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for problem in error.errors():
            field = ".".join(str(part) for part in problem["loc"]) or "non_field_errors"
            errors.setdefault(field, []).append(problem["msg"])
        raise ValidationFailed(errors) from None


def _page_number(name: str, default: int, high: int | None = None) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    number = whole_number(raw, low=1, high=high or MAX_PAGE)
    if number is None:
        raise ValidationFailed({name: [f"Must be a whole number between 1 and {high or MAX_PAGE}."]})
    return number


def paginated(fetch: Callable[[int, int], tuple[list, int]], write: Callable[[object], dict]) -> dict:
    """One page of a list: `fetch(limit, offset)` gives the rows and the total."""
    number = _page_number("page", 1)
    size = _page_number("page_size", PAGE_SIZE, PAGE_SIZE_MAX)
    rows, total = fetch(size, (number - 1) * size)
    if number > 1 and not rows:
        raise NotFound("Invalid page.")

    def link(page: int) -> str:
        kept = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]
        return f"{request.base_url}?{urlencode([*kept, ('page', page)])}"

    return {"count": total, "next": link(number + 1) if number * size < total else None,
            "previous": link(number - 1) if number > 1 else None,
            "results": [write(row) for row in rows]}
