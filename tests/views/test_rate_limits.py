"""The pages and the API draw on the same rate-limit budgets: a login tried on the page counts
against the API's logins for that address and email, and chat questions asked on the page
count against the API's chat budget of that user."""

from __future__ import annotations

from tests.api.jobs_helpers import client_for
from tests.api.profile_helpers import make_profile
from tests.helpers import PASSWORD, make_user
from tests.views.helpers import csrf_token, login_page


def page_login(client, email: str, password: str):  # noqa: ANN001, ANN201
    token = csrf_token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def test_page_and_api_logins_share_one_budget(make_app) -> None:  # noqa: ANN001
    app = make_app(LOGIN_RATE_LIMIT="2 per minute")
    with make_app(variant="test body", LOGIN_RATE_LIMIT="2 per minute").app_context():
        make_user("lee@example.com")
        client = app.test_client()
        assert page_login(client, "lee@example.com", "wrong-password").status_code == 400
        api = app.test_client().post("/api/token/", json={"email": "lee@example.com", "password": "wrong"})
        assert api.status_code == 401
        # The third attempt, right password or not, on either surface, is refused.
        assert page_login(client, "lee@example.com", PASSWORD).status_code == 429
        assert app.test_client().post("/api/token/", json={"email": "lee@example.com",
                                                           "password": PASSWORD}).status_code == 429
        assert client.get("/login").status_code == 200  # showing the form is not limited


def test_page_and_api_chat_questions_share_one_budget(make_app) -> None:  # noqa: ANN001
    app = make_app(CHAT_RATE_LIMIT="2 per minute")
    with make_app(variant="test body", CHAT_RATE_LIMIT="2 per minute").app_context():
        user = make_user("cam@example.com", is_candidate=True)
        profile = make_profile(user, resume_data={"name": "Cam", "skills": ["Python"]},
                               parsing_status="parsed")
        api = client_for(app, user)
        ask = {"input_text": "Skills?", "resume_slug": profile.slug}
        assert api.post("/api/candidates/prompt/", json=ask).status_code == 200
        page = login_page(app.test_client(), user.email)
        token = csrf_token(page.get("/me/coach").get_data(as_text=True))
        assert page.post("/me/coach", data={"question": "What next?", "csrf_token": token}).status_code == 302
        assert api.post("/api/candidates/career-coach/", json=ask).status_code == 429
        assert page.get("/me/coach").status_code == 200  # reading the conversation is not limited
