"""Password hashing and rules, secret codes, and the Flask-Login loader."""

from __future__ import annotations

import gzip
import hashlib
import hmac
import re
import secrets
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, session

COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MAX_SIMILARITY = 0.7


def _hasher() -> PasswordHasher:
    hasher = current_app.extensions.get("etb_password_hasher")
    if hasher is None:
        hasher = PasswordHasher(
            time_cost=current_app.config["ARGON2_TIME_COST"],
            memory_cost=current_app.config["ARGON2_MEMORY_COST"],
        )
        current_app.extensions["etb_password_hasher"] = hasher
        # A hash to check against when the account does not exist, so that timing does not
        # reveal which emails are registered.
        current_app.extensions["etb_dummy_hash"] = hasher.hash(secrets.token_hex(16))
    return hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    hasher = _hasher()
    try:
        return hasher.verify(password_hash or current_app.extensions["etb_dummy_hash"], password) \
            and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


def _too_similar(password: str, value: str) -> bool:
    password = password.lower()
    value = value.lower()
    # Like Django: each word of the value and the whole value; plus an email's local part.
    for part in [*re.split(r"\W+", value), value, value.partition("@")[0]]:
        if not part:
            continue
        # A long password that merely contains a short attribute is not "similar" to it.
        if len(password) >= 10 * len(part) and len(part) < MAX_SIMILARITY / 2 * len(password):
            continue
        if SequenceMatcher(a=password, b=part).quick_ratio() >= MAX_SIMILARITY:
            return True
    return False


def password_problems(password: str, *, email: str = "", first_name: str = "",
                      last_name: str = "") -> list[str]:
    """The reasons a password is refused, with the same rules as Django's default validators."""
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            f"This password is too short. It must contain at least {MIN_PASSWORD_LENGTH} characters."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"This password is too long (at most {MAX_PASSWORD_LENGTH} characters).")
    if password.isdigit():
        problems.append("This password is entirely numeric.")
    if password.lower().strip() in common_passwords():
        problems.append("This password is too common.")
    for label, value in (("email address", email), ("first name", first_name),
                         ("last name", last_name)):
        if value and _too_similar(password, value):
            problems.append(f"The password is too similar to the {label}.")
            break
    return problems


def hash_secret(value: str) -> str:
    """Keyed hash for codes and tokens kept in the database (never stored in clear)."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def new_numeric_code(digits: int = 6) -> str:
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def register_auth_loaders(app: Flask) -> None:
    from webapp.extensions import login_manager
    from webapp.services import tokens

    @login_manager.user_loader
    def load_user(user_id: str):  # noqa: ANN202
        # A browser session is valid only while the sign-in it belongs to is not revoked.
        return tokens.user_for_session(user_id, session.get("sid"))

    login_manager.session_protection = "basic"
