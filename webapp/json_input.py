"""JSON request bodies read safely: a body nested too deeply is refused (Python's parser would
overflow its stack), and text that is not valid Unicode (a lone UTF-16 surrogate, which JSON
can spell as "\\ud800" and no database can store) is refused naming the field."""

from __future__ import annotations

from flask import request

from webapp.errors import ServiceError, ValidationFailed

MAX_DEPTH = 64
NOT_TEXT = "Contains a character that is not valid text (an unpaired UTF-16 surrogate)."


def body() -> object | None:
    """The parsed JSON body, or None when it is not valid JSON."""
    raw = request.get_data(cache=True)
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and _depth(raw) > MAX_DEPTH:
        raise ServiceError(f"The JSON body is nested too deeply (at most {MAX_DEPTH} levels).")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise ServiceError(f"The JSON body is nested too deeply (at most {MAX_DEPTH} levels).") from None
    if data is not None and (where := _unpaired_surrogate(data)) is not None:
        raise ValidationFailed({where: [NOT_TEXT]})
    return data


def _depth(raw: bytes) -> int:
    """How deep brackets nest, outside strings (a quick scan before parsing)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _bad(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _unpaired_surrogate(data: object) -> str | None:
    """The path ("title", "skills.2") of the first string or key that is not valid text."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _bad(value):
                return path or "non_field_errors"
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and _bad(key):
                    return path or "non_field_errors"
                stack.append((child, item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{index}" if path else str(index), item)
                         for index, item in enumerate(value))
    return None
