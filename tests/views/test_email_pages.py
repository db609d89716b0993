"""The organization's emails page: the owner edits a template with a live preview and sees
a bad placeholder named next to the field; members only read."""

from __future__ import annotations

from tests.views.helpers import HX
from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from tests.views.recruiter_helpers import staged_fixture as staged_fixture  # fixture
from webapp.services import email_templates


def url(recruiting: Recruiting, tail: str = "") -> str:
    return f"/organizations/{recruiting.acme.id}/emails/{tail}"


def test_the_owner_edits_the_rejection_with_a_preview(staged: Recruiting) -> None:
    owner = staged.client(staged.owner)
    page = text_of(owner.get(url(staged)))
    assert "Rejection" in page and "{{ job_title }}" in page and "Hello Jane," in page
    preview = post(owner, url(staged, "rejected/preview"),
                   {"subject": "About {{ job_title }}",
                    "body": "Dear {{ candidate_first_name }}, <i>no</i>."},
                   headers=HX)
    assert preview.status_code == 200
    html = text_of(preview)
    assert "About Backend Engineer" in html and "Dear Jane, &lt;i&gt;no&lt;/i&gt;." in html
    bad = post(owner, url(staged, "rejected/preview"), {"subject": "x", "body": "{{ pay }}"}, headers=HX)
    assert "Unknown placeholder {{ pay }}" in text_of(bad)

    refused = post(owner, url(staged, "rejected"),
                   {"subject": "Hi", "body": "Dear {{ pay }}", "enabled": "1"})
    assert refused.status_code == 400
    assert 'id="body-rejected-error">Unknown placeholder {{ pay }}' in text_of(refused)
    assert "Dear {{ pay }}" in text_of(refused)  # what was written is kept

    saved = post(owner, url(staged, "rejected"),
                 {"subject": "Hi", "body": "Sorry, {{ job_title }}.", "enabled": "1"})
    assert saved.status_code == 302
    template = email_templates.one(staged.acme.id, "rejected")
    assert (template.subject, template.body, template.enabled) == ("Hi", "Sorry, {{ job_title }}.", True)


def test_members_read_and_cannot_change_and_others_get_404(staged: Recruiting) -> None:
    colleague = staged.client(staged.colleague)
    page = text_of(colleague.get(url(staged)))
    assert "Only the organization's owner can change the emails." in page and "<textarea" not in page
    assert post(colleague, url(staged, "rejected"), {"subject": "Hi", "body": "x"}).status_code == 403
    outsider = staged.client(staged.outsider)
    assert outsider.get(url(staged)).status_code == 404
    text = {"subject": "Hi", "body": "x"}
    assert post(outsider, url(staged, "rejected/preview"), text, headers=HX).status_code == 404
    assert post(staged.client(staged.owner), url(staged, "nonsense"), text).status_code == 404
