"""Roles on the pages: the owner sets a member's role on the organization page, an owner or
recruiter adds a hiring manager to a job's hiring team on the job page, and a hiring manager
sees the job only once on its team, without its edit and delete buttons."""

from __future__ import annotations

from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from tests.views.recruiter_helpers import staged_fixture as staged_fixture  # fixture
from webapp.services import membership


def test_the_owner_makes_a_colleague_a_hiring_manager_who_then_joins_a_job(staged: Recruiting) -> None:
    owner = staged.client(staged.owner)
    page = text_of(owner.get(f"/organizations/{staged.acme.id}"))
    assert f'<label class="visually-hidden" for="role-{staged.colleague.id}">' in page
    changed = post(owner, f"/organizations/{staged.acme.id}/members/role",
                   {"user_id": staged.colleague.id, "role": "hiring_manager"})
    assert changed.status_code == 302
    assert membership.role_in(staged.colleague, staged.acme.id) == "hiring_manager"
    assert "is now a hiring manager" in text_of(owner.get(f"/organizations/{staged.acme.id}"))

    colleague = staged.client(staged.colleague)
    assert colleague.get(f"/jobs/{staged.job.id}").status_code == 404
    job_page = text_of(owner.get(f"/jobs/{staged.job.id}"))
    assert "Hiring team" in job_page and "Add to the hiring team" in job_page
    added = post(owner, f"/jobs/{staged.job.id}/team", {"user_id": staged.colleague.id})
    assert added.status_code == 302
    seen = text_of(colleague.get(f"/jobs/{staged.job.id}"))
    assert "Carl Colleague" in seen and ">Edit<" not in seen and "Add to the hiring team" not in seen
    assert post(colleague, f"/jobs/{staged.job.id}/team", {"user_id": staged.colleague.id}).status_code == 403
    assert colleague.get(f"/organizations/{staged.acme.id}/emails/").status_code == 403

    removed = post(owner, f"/jobs/{staged.job.id}/team/remove", {"user_id": staged.colleague.id})
    assert removed.status_code == 302
    assert colleague.get(f"/jobs/{staged.job.id}").status_code == 404


def test_only_the_owner_sets_roles_and_bad_roles_say_so(staged: Recruiting) -> None:
    colleague = staged.client(staged.colleague)
    assert post(colleague, f"/organizations/{staged.acme.id}/members/role",
                {"user_id": staged.owner.id, "role": "hiring_manager"}).status_code == 403
    owner = staged.client(staged.owner)
    post(owner, f"/organizations/{staged.acme.id}/members/role",
         {"user_id": staged.colleague.id, "role": "boss"})
    page = text_of(owner.get(f"/organizations/{staged.acme.id}"))
    assert "Choose one of: recruiter, hiring_manager." in page
    outsider = staged.client(staged.outsider)
    assert post(outsider, f"/organizations/{staged.acme.id}/members/role",
                {"user_id": staged.colleague.id, "role": "recruiter"}).status_code == 404
    assert post(outsider, f"/jobs/{staged.job.id}/team", {"user_id": staged.colleague.id}).status_code == 404
