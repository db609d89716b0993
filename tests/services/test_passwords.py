"""Password rules (Django's defaults) and hashing."""

from __future__ import annotations

import pytest

from webapp.security import check_password, hash_password, password_problems


@pytest.mark.parametrize("password, problem", [
    ("short1!", "too short"),
    ("8675309123", "entirely numeric"),
    ("password123", "too common"),
    ("qwertyuiop", "too common"),
    ("alice.archer", "too similar to the email"),
    ("archer2024", "too similar"),
])
def test_weak_passwords_are_refused(password, problem):
    problems = password_problems(password, email="alice.archer@example.com",
                                 first_name="Alice", last_name="Archer")
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize("password", ["correct-horse-battery", "s3cure-passw0rd!", "Tr1cky#Zebra"])
def test_good_passwords_pass(password):
    assert password_problems(password, email="alice.archer@example.com",
                             first_name="Alice", last_name="Archer") == []


def test_long_password_containing_a_short_name_is_fine():
    # Like Django: a short attribute inside a much longer password is not "similar".
    assert password_problems("al-went-hiking-in-the-mountains", first_name="Al") == []


def test_hashes_are_argon2_and_salted(app):
    first, second = hash_password("correct-horse-battery"), hash_password("correct-horse-battery")
    assert first.startswith("$argon2id$")
    assert first != second
    assert check_password(first, "correct-horse-battery")
    assert not check_password(first, "wrong-horse-battery")
    assert not check_password(None, "correct-horse-battery")
    assert not check_password("not-a-hash", "correct-horse-battery")
