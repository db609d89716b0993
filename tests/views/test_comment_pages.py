"""Comments on the application page and the notifications page: a member comments and
mentions a colleague, the colleague sees the badge and the notification and opens the
application from it, only the author edits or deletes, no HTML gets through, and nobody
outside the organization (the candidate included) sees any of it."""

from __future__ import annotations

import re

import pytest

from tests.api.pipeline_helpers import candidate_with_resume
from tests.helpers import make_user
from tests.views.helpers import HX
from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from tests.views.recruiter_helpers import staged_fixture as staged_fixture  # fixture
from webapp import queue
from webapp.extensions import db
from webapp.models import Application, Comment
from webapp.services import applications


@pytest.fixture
def applied(staged: Recruiting) -> tuple[Recruiting, Application]:
    user = make_user("jane@mail.example", first_name="Jane", last_name="Doe")
    candidate_with_resume(user)
    application = applications.apply(user, staged.job.id, "Hello")
    db.session.commit()
    return staged, application


def page_of(application: Application) -> str:
    return f"/applications/{application.id}"


def test_a_mention_reaches_the_colleague_who_opens_the_application_from_it(applied, outbox) -> None:  # noqa: ANN001
    recruiting, application = applied
    owner = recruiting.client(recruiting.owner)
    html = text_of(owner.get(page_of(application)))
    assert "No comments yet." in html and "@carl.colleague" in html
    assert f'sse-connect="/events/application-{application.id}"' in html

    response = post(owner, f"{page_of(application)}/comments",
                    {"body": "@carl.colleague please interview <b>soon</b> https://example.com/notes"},
                    headers=HX)
    assert response.status_code == 200
    body = text_of(response)
    assert "Comment added." in body
    assert "&lt;b&gt;soon&lt;/b&gt;" in body and "<b>soon</b>" not in body
    assert '<a href="https://example.com/notes" rel="nofollow noopener">' in body
    assert queue.wait_idle(recruiting.app)
    assert "Rita Root mentioned you" in outbox.to("colleague@acme.example")[-1]["Subject"]

    colleague = recruiting.client(recruiting.colleague)
    notifications = text_of(colleague.get("/notifications"))
    badge = r'Notifications <span class="badge warn">1<span class="visually-hidden"> unread'
    assert re.search(badge, notifications)
    assert "mentioned you on an application for Senior Python Developer" in notifications
    notification_id = re.search(r'action="/notifications/(\d+)/open"', notifications).group(1)
    opened = post(colleague, f"/notifications/{notification_id}/open")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"{page_of(application)}#comments")
    page = text_of(colleague.get(page_of(application)))
    assert "please interview" in page and 'class="badge warn">1' not in page

    reply = post(colleague, f"{page_of(application)}/comments", {"body": "Will do, @rita.root"})
    assert reply.status_code == 302  # without HTMX: back to the page
    assert "Will do" in text_of(owner.get(page_of(application)))


def test_the_candidate_and_another_organization_see_no_comments(applied) -> None:  # noqa: ANN001
    recruiting, application = applied
    post(recruiting.client(recruiting.owner), f"{page_of(application)}/comments", {"body": "Internal remark"})
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) == 1
    candidate = recruiting.client(application.profile.user)
    for url in ("/me/applications/", f"/me/applications/{application.id}"):
        assert "Internal remark" not in text_of(candidate.get(url))
    assert candidate.get(page_of(application)).status_code in (403, 404)
    assert candidate.get(f"{page_of(application)}/comments", headers=HX).status_code in (403, 404)
    outsider = recruiting.client(recruiting.outsider)
    assert outsider.get(page_of(application)).status_code == 404
    assert post(outsider, f"{page_of(application)}/comments", {"body": "hi"}).status_code == 404
    assert outsider.get(f"{page_of(application)}/comments", headers=HX).status_code == 404


def test_only_the_author_edits_and_deletes_and_an_empty_comment_says_so(applied) -> None:  # noqa: ANN001
    recruiting, application = applied
    owner = recruiting.client(recruiting.owner)
    post(owner, f"{page_of(application)}/comments", {"body": "first"})
    comment = db.session.scalar(db.select(Comment))
    colleague = recruiting.client(recruiting.colleague)
    assert 'action="/comments/' not in text_of(colleague.get(page_of(application)))
    assert post(colleague, f"/comments/{comment.id}/edit", {"body": "mine"}).status_code == 403
    assert post(colleague, f"/comments/{comment.id}/delete").status_code == 403

    editing = text_of(owner.get(f"{page_of(application)}/comments?edit={comment.id}", headers=HX))
    assert "Change your comment" in editing
    changed = text_of(post(owner, f"/comments/{comment.id}/edit", {"body": "second"}, headers=HX))
    assert "Comment changed." in changed and "second" in changed
    empty = text_of(post(owner, f"{page_of(application)}/comments", {"body": "  "}, headers=HX))
    assert "This field is required." in empty
    deleted = text_of(post(owner, f"/comments/{comment.id}/delete", headers=HX))
    assert "Comment deleted." in deleted and "No comments yet." in deleted


def test_a_rejection_emailed_later_is_cancelled_from_the_application_page(applied, outbox) -> None:  # noqa: ANN001
    recruiting, application = applied
    owner = recruiting.client(recruiting.owner)
    form = text_of(owner.get(page_of(application)))
    assert 'name="email_delay_hours"' in form and ">in 2 days</option>" in form
    post(owner, f"/jobs/{recruiting.job.id}/pipeline/reject",
         {"application_id": application.id, "reason": "Position filled or closed", "notify": "1",
          "email_delay_hours": "48", "back": "application"})
    page = text_of(owner.get(page_of(application)))
    assert "“Rejected” to jane@mail.example:\n      scheduled for" in page
    email_id = re.search(rf'action="/applications/{application.id}/emails/(\d+)/cancel"', page).group(1)
    cancelled = post(owner, f"/applications/{application.id}/emails/{email_id}/cancel")
    assert cancelled.status_code == 302
    page = text_of(owner.get(page_of(application)))
    assert "cancelled, not sent" in page and "cancelled by Rita" in page
    assert queue.wait_idle(recruiting.app)
    assert all("Your application for" not in m["Subject"] for m in outbox.to("jane@mail.example"))
    again = post(owner, f"/applications/{application.id}/emails/{email_id}/cancel")
    assert again.status_code == 302 and "only a scheduled email can be cancelled" in text_of(
        owner.get(page_of(application)))
    outsider = recruiting.client(recruiting.outsider)
    assert post(outsider, f"/applications/{application.id}/emails/{email_id}/cancel").status_code == 404
