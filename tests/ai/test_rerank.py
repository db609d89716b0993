"""Model re-ranking of the offline top candidates, against the local Chat Completions server:
the model's order and reasons when it answers, the offline ranking when it does not, and
nothing identifying in what it is sent."""

from __future__ import annotations

import json

import pytest

from tests.ai.chat_server import answer, error, refusal
from webapp.ai.llm import LLMFailed
from webapp.ai.ranking import Candidate, job_needs, rank
from webapp.ai.rerank import rerank

NEEDS = job_needs("Python Developer", "3+ years of Python and Django.", ["Python", "Django"])
POOL = [
    Candidate(1, "ada-x", {"Python", "Django"}, 6, ["Python Developer"], "Django services."),
    Candidate(2, "ben-x", {"Python"}, 4, ["Engineer"], "Python scripts."),
    Candidate(3, "cy-x", {"Excel"}, 1, ["Clerk"], "Spreadsheets."),
]
TEXTS = {1: "Built Django services. Reach me at ada@example.com or +1 555 123 4567.",
         2: "Python scripts, see https://ben.example.com", 3: "Spreadsheets."}


@pytest.fixture
def model_config(chat_server):  # noqa: ANN001, ANN201
    return {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": chat_server.base_url,
            "OPENAI_MODEL": "test-model", "OPENAI_TIMEOUT": 5, "OPENAI_MAX_RETRIES": 0}


def offline() -> list:
    return rank(NEEDS, POOL)


def test_the_models_order_and_reasons_replace_the_offline_ones(chat_server, model_config):
    chat_server.script(answer({"candidates": [
        {"candidate_id": 2, "score": 0.9, "match_reason": "Python for 4 years; no Django."},
        {"candidate_id": 1, "score": 1.7, "match_reason": "Python and Django, 6 years."},
        {"candidate_id": 99, "score": 1.0, "match_reason": "Not in the list."},
    ]}))
    ranked, model = rerank(NEEDS, offline(), TEXTS, model_config)
    assert model == "test-model"
    assert [r.candidate.profile_id for r in ranked] == [1, 2, 3]  # 1.7 is read as 1.0
    assert [r.score for r in ranked[:2]] == [1.0, 0.9]
    assert ranked[1].reason == "Python for 4 years; no Django."
    assert ranked[2].reason == offline()[2].reason  # left out: keeps its offline place and reason
    assert "offline_score" in ranked[0].breakdown


def test_what_the_model_is_sent_holds_no_names_contacts_or_links(chat_server, model_config):
    chat_server.script(answer({"candidates": [{"candidate_id": 1, "score": 1, "match_reason": "Fit."}]}))
    rerank(NEEDS, offline(), TEXTS, model_config)
    [request] = chat_server.requests
    [sent] = request.user_messages()
    data = json.loads(sent)
    assert {c["id"] for c in data["candidates"]} == {1, 2, 3}
    for secret in ("ada@example.com", "555 123 4567", "ben.example.com", "ada-x", "ben-x"):
        assert secret not in sent
    assert request.body["response_format"]["type"] == "json_schema"


@pytest.mark.parametrize("reply", [refusal(), error(500), answer({"candidates": []}),
                                   answer({"unexpected": True})],
                         ids=["refusal", "server-error", "nobody-judged", "wrong-shape"])
def test_any_failure_raises_so_the_offline_ranking_stands(chat_server, model_config, reply):
    chat_server.script(reply)
    with pytest.raises(LLMFailed):
        rerank(NEEDS, offline(), TEXTS, model_config)


# --- through the ranking job ------------------------------------------------------------------

@pytest.fixture
def model_app(make_app, chat_server):  # noqa: ANN001, ANN201
    settings = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": chat_server.base_url,
                "OPENAI_MODEL": "test-model", "OPENAI_MAX_RETRIES": 0}
    app = make_app(**settings)
    with make_app(variant="test body", **settings).app_context():
        yield app


def job_with_candidates():  # noqa: ANN201
    from tests.api.jobs_helpers import make_job, make_org
    from tests.api.profile_helpers import make_profile
    from tests.helpers import make_user

    organization = make_org("Acme", make_user())
    job = make_job(organization, None, "Python Developer", skills=("Python", "Django"),
                   job_desc="3+ years of Python and Django.")
    profiles = [make_profile(make_user(), resume_data={
        "skills": skills, "total_years_experience": years,
        "experience": [{"title": "Developer", "description": f"Worked with {', '.join(skills)}."}]})
        for skills, years in ((["Python", "Django"], 6), (["Python"], 2))]
    return job, profiles


def test_the_ranking_job_records_the_model_when_it_re_ranks(model_app, chat_server):
    from webapp.services import ranking

    job, (strong, weak) = job_with_candidates()
    chat_server.script(answer({"candidates": [
        {"candidate_id": weak.id, "score": 0.8, "match_reason": "Python, 2 years."},
        {"candidate_id": strong.id, "score": 0.7, "match_reason": "Python and Django, 6 years."}]}))
    result = ranking.rank_job(job)
    assert result["engine"] == "openai:test-model"
    assert [c["candidate_id"] for c in result["ranked_candidates"]] == [weak.id, strong.id]


def test_the_ranking_job_keeps_the_offline_ranking_when_the_model_fails(model_app, chat_server):
    from webapp.services import ranking

    job, (strong, weak) = job_with_candidates()
    chat_server.script(refusal())
    result = ranking.rank_job(job)
    assert result["engine"] == "offline"
    assert [c["candidate_id"] for c in result["ranked_candidates"]] == [strong.id, weak.id]
