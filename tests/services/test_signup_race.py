"""A sign-up that loses a race for the same email gets the duplicate-email error, not a 500."""

import pytest

from webapp.errors import ValidationFailed
from webapp.extensions import db
from webapp.services import auth


def test_unique_constraint_race_is_a_validation_error(app, user_factory, monkeypatch):
    user_factory("taken@example.com")
    # Simulate the other request committing between our check and our insert.
    monkeypatch.setattr(auth, "find_user", lambda email: None)
    with pytest.raises(ValidationFailed) as caught:
        auth.signup(email="taken@example.com", password="correct-horse-battery",
                    confirm_password="correct-horse-battery")
    assert caught.value.errors == {"email": [auth.DUPLICATE_EMAIL]}
    db.session.rollback()
