"""A sign-up that loses a race for the same email makes no second account and tells the
address's owner, as any sign-up with a taken address does; never a 500."""

from webapp.extensions import db
from webapp.models import User
from webapp.services import auth


def test_unique_constraint_race_makes_no_second_account(app, user_factory, monkeypatch, outbox):
    user_factory("taken@example.com")
    real_find = auth.find_user
    calls = []

    def find_user(email):  # the other request commits between our check and our insert
        calls.append(email)
        return None if len(calls) == 1 else real_find(email)

    monkeypatch.setattr(auth, "find_user", find_user)
    assert auth.signup(email="taken@example.com", password="correct-horse-battery",
                       confirm_password="correct-horse-battery") is None
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1
    assert outbox.to("taken@example.com")[-1]["Subject"] == "Someone tried to sign up with your email on ETB"
