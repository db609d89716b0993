"""The sign-up page answers a taken address as it answers a new one (the owner is emailed),
so it does not reveal which emails have accounts."""

from __future__ import annotations

from tests.helpers import PASSWORD, make_user
from tests.views.helpers import csrf_token
from webapp.extensions import db
from webapp.models import User

STRONG = "correct-horse-battery-staple"


def sign_up(client, email: str):  # noqa: ANN001, ANN201
    token = csrf_token(client.get("/signup").get_data(as_text=True))
    return client.post("/signup", data={"csrf_token": token, "role": "candidate", "email": email,
                                        "password": STRONG, "confirm_password": STRONG})


def test_a_taken_address_gets_the_same_answer_and_its_owner_an_email(app, outbox) -> None:  # noqa: ANN001
    make_user("taken@example.com", PASSWORD, first_name="Tia")
    new = sign_up(app.test_client(), "new@example.com")
    taken = sign_up(app.test_client(), "Taken@Example.com")
    assert new.status_code == taken.status_code == 302
    assert new.headers["Location"] == "/verify?email=new@example.com"
    assert taken.headers["Location"] == "/verify?email=taken@example.com"
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 2
    assert "Someone tried to create an ETB account" in outbox.last_body("taken@example.com")
