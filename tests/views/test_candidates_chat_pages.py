"""Resume chat on the candidate profile page: ask, see the answer, continue the same thread,
find it again on reopening; threads stay with their author."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.views.candidates_helpers import World, build_world
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import HX, page_token
from webapp.extensions import db
from webapp.models import ChatMessage, ChatThread


def profile_url(world: World) -> str:
    return f"/candidates/{world.profile.slug}"


def thread_field(html: str) -> str:
    return re.search(r'name="thread_id" type="hidden" value="([^"]*)"', html).group(1)


def test_a_question_is_answered_and_the_thread_reopens(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/chat",
                           data={"csrf_token": token, "question": "What are the candidate's skills?"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{profile_url(world)}#chat")
    html = client.get(profile_url(world)).get_data(as_text=True)
    assert "What are the candidate&#39;s skills?" in html
    assert "Python" in html.split('id="chat"')[1]
    thread = db.session.scalars(select(ChatThread)).one()
    assert thread_field(html) == thread.id


def test_an_htmx_question_gets_the_conversation_partial_and_continues_the_thread(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    headers = {**HX, "X-CSRFToken": token}
    first = client.post(f"{profile_url(world)}/chat", headers=headers,
                        data={"question": "Where does Dana live?"})
    html = first.get_data(as_text=True)
    assert first.status_code == 200
    assert "<html" not in html and 'id="chat"' in html
    assert 'class="from-user"' in html and 'class="from-assistant"' in html
    assert "data-focus" in html
    thread_id = thread_field(html)
    second = client.post(f"{profile_url(world)}/chat", headers=headers,
                         data={"question": "How many years of experience?", "thread_id": thread_id})
    assert second.status_code == 200
    assert thread_field(second.get_data(as_text=True)) == thread_id
    assert db.session.scalar(select(func.count()).select_from(ChatThread)) == 1
    assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 4


def test_an_empty_question_is_refused(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/chat", data={"csrf_token": token, "question": ""})
    assert response.status_code == 400
    assert 'id="question-error">This field is required.</p>' in response.get_data(as_text=True)
    partial = client.post(f"{profile_url(world)}/chat", headers={**HX, "X-CSRFToken": token},
                          data={"question": "x" * 4001})
    assert partial.status_code == 200  # HTMX swaps only successful answers
    assert "At most 4000 characters." in partial.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 0


def test_another_users_thread_is_neither_shown_nor_usable(world: World) -> None:
    colleague = world.client(world.colleague)
    token = page_token(colleague, profile_url(world))
    colleague.post(f"{profile_url(world)}/chat", data={"csrf_token": token, "question": "Secret question?"})
    their_thread = db.session.scalars(select(ChatThread)).one().id

    client = world.client(world.recruiter)
    html = client.get(profile_url(world)).get_data(as_text=True)
    assert "Secret question?" not in html
    assert thread_field(html) == ""
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/chat",
                           data={"csrf_token": token, "question": "Hi", "thread_id": their_thread})
    assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 2


def test_no_chat_about_a_profile_the_user_may_not_see(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"/candidates/{world.rival_sourced.slug}/chat",
                           data={"csrf_token": token, "question": "Anything?"})
    assert response.status_code == 404
    anonymous = world.client(None)
    token = page_token(anonymous, "/login")
    response = anonymous.post(f"{profile_url(world)}/chat", data={"csrf_token": token, "question": "Hi"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_resume_chat_shares_the_chat_rate_limit(make_app) -> None:  # noqa: ANN001
    app = make_app(CHAT_RATE_LIMIT="1 per minute")
    with make_app(variant="test body", CHAT_RATE_LIMIT="1 per minute").app_context():
        world = build_world(app)
        client = world.client(world.recruiter)
        token = page_token(client, profile_url(world))
        first = client.post(f"{profile_url(world)}/chat", data={"csrf_token": token, "question": "Skills?"})
        assert first.status_code == 302
        second = client.post(f"{profile_url(world)}/chat", data={"csrf_token": token, "question": "Again?"})
        assert second.status_code == 429
        assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 2
