"""The offline scorer: what a job asks, how each component counts, the reason given, and
blindness to who the candidate is."""

from __future__ import annotations

import dataclasses

from webapp.ai import ranking
from webapp.ai.ranking import WEIGHTS, Candidate, features, job_needs, profile_text, rank

JOB = job_needs("Senior Python Developer",
                "We need 5+ years of Python, Django and PostgreSQL. Docker is a plus.",
                ["Python", "Django"], workplace_type="remote", job_type="full-time")


def candidate(profile_id: int, skills: set[str], years: float | None, titles: list[str], text: str,
              **preferences) -> Candidate:
    return Candidate(profile_id, f"candidate-{profile_id}", skills, years, titles, text, **preferences)


POOL = [
    candidate(1, {"Python", "Django", "PostgreSQL", "Docker"}, 6, ["Python Developer"],
              "Built Django services on PostgreSQL, shipped with Docker.", work_modes=["remote"]),
    candidate(2, {"Python", "Flask"}, 3, ["Software Engineer"], "Python APIs with Flask.",
              work_modes=["onsite"], job_types=["contract"]),
    candidate(3, {"Phlebotomy"}, 10, ["Nurse"], "Drew blood for 40 patients a day."),
]


def test_what_the_job_asks_is_read_from_its_skills_title_and_text():
    assert JOB.skills == ["Python", "Django", "PostgreSQL", "Docker"]
    assert (JOB.min_years, JOB.seniority) == (5, "senior")


def test_the_best_fit_comes_first_and_nobody_is_dropped():
    ranked = rank(JOB, POOL)
    assert [r.candidate.profile_id for r in ranked] == [1, 2, 3]
    assert all(0 <= r.score <= 1 for r in ranked)
    assert ranked[0].score > ranked[1].score > ranked[2].score


def test_the_reason_states_skills_years_and_mismatches():
    first, second, _ = rank(JOB, POOL)
    assert first.reason == ("Has 4 of 4 required skills (Python, Django, PostgreSQL, Docker), "
                            "6 years of experience (the job asks 5+), open to remote.")
    assert "(Python; missing PostgreSQL, Docker), related experience for Django" in second.reason
    assert "prefers onsite (the job is remote)" in second.reason
    assert "looks for contract work (the job is full-time)" in second.reason
    assert first.breakdown["evidence"] == ["Built Django services on PostgreSQL, shipped with Docker."]
    assert set(first.breakdown["components"]) == set(WEIGHTS)


def test_a_closely_related_skill_counts_half():
    needs = job_needs("Developer", "", ["Kubernetes"])
    [ranked] = rank(needs, [candidate(1, {"Docker"}, None, [], "")])  # related in the catalogue
    assert ranked.breakdown["related_skills"] == ["Kubernetes"]
    assert ranked.breakdown["components"]["skills"] == 0.5


def test_mismatches_lower_the_score():
    remote = candidate(1, {"Python"}, 5, ["Python Developer"], "Python", work_modes=["remote"])
    onsite = dataclasses.replace(remote, profile_id=2, work_modes=["onsite"])
    scores = {r.candidate.profile_id: r.score for r in rank(JOB, [remote, onsite])}
    assert scores[1] > scores[2]


def test_a_job_asking_nothing_measurable_still_ranks():
    needs = job_needs("Helper", "", [])
    ranked = rank(needs, POOL)
    assert len(ranked) == 3 and all(r.reason.endswith(".") for r in ranked)


def test_the_weights_are_documented_and_add_up_to_one():
    assert abs(sum(WEIGHTS.values()) - 1) < 1e-9
    assert all(f"{name:<11} {weight:.2f}" in ranking.__doc__ for name, weight in WEIGHTS.items())


def test_a_required_skill_the_resume_names_outside_its_skills_list_counts():
    needs = job_needs("Staff Accountant", "", ["Accounts Payable", "GAAP"])
    stored = features(["Microsoft Excel"], 4, ["Accountant"],
                      "Processed accounts payable for 30 vendors.", None)
    assert stored["mentioned"] == ["Accounts Payable"]
    listed = candidate(1, {"Microsoft Excel"}, 4, ["Accountant"], "", words=stored["words"],
                       mentioned=set(stored["mentioned"]))
    [ranked] = rank(needs, [listed])
    assert ranked.breakdown["matched_skills"] == ["Accounts Payable"]
    assert ranked.breakdown["missing_skills"] == ["GAAP"]


def test_a_title_the_post_names_fits_as_well_as_the_job_title():
    needs = job_needs("Account Executive", "We seek a sales representative to grow revenue.", [])
    rep = candidate(1, set(), 3, ["Sales Representative"], "Sold office supplies.")
    clerk = candidate(2, set(), 3, ["Accounts Clerk"], "Sold office supplies.")
    titles = {r.candidate.profile_id: r.breakdown["components"]["title"] for r in rank(needs, [rep, clerk])}
    assert titles == {1: 1.0, 2: 0.0}


def test_relevance_reads_structured_fields_and_nothing_that_says_who_the_candidate_is():
    data = {"name": "Ada Quill", "email": "ada@example.com", "phone": "555 0100",
            "location": "Oslo", "links": {"linkedin": "https://linkedin.com/in/adaquill"},
            "summary": "Payroll specialist.", "skills": ["Payroll Processing"],
            "certifications": ["CPP"], "languages": ["Norwegian"],
            "education": [{"institution": "Quill College", "degree": "BSc", "field": "Accounting",
                           "end": "2011"}],
            "experience": [{"title": "Payroll Clerk", "company": "Nordvik AS", "location": "Bergen",
                            "start": "2012-01", "description": "Ran payroll for 300 staff."}],
            "work_experience": [{"position": "Payroll Lead", "company": "Fjord Ltd",
                                 "description": "Led the payroll team."}],
            "accommodations": "screen reader"}
    text = profile_text(data).lower()
    for word in ("payroll specialist", "payroll processing", "cpp", "bsc", "accounting",
                 "ran payroll", "led the payroll team"):
        assert word in text
    for word in ("ada", "quill", "example", "555", "oslo", "linkedin", "norwegian", "nordvik",
                 "bergen", "fjord", "2011", "2012", "screen reader"):
        assert word not in text
