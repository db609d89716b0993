"""The career coach page: questions answered in a kept thread, errors next to the field."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from tests.views.candidate_helpers import candidate
from tests.views.helpers import page_token as token
from tests.views.test_candidate_onboarding import PARSED
from webapp.ai.chat import MAX_INPUT
from webapp.extensions import db
from webapp.models import ChatMessage, ChatThread

HTMX = {"HX-Request": "true"}


@pytest.fixture
def coached(client: FlaskClient):  # noqa: ANN201
    user = candidate(client)
    return make_profile(user, resume_data=PARSED, parsing_status="parsed")


def ask(client: FlaskClient, question: str, thread_id: str = "", **kwargs):  # noqa: ANN003, ANN201
    return client.post("/me/coach", data={"csrf_token": token(client, "/me/coach"),
                                          "question": question, "thread_id": thread_id}, **kwargs)


def test_without_a_profile_the_coach_asks_for_a_resume(client: FlaskClient) -> None:
    candidate(client)
    body = client.get("/me/coach").get_data(as_text=True)
    assert "No resume yet — upload one to get started." in body


def test_an_empty_conversation_says_so(client: FlaskClient, coached) -> None:  # noqa: ANN001
    body = client.get("/me/coach").get_data(as_text=True)
    assert "No messages yet." in body and 'role="log"' in body and 'aria-live="polite"' in body
    assert 'hx-post="/me/coach"' in body and 'hx-swap="beforeend"' in body


def test_an_htmx_question_gets_the_exchange_to_append_and_the_thread_id(client: FlaskClient,
                                                                       coached) -> None:  # noqa: ANN001
    response = ask(client, "Which jobs fit me?", headers=HTMX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert '<li class="from-user"><span class="visually-hidden">You: </span>Which jobs fit me?</li>' in body
    assert 'class="from-assistant"' in body
    thread = ChatThread.query.one()
    assert thread.kind == "career_coach" and thread.profile_id == coached.id
    assert (f'<input type="hidden" id="thread_id" name="thread_id" value="{thread.id}" '
            'hx-swap-oob="true">') in body

    ask(client, "And how do I improve my profile?", thread.id, headers=HTMX)
    assert ChatThread.query.count() == 1 and ChatMessage.query.count() == 4


def test_without_javascript_the_question_redirects_and_the_thread_is_shown_again(
        client: FlaskClient, coached) -> None:  # noqa: ANN001
    response = ask(client, "What should I learn next?")
    assert response.status_code == 302
    body = client.get("/me/coach").get_data(as_text=True)
    thread = ChatThread.query.one()
    assert "What should I learn next?" in body and body.count('class="from-assistant"') == 1
    assert f'name="thread_id" value="{thread.id}"' in body
    assert 'id="chat-empty" class="muted" hidden' in body


@pytest.mark.parametrize(("question", "message"), [
    ("   ", "Type a question for the coach."),
    ("x" * (MAX_INPUT + 1), f"At most {MAX_INPUT} characters."),
])
def test_question_errors_show_next_to_the_field(client: FlaskClient, coached, question: str,  # noqa: ANN001
                                                message: str) -> None:
    response = ask(client, question)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert f'<p class="error" id="question-error">{message}</p>' in body
    if question.strip():
        assert question + "</textarea>" in body
    htmx = ask(client, question, headers=HTMX)
    assert htmx.status_code == 200 and message in htmx.get_data(as_text=True)
    assert ChatMessage.query.count() == 0


def test_another_users_thread_is_not_continued(client: FlaskClient, coached) -> None:  # noqa: ANN001
    other = make_user("other@example.com", is_candidate=True)
    other_profile = make_profile(other, resume_data=PARSED, parsing_status="parsed")
    foreign = ChatThread(id="0b0b0b0b-0000-4000-8000-000000000000", kind="career_coach",
                         user_id=other.id, profile_id=other_profile.id)
    db.session.add_all([foreign, ChatMessage(thread_id=foreign.id, role="user", content="Secret plan")])
    db.session.commit()
    assert "Secret plan" not in client.get("/me/coach").get_data(as_text=True)
    response = ask(client, "Hello?", foreign.id)
    assert response.status_code == 400
    assert "Conversation not found." in response.get_data(as_text=True)
    assert ChatMessage.query.count() == 1


def test_htmx_errors_without_a_field_come_back_in_the_question_field(client: FlaskClient,
                                                                     coached) -> None:  # noqa: ANN001
    body = ask(client, "Hello?", "0b0b0b0b-0000-4000-8000-000000000000", headers=HTMX)
    assert body.status_code == 200
    assert '<p class="error" id="question-error">Conversation not found.</p>' in body.get_data(as_text=True)
    assert client.post("/me/coach", data={"question": "Hello?"}, headers=HTMX).status_code == 400
    assert ChatMessage.query.count() == 0
