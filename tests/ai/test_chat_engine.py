"""The resume chat's offline engine: each answer addresses the question asked, grounded in the
resume; a follow-up builds on the thread; no paragraph is given twice in a thread."""

from __future__ import annotations

import re

import pytest

from tests.ai.assistant_fixtures import (
    assert_each_different_and_on_subject,
    assert_no_paragraph_repeats,
    resume_facts,
)
from webapp.ai.chat import resume_answer

# Twenty different questions about one resume, each with what its answer must mention (any of).
QUESTIONS = [
    ("Does she know SQL?", ["SQL"]),
    ("Has she used SAP?", ["SAP"]),
    ("What is her current job?", ["Operations Analyst at Northwind Freight"]),
    ("What did she do at Contoso Retail?", ["Forecast stock for 120 stores"]),
    ("What was she doing in 2014?", ["2014", "Fabrikam Foods"]),
    ("How many years of experience does she have?", ["11.8 years"]),
    ("Where did she study?", ["University of Leeds"]),
    ("Does she have any certifications?", ["Certified Supply Chain Professional"]),
    ("What languages does she speak?", ["Portuguese"]),
    ("Are there gaps in her employment?", ["22 months between 2018-10 and 2020-09"]),
    ("Has she led a team?", ["Led a team of four planners"]),
    ("What are her main achievements?", ["18%", "9%"]),
    ("Where is she based?", ["Leeds, United Kingdom"]),
    ("Would she relocate?", ["relocat"]),
    ("What salary does she expect?", ["45-52k GBP"]),
    ("Is she open to remote work?", ["hybrid"]),
    ("What are her strengths?", ["Strengths"]),
    ("Any concerns about this candidate?", ["gap"]),
    ("Does she do any volunteering?", ["Volunteer treasurer"]),
    ("Which football club does she support?", ["does not say anything about football"]),
]


def converse(questions: list[str]) -> list[str]:
    facts, history, answers = resume_facts(), [], []
    for question in questions:
        answer = resume_answer(question, facts, history)
        history += [("user", question), ("assistant", answer)]
        answers.append(answer)
    return answers


def test_twenty_questions_give_twenty_different_answers_each_on_its_subject() -> None:
    facts = resume_facts()
    answers = [resume_answer(question, facts) for question, _ in QUESTIONS]
    assert_each_different_and_on_subject(QUESTIONS, answers)


def test_in_one_thread_the_twenty_answers_differ_stay_on_subject_and_never_repeat_a_paragraph() -> None:
    answers = converse([question for question, _ in QUESTIONS])
    assert_each_different_and_on_subject(QUESTIONS, answers)
    assert_no_paragraph_repeats(answers)


def test_the_same_question_asked_again_says_what_is_new_or_that_nothing_is() -> None:
    answers = converse(["Does she know SQL?"] * 4)
    assert_no_paragraph_repeats(answers)
    assert all("SQL" in answer for answer in answers)
    assert "Built SQL dashboards" in answers[0]


def test_tell_me_more_goes_through_the_jobs_one_by_one() -> None:
    history, more, second = converse(["Tell me about her work history", "Tell me more",
                                      "and the second one?"])
    assert "Jobs on the resume" in history and "Contoso Retail" in history
    assert "Operations Analyst at Northwind Freight" in more and "Built SQL dashboards" in more
    assert second.startswith("Inventory Planner at Contoso Retail")
    assert "Forecast stock for 120 stores" in second


def test_the_second_one_is_the_second_thing_the_earlier_question_named() -> None:
    _, second = converse(["Does she know SQL and Python?", "What about the second one?"])
    assert "Python" in second and "SQL" not in second


def test_the_first_one_after_education_is_the_first_school() -> None:
    _, first = converse(["Where did she study?", "and the first one?"])
    assert "University of Leeds" in first and "Bradford" not in first


def test_more_about_a_job_gives_what_was_not_said() -> None:
    current, more = converse(["What is her current job?", "tell me more"])
    assert "Presented weekly figures" not in current
    assert "Presented weekly figures to the regional board" in more


def test_why_after_a_gap_is_answered_honestly() -> None:
    gap, why = converse(["Any gaps in her employment?", "Why?"])
    assert "22 months" in gap
    assert "does not say why" in why


def test_the_first_job_is_the_earliest() -> None:
    [answer] = converse(["What was her first job?"])
    assert answer.startswith("Warehouse Associate at Fabrikam Foods")


def test_a_follow_up_with_its_own_topic_is_answered_on_that_topic() -> None:
    _, education = converse(["Does she know Python?", "And what about her education?"])
    assert "MSc in Operational Research" in education and "Python" not in education


@pytest.mark.parametrize("question", ["How old is she?", "Is she married?"])
def test_protected_questions_are_declined_every_time_without_repeating(question: str) -> None:
    answers = converse([question, question])
    assert answers[0].startswith("I don't answer questions about age")
    assert_no_paragraph_repeats(answers)


def test_what_the_resume_never_mentions_is_said_to_be_absent() -> None:
    [answer] = converse(["Has she worked with Kubernetes?"])
    assert answer.startswith("The resume does not mention Kubernetes")


def test_a_resume_with_few_sections_says_what_it_lacks() -> None:
    facts = resume_facts(education=[], certifications=[], languages=[])
    answers = [resume_answer(question, facts) for question in
               ("Where did she study?", "Any certifications?", "Which languages does she speak?")]
    assert answers[0] == "The resume lists no education."
    assert answers[1] == "The resume lists no certifications or licences."
    assert re.search(r"does not say which languages", answers[2])


def test_a_skill_is_found_under_the_word_the_question_uses() -> None:
    # The catalogue's name is "Microsoft Excel"; the resume says "Excel".
    [answer] = converse(["Is she good with Excel?"])
    assert answer.startswith("Yes, Microsoft Excel is among the skills")
    assert "Forecast stock for 120 stores in Excel" in answer and "Contoso Retail" in answer


def test_achievements_are_results_not_any_number() -> None:
    facts = resume_facts(summary="Applying for vacancy reference 224278, start date 2024.")
    answer = resume_answer("What are her achievements?", facts)
    assert "224278" not in answer and "cut late deliveries by 18%" in answer


def test_a_greeting_then_an_open_question_get_what_the_resume_covers_then_an_overview() -> None:
    answers = converse(["Hello!", "Thanks", "What can you tell me?", "ok", "Hello again"])
    hello, thanks, open_question = answers[:3]
    assert hello.startswith("Hello. I can answer questions about this resume. It covers")
    assert thanks.startswith("You're welcome. In brief: Operations analyst who turns messy warehouse data")
    assert open_question.startswith("Strengths the resume shows")
    assert_no_paragraph_repeats([answer.removeprefix("Hello. ").removeprefix("You're welcome. ")
                                 for answer in answers])


def test_a_named_work_mode_or_job_type_is_answered_yes_or_no() -> None:
    remote, hybrid, contract = converse(["Is she open to remote work?", "Would she work hybrid?",
                                         "Can she do contract work?"])
    assert remote == "No: the profile asks for hybrid as its work mode, not remote."
    assert hybrid == "Yes: the profile asks for hybrid as its work mode."
    assert contract == "No: the profile asks for full-time as its job type, not contract."


def test_a_follow_up_with_nothing_before_it_says_it_is_unclear() -> None:
    [answer] = converse(["and the second one?"])
    assert answer.startswith("I am not sure what that refers to. I can answer questions about this resume.")


def test_a_field_of_work_is_not_mistaken_for_a_protected_trait() -> None:
    facts = resume_facts(summary="Operations analyst for health care suppliers.")
    assert "health care suppliers" in resume_answer("Has she worked in health care?", facts)
    assert resume_answer("What about her health?", facts).startswith("I don't answer questions about age")


def test_the_words_beyond_a_broad_topic_decide_the_answer() -> None:
    facts = resume_facts()
    board = resume_answer("Has she worked with the regional board?", facts)
    assert board == 'On regional board, the resume says: "Presented weekly figures to the regional board."'
    aviation = resume_answer("Has she worked in aviation?", facts)
    assert aviation.startswith("The resume does not mention aviation.") and "Jobs on the resume" in aviation
    history = resume_answer("Tell me about her employment history", facts)
    assert history.startswith("About 11.8 years of experience in all.")


def test_questions_to_ask_come_from_what_the_resume_leaves_open() -> None:
    [answer] = converse(["What should I ask her in an interview?"])
    assert answer.startswith("Questions the resume leaves open: what happened in the 22 months")
    assert "Python, Tableau" in answer and "Microsoft Excel" not in answer  # Excel is shown at Contoso
    assert "why the job as Inventory Planner at Contoso Retail ended" in answer


def test_why_a_job_ended_and_comparisons_are_honestly_not_on_the_resume() -> None:
    leave, compare = converse(["Why did she leave Contoso Retail?",
                               "How does she compare to other candidates?"])
    assert leave.startswith("The resume does not say why; it shows only Inventory Planner at Contoso Retail")
    assert compare.startswith("I read this one resume only")
    _, why = converse(["Tell me about Contoso Retail", "why?"])
    assert why.startswith("The resume does not say why")


def test_how_long_at_a_named_company_is_that_jobs_time() -> None:
    [answer] = converse(["How long was she at Contoso Retail?"])
    assert "3 years and 7 months" in answer and "Northwind" not in answer
