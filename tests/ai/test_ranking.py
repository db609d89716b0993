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


def test_the_required_skills_are_the_recruiters_and_the_description_adds_only_mentions():
    assert JOB.skills == ["Python", "Django"]
    assert JOB.mentioned == ["PostgreSQL", "Docker"]
    assert (JOB.min_years, JOB.seniority) == (5, "senior")


def test_the_best_fit_comes_first_and_nobody_is_dropped():
    ranked = rank(JOB, POOL)
    assert [r.candidate.profile_id for r in ranked] == [1, 2, 3]
    assert all(0 <= r.score <= 1 for r in ranked)
    assert ranked[0].score > ranked[1].score > ranked[2].score


def test_the_reason_states_skills_years_and_mismatches():
    first, second, _ = rank(JOB, POOL)
    assert first.reason == ("Has 2 of 2 required skills (Python, Django), also has PostgreSQL, "
                            "Docker (named in the description), 6 years of experience (the job "
                            "asks 5+), open to remote.")
    assert "Has 1 of 2 required skills (Python), related experience for Django" in second.reason
    assert "PostgreSQL" not in second.reason and "Docker" not in second.reason
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


def test_a_title_the_post_names_fits_too():
    needs = job_needs("Account Executive", "We seek a sales representative to grow revenue.", [])
    rep = candidate(1, set(), 3, ["Sales Representative"], "Sold office supplies.")
    clerk = candidate(2, set(), 3, ["Accounts Clerk"], "Sold office supplies.")
    titles = {r.candidate.profile_id: r.breakdown["components"]["title"] for r in rank(needs, [rep, clerk])}
    assert titles[1] > 0.5 and titles[2] == 0.0


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


def test_skills_only_the_description_names_are_never_missing_and_languages_are_no_skills():
    needs = job_needs("Backend Developer", "JavaScript knowledge helps. Good English.", ["Python", "Django"])
    assert needs.skills == ["Python", "Django"]
    assert "JavaScript" in needs.mentioned and "English" in needs.mentioned
    exact = candidate(1, {"Python", "Django"}, 4, ["Backend Developer"], "Django services.")
    [ranked] = rank(needs, [exact])
    assert ranked.reason.startswith("Has 2 of 2 required skills (Python, Django),")
    assert ranked.breakdown["missing_skills"] == []
    assert "JavaScript" not in ranked.reason and "English" not in ranked.reason
    assert ranked.breakdown["components"]["skills"] == 1.0


def test_a_spoken_language_the_recruiter_chose_is_matched_against_the_profiles_languages():
    needs = job_needs("Support Agent", "Answer customers by phone.", ["Zendesk", "Spanish"])
    assert (needs.skills, needs.languages) == (["Zendesk"], ["Spanish"])
    speaks = candidate(1, {"Zendesk"}, 2, ["Support Agent"], "Phone support.", languages={"Spanish"})
    silent = candidate(2, {"Zendesk"}, 2, ["Support Agent"], "Phone support.")
    ranked = {r.candidate.profile_id: r for r in rank(needs, [speaks, silent])}
    assert ranked[1].reason.startswith("Has 1 of 1 required skills (Zendesk)")
    assert "speaks Spanish" in ranked[1].reason
    assert "lists no Spanish among their languages" in ranked[2].reason
    assert ranked[2].breakdown["missing_skills"] == []
    assert ranked[1].score > ranked[2].score


def test_a_skill_nearly_everyone_has_weighs_less_than_a_specific_one():
    needs = job_needs("Support Lead", "", ["Customer Service", "Zendesk"])
    pool = [candidate(i, {"Customer Service"}, 2, ["Agent"], "") for i in range(1, 40)]
    pool.append(candidate(40, {"Zendesk"}, 2, ["Agent"], ""))
    scores = {r.candidate.profile_id: r.breakdown["components"]["skills"] for r in rank(needs, pool)}
    assert scores[40] > 0.7 > 0.3 > scores[1]


def test_a_one_word_generic_title_gets_no_full_title_credit():
    needs = job_needs("Digital Marketing Specialist", "Run our campaigns as a specialist.", [])
    pool = [candidate(1, set(), 3, ["Specialist"], ""),
            candidate(2, set(), 3, ["Digital Marketing Specialist"], "")]
    pool += [candidate(i, set(), 3, [title], "") for i, title in
             enumerate(["Billing Specialist", "HR Specialist", "Benefits Specialist", "Cook"], start=3)]
    titles = {r.candidate.profile_id: r.breakdown["components"]["title"] for r in rank(needs, pool)}
    assert titles[2] == 1.0
    assert titles[1] < 0.5


def test_the_post_title_is_not_counted_twice_in_relevance():
    needs = job_needs("Chef", "Plan menus and run the kitchen.", [])
    assert needs.query.count("chef") == 1


def test_parser_junk_among_skills_does_not_count_as_skills():
    stored = ranking.profile_features(
        {"location": "Fort Worth, TX", "skills": ["2011", "2012 2014", "Fort Worth", "CA", "Sun",
                                                   "Denton, TX", "Payroll Processing", "Forecasting"]},
        ["2011", "2012 2014", "Fort Worth", "CA", "Sun", "Denton, TX", "Payroll Processing",
         "Forecasting"])
    assert stored["skills"] == ["Forecasting", "Payroll Processing"]
    for junk in ("2011", "2014", "worth", " ca ", "sun", "denton"):
        assert junk not in stored["words"]


def test_a_limited_ranking_explains_the_same_first_candidates():
    full = rank(JOB, POOL)
    [first, second] = rank(JOB, POOL, limit=2)
    assert [first.candidate.profile_id, second.candidate.profile_id] == \
        [r.candidate.profile_id for r in full[:2]]
    assert (first.score, first.reason, first.breakdown) == (full[0].score, full[0].reason, full[0].breakdown)


def test_the_headline_counts_as_one_of_the_candidates_titles():
    stored = ranking.profile_features({"headline": "Pastry Chef", "experience": [
        {"title": "Barista", "start": "2019-01", "end": "2021-01"}]}, [])
    assert stored["titles"] == ["Pastry Chef", "Barista"]
    assert "pastry chef" in stored["title_words"]


def test_a_focused_profile_beats_a_long_one_that_names_more_of_the_words_once():
    needs = job_needs("Irrigation Technician", "Maintain irrigation systems and pumps.", [])
    focused = candidate(1, set(), 3, ["Farmhand"],
                        "Irrigation: installed and repaired irrigation lines and valves.")
    broad = candidate(2, set(), 3, ["Coordinator"], "Irrigation, maintain systems, pumps. "
                      + " ".join(f"duty{n} task{n}" for n in range(150)))
    others = [candidate(i, set(), 3, ["Clerk"], f"Filed papers {i}.") for i in range(3, 10)]
    relevance = {r.candidate.profile_id: r.breakdown["components"]["relevance"]
                 for r in rank(needs, [focused, broad, *others])}
    assert relevance[1] == 1.0 > relevance[2]


def test_a_word_in_a_job_title_weighs_more_than_the_same_word_in_the_text():
    needs = job_needs("Welder", "Weld steel frames.", [])
    titled = candidate(1, set(), 3, ["Welder"], "Frames for trailers.")
    mentioned = candidate(2, set(), 3, ["Painter"], "Welder on call. Frames for trailers.")
    relevance = {r.candidate.profile_id: r.breakdown["components"]["relevance"]
                 for r in rank(needs, [titled, mentioned])}
    assert relevance[1] > relevance[2]
