"""The job page's ranking: start it, follow it live (an SSE-triggered partial), read the ranked
list with scores, reasons, skill chips and quotes, filter it, page it and rank again."""

from __future__ import annotations

import re

from tests.api.jobs_helpers import stored_job
from tests.api.profile_helpers import make_profile
from tests.api.test_rank_candidates import SENIOR_EXPERIENCE, SENIOR_SKILLS, SENIOR_SUMMARY, resume
from tests.helpers import make_task, make_user
from tests.views.helpers import HX
from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from webapp import queue
from webapp.extensions import db
from webapp.models import CandidateProfile


def seed_candidates() -> dict[str, CandidateProfile]:
    senior = {"skills": SENIOR_SKILLS, "years": 6, "summary": SENIOR_SUMMARY,
              "experience": SENIOR_EXPERIENCE}
    return {
        "ada": make_profile(make_user("ada@mail.example"), slug="ada-x1", parsing_status="parsed",
                            resume_data=resume("Ada Lovelace", **senior),
                            work_mode_preferences=["remote"]),
        "ben": make_profile(make_user("ben@mail.example"), slug="ben-x2", parsing_status="parsed",
                            resume_data=resume("Ben Okafor", **senior), work_mode_preferences=["onsite"]),
        "cara": make_profile(make_user("cara@mail.example"), slug="cara-x3", parsing_status="parsed",
                             resume_data=resume(
                                 "Cara Nguyen", skills=["Python", "Flask"], years=3,
                                 summary="Python developer who likes small web apps.",
                                 experience=[("Python Developer", "Toolsmith", "2022-01", "2025-01",
                                              "Built internal tools in Python and Flask.")])),
    }


def rank_now(recruiting: Recruiting, client, **data) -> None:  # noqa: ANN001
    response = post(client, f"/jobs/{recruiting.job.id}/rank", data)
    assert response.status_code == 302, text_of(response)
    assert queue.wait_idle(recruiting.app)


def test_a_job_not_ranked_yet_offers_to_rank(recruiting: Recruiting) -> None:
    html = text_of(recruiting.client(recruiting.colleague).get(f"/jobs/{recruiting.job.id}"))
    assert "Candidates are not ranked for this job yet." in html
    assert '<button type="submit" id="rank-button">Rank candidates</button>' in html
    assert "sse-connect" not in html  # nothing runs: the page holds no stream
    assert f'hx-get="/jobs/{recruiting.job.id}/ranking"' in html and 'hx-trigger="sse:task"' in html
    assert 'role="status" aria-live="polite" tabindex="-1">' in html


def test_ranking_shows_the_ranked_list_with_reasons(recruiting: Recruiting) -> None:
    profiles = seed_candidates()
    client = recruiting.client(recruiting.colleague)

    rank_now(recruiting, client)

    assert stored_job(recruiting.job.id).ranking_status == "ranked"
    html = text_of(client.get(f"/jobs/{recruiting.job.id}"))
    assert "Ranked 3 candidates on" in html
    slugs = re.findall(r'<h3>#\d+ <a href="/candidates/([^"]+)">', html)
    assert set(slugs) == {p.slug for p in profiles.values()}
    assert slugs.index("cara-x3") > slugs.index("ada-x1")
    assert html.count("<meter") == 3
    assert "Has 2 of 2 required skills" in html  # the reason
    assert '<li class="chip">Python<span class="visually-hidden"> (has it)</span></li>' in html
    assert 'class="chip related">≈ Django' in html  # Flask is related to Django
    assert '<blockquote class="quote">' in html
    assert ">Re-rank</button>" in html
    for secret in ("Lovelace", "Okafor", "Nguyen", "mail.example"):
        assert secret not in html  # blind: the ranking shows no identities


def test_the_partial_alone_for_htmx_and_a_redirect_without(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    partial = text_of(client.get(f"/jobs/{recruiting.job.id}/ranking", headers=HX))
    assert partial.lstrip().startswith("{#") is False and "<html" not in partial
    assert '<section id="ranking"' in partial
    response = client.get(f"/jobs/{recruiting.job.id}/ranking?available=1")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/jobs/{recruiting.job.id}?available=1"


def test_an_htmx_rank_request_answers_the_partial(recruiting: Recruiting) -> None:
    seed_candidates()
    client = recruiting.client(recruiting.owner)
    response = post(client, f"/jobs/{recruiting.job.id}/rank", headers=HX)
    assert response.status_code == 200
    html = text_of(response)
    assert '<section id="ranking"' in html and "<html" not in html
    assert "Ranking candidates…" in html or "Ranked 3 candidates" in html
    assert 'tabindex="-1" data-focus>' in html  # keyboard focus follows to the progress
    assert queue.wait_idle(recruiting.app)


def test_progress_is_shown_while_ranking(recruiting: Recruiting) -> None:
    job = recruiting.job
    task = make_task("jobs.ranking:rank_job", "job", job.id, kind="rank_candidates", status="running",
                     progress=40, message="Reading the candidates", stage="reading")
    job.ranking_status, job.ranking_task_id = "ranking", task.id
    db.session.commit()
    html = text_of(recruiting.client(recruiting.owner).get(f"/jobs/{job.id}/ranking", headers=HX))
    assert '<progress max="100" value="40" aria-label="Ranking progress">' in html
    assert "Reading the candidates" in html
    assert 'hx-trigger="sse:task, every 2s"' in html  # also polls, in case an event was missed
    assert 'hx-sync="this:queue last"' in html  # an event during a refresh is not dropped
    assert "Rank candidates</button>" not in html and "Re-rank" not in html


def test_a_running_ranking_opens_a_stream_that_ends_with_it(recruiting: Recruiting) -> None:
    job = recruiting.job
    task = make_task("jobs.ranking:rank_job", "job", job.id, kind="rank_candidates", status="running")
    job.ranking_status, job.ranking_task_id = "ranking", task.id
    db.session.commit()
    html = text_of(recruiting.client(recruiting.owner).get(f"/jobs/{job.id}"))
    assert f'sse-connect="/events/job-{job.id}?until=done"' in html
    assert 'sse-close="end"' in html


def test_rank_answers_the_live_block_which_opens_the_stream(recruiting: Recruiting) -> None:
    seed_candidates()
    client = recruiting.client(recruiting.owner)
    html = text_of(post(client, f"/jobs/{recruiting.job.id}/rank", headers=HX))
    assert html.lstrip().startswith('<div id="ranking-live"')  # replaces the block with the stream
    assert queue.wait_idle(recruiting.app)
    ranked = text_of(client.get(f"/jobs/{recruiting.job.id}/ranking", headers=HX))
    assert ">Re-rank</button>" in ranked
    assert 'hx-target="#ranking-live" hx-swap="outerHTML"' in ranked  # so Re-rank opens one again


def test_a_failed_ranking_offers_to_try_again(recruiting: Recruiting) -> None:
    recruiting.job.ranking_status = "failed"
    db.session.commit()
    html = text_of(recruiting.client(recruiting.owner).get(f"/jobs/{recruiting.job.id}"))
    assert "The ranking failed" in html and ">Try again</button>" in html
    assert "data-focus" not in html


def test_filters_keep_available_candidates_and_a_work_mode(recruiting: Recruiting) -> None:
    profiles = seed_candidates()
    client = recruiting.client(recruiting.owner)
    rank_now(recruiting, client)
    profiles["ada"].is_available = False
    db.session.commit()

    html = text_of(client.get(f"/jobs/{recruiting.job.id}"))
    assert "Not available now" in html and "ada-x1" in html

    available = text_of(client.get(f"/jobs/{recruiting.job.id}?available=1"))
    assert "ada-x1" not in available and "cara-x3" in available
    assert 'name="available" value="1" checked' in available
    assert "2 shown by the filters" in available

    onsite = text_of(client.get(f"/jobs/{recruiting.job.id}/ranking?work_mode=onsite", headers=HX))
    # Ben prefers onsite, Cara stated no preference, Ada only remote.
    assert "ben-x2" in onsite and "cara-x3" in onsite and "ada-x1" not in onsite
    assert f'hx-get="/jobs/{recruiting.job.id}/ranking?work_mode=onsite"' in onsite

    none = text_of(client.get(f"/jobs/{recruiting.job.id}?available=1&work_mode=hybrid"))
    assert "cara-x3" in none
    ben_and_ada = {"ada", "ben"}
    for name in ben_and_ada:
        profiles[name].is_available = False
    profiles["cara"].is_available = False
    db.session.commit()
    assert "No ranked candidate matches these filters." in text_of(
        client.get(f"/jobs/{recruiting.job.id}?available=1"))


def test_a_long_ranking_shows_fifty_then_more(recruiting: Recruiting) -> None:
    entries = [{"candidate_id": make_profile(make_user(), slug=f"p-{n}").id, "slug": f"p-{n}",
                "score": round(1 - n / 100, 3), "match_reason": f"Reason {n}.", "breakdown": {}}
               for n in range(60)]
    job = recruiting.job
    job.ranking_status = "ranked"
    job.candidate_ranking_data = {"ranked_at": "2026-11-20T09:15:00Z", "pool_size": 60,
                                  "ranked_candidates": entries}
    db.session.commit()
    client = recruiting.client(recruiting.owner)

    html = text_of(client.get(f"/jobs/{job.id}"))
    assert html.count('class="card ranked"') == 50 and "50 of 60 shown" in html
    assert f'href="/jobs/{job.id}?show=100#ranking"' in html and "Show more candidates" in html

    more = text_of(client.get(f"/jobs/{job.id}/ranking?show=100", headers=HX))
    assert more.count('class="card ranked"') == 60 and "Show more" not in more


def test_re_rank_forces_a_new_ranking(recruiting: Recruiting) -> None:
    seed_candidates()
    client = recruiting.client(recruiting.owner)
    rank_now(recruiting, client)
    first = stored_job(recruiting.job.id).ranking_task_id
    make_profile(make_user("dan@mail.example"), slug="dan-x4", parsing_status="parsed",
                 resume_data=resume("Dan Late", skills=["Python", "Django"], years=2,
                                    summary="Python and Django.", experience=[]))

    rank_now(recruiting, client, force="1")

    job = stored_job(recruiting.job.id)
    assert job.ranking_task_id != first and job.candidate_ranking_data["pool_size"] == 4
    assert "dan-x4" in text_of(client.get(f"/jobs/{recruiting.job.id}"))


def test_an_edit_makes_the_ranking_stale(recruiting: Recruiting) -> None:
    seed_candidates()
    client = recruiting.client(recruiting.owner)
    rank_now(recruiting, client)
    post(client, f"/jobs/{recruiting.job.id}/edit", {"title": "Go Developer", "job_desc": "Go."})
    html = text_of(client.get(f"/jobs/{recruiting.job.id}"))
    assert "Candidates are not ranked for this job yet." in html and "Rank candidates</button>" in html


def test_ranking_needs_a_member_of_the_organization(recruiting: Recruiting) -> None:
    anonymous = post(recruiting.client(), f"/jobs/{recruiting.job.id}/rank")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert post(recruiting.client(recruiting.outsider), f"/jobs/{recruiting.job.id}/rank").status_code == 404
    assert post(recruiting.client(recruiting.candidate), f"/jobs/{recruiting.job.id}/rank").status_code == 403
    assert stored_job(recruiting.job.id).ranking_status == "pending"


def test_the_job_form_offers_skills_read_from_the_description_to_require(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.colleague)
    url = f"/jobs/{recruiting.job.id}/edit"
    response = post(client, url, {"title": "Senior Python Developer", "skills": ["Python", "Django"],
                                  "job_desc": "Django services. Docker and Kubernetes help. Good English."})
    assert response.status_code == 302
    html = text_of(client.get(url))
    described = html[html.index("Read from the description"):]
    for name in ("Docker", "Kubernetes", "English"):
        assert f'<input type="checkbox" name="skills" value="{name}">' in described, name
    assert 'value="Django">' not in described  # chosen already: not offered again

    # Ticking one makes it required; the others stay mentions only.
    response = post(client, url, {"title": "Senior Python Developer",
                                  "skills": ["Python", "Django", "Docker"],
                                  "job_desc": "Django services. Docker and Kubernetes help. Good English."})
    assert response.status_code == 302
    assert sorted(skill.name for skill in stored_job(recruiting.job.id).skills) == \
        ["Django", "Docker", "Python"]


def test_ranking_requires_only_the_chosen_skills(recruiting: Recruiting) -> None:
    seed_candidates()
    client = recruiting.client(recruiting.colleague)
    post(client, f"/jobs/{recruiting.job.id}/edit",
         {"title": "Senior Python Developer", "skills": ["Python", "Django"],
          "job_desc": "Django services. JavaScript knowledge helps. Good English."})
    rank_now(recruiting, client)
    ranked = stored_job(recruiting.job.id).candidate_ranking_data
    assert ranked["required_skills"] == ["Django", "Python"]
    for entry in ranked["ranked_candidates"]:
        assert set(entry["breakdown"]["missing_skills"]) <= {"Django", "Python"}
        assert "JavaScript" not in entry["match_reason"] and "English" not in entry["match_reason"]
    html = text_of(client.get(f"/jobs/{recruiting.job.id}"))
    assert "missing JavaScript" not in html and "✕ English" not in html
