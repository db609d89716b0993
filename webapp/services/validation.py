"""Field checks that collect every problem of an input, then fail once with all of them."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from webapp.errors import ValidationFailed

REQUIRED = "This field is required."
NUL_REFUSED = "Null characters are not allowed."
UNSET = object()  # "not given", as opposed to None ("clear it")


def whole_number(raw: object, *, low: int = 0, high: int = 2**31 - 1) -> int | None:
    """`raw` as an int when it is plain ASCII digits between `low` and `high`, else None
    (str.isdigit also accepts digits such as "²" that int() refuses)."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        return None
    number = int(raw)
    return number if low <= number <= high else None


def normalize_email(raw: str, field: str = "email") -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValidationFailed({field: [str(error)]}) from error


class Checker:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(self, field: str, value: str | None, *, max_length: int,
             required: bool = False) -> str | None:
        """Trimmed text, None when empty (a blank optional field clears it)."""
        value = value.strip() if value is not None else None
        if not value:
            if required:
                self.add(field, REQUIRED)
            return None
        if "\x00" in value:
            self.add(field, NUL_REFUSED)
        if len(value) > max_length:
            self.add(field, f"Ensure this field has no more than {max_length} characters.")
        return value

    def url(self, field: str, value: str | None, *, max_length: int = 255) -> str | None:
        value = self.text(field, value, max_length=max_length)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname or " " in value:
            self.add(field, "Enter a valid URL starting with http:// or https://.")
        return value

    def choice(self, field: str, value: str | None, choices: Iterable[str]) -> str | None:
        value = value.strip().lower() if value is not None else None
        if not value:
            return None
        choices = tuple(choices)
        if value not in choices:
            self.add(field, f"Choose one of: {', '.join(choices)}.")
        return value

    def done(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)
