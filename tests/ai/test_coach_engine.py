"""The career coach's offline engine: each answer addresses the question asked, grounded in
the resume and in the posts that fit it (linked to their public pages); a follow-up builds on
the thread; no paragraph is given twice in a thread."""

from __future__ import annotations

import re

from tests.ai.assistant_fixtures import (
    FITS,
    assert_each_different_and_on_subject,
    assert_no_paragraph_repeats,
    resume_facts,
)
from webapp.ai.coach import coach_answer

LINK = re.compile(r"\[[^\]]+\]\(/careers/jobs/\d+/\)")

# Twenty different questions, each with what its answer must mention (any of).
QUESTIONS = [
    ("Which jobs should I apply for?", ["Supply Chain Analyst"]),
    ("What should I learn next?", ["Power BI"]),
    ("How can I improve my resume?", ["checklist"]),
    ("How do I prepare for an interview?", ["interview"]),
    ("What salary can I ask for?", ["45-52k GBP"]),
    ("What are my strengths?", ["strengths"]),
    ("Write me a cover letter for the Data Analyst job", ["cover letter for [Data Analyst]"]),
    ("Can you help me write my summary?", ["draft summary"]),
    ("How do I explain the gap in my career?", ["22-month gap"]),
    ("Which of my skills are most in demand?", ["SQL (2 of 3 posts)"]),
    ("Are there remote jobs for me?", ["remote"]),
    ("Should I learn SAP?", ["SAP"]),
    ("Tell me about the Inventory Control Lead post", ["[Inventory Control Lead]"]),
    ("Do the posts want Python?", ["Python"]),
    ("Is my Tableau useful?", ["Tableau"]),
    ("What is the second job you suggest?", ["[Inventory Control Lead]"]),
    ("How can I get better at Power BI?", ["Power BI"]),
    ("Which posts pay the most?", ["48-55k GBP"]),
    ("Do I need Lean Six Sigma?", ["Lean Six Sigma"]),
    ("Hello!", ["Supply Chain Analyst", "checklist"]),
]


def converse(questions: list[str], fits=FITS) -> list[str]:  # noqa: ANN001
    facts, history, answers = resume_facts(), [], []
    for question in questions:
        answer = coach_answer(question, facts, fits, history)
        history += [("user", question), ("assistant", answer)]
        answers.append(answer)
    return answers


def test_twenty_questions_give_twenty_different_answers_each_on_its_subject() -> None:
    facts = resume_facts()
    answers = [coach_answer(question, facts, FITS) for question, _ in QUESTIONS]
    assert_each_different_and_on_subject(QUESTIONS, answers)


def test_in_one_thread_the_twenty_answers_differ_stay_on_subject_and_never_repeat_a_paragraph() -> None:
    answers = converse([question for question, _ in QUESTIONS])
    assert_each_different_and_on_subject(QUESTIONS, answers)
    assert_no_paragraph_repeats(answers)


def test_posts_are_named_with_links_to_their_public_pages() -> None:
    [jobs] = converse(["Which jobs fit me?"])
    assert len(LINK.findall(jobs)) == 3
    assert "[Supply Chain Analyst](/careers/jobs/11/) (hybrid, full-time, Leeds)" in jobs


def test_tell_me_more_about_the_posts_goes_through_them_one_by_one() -> None:
    listed, more, second = converse(["Which jobs fit me?", "Tell me more", "and the second one?"])
    assert more.startswith("[Supply Chain Analyst](/careers/jobs/11/) is number 1")
    assert "Built SQL dashboards that cut late deliveries by 18%" in more  # grounded in the resume
    assert second.startswith("The second post I suggest is [Inventory Control Lead](/careers/jobs/12/)")
    assert "You lack SAP ERP, Lean Six Sigma." in second


def test_the_first_one_after_what_to_learn_is_the_first_skill_to_learn() -> None:
    _, first = converse(["What should I learn next?", "What about the first one?"])
    assert first.startswith("Your profile does not list Power BI")
    assert "[Supply Chain Analyst](/careers/jobs/11/)" in first


def test_a_named_post_then_it_is_prepared_for() -> None:
    about, prepare = converse(["Tell me about the Data Analyst job", "How do I prepare for it?"])
    assert about.startswith("[Data Analyst](/careers/jobs/13/) is number 3")
    assert prepare.startswith("To prepare for a [Data Analyst](/careers/jobs/13/) interview:")
    assert "pick up R, Statistics" in prepare


def test_the_same_question_again_gives_what_is_new() -> None:
    answers = converse(["How do I prepare for an interview?"] * 3)
    assert_no_paragraph_repeats(answers)
    assert "[Supply Chain Analyst]" in answers[0]
    assert "[Inventory Control Lead]" in answers[1]
    assert all("interview" in answer for answer in answers)


def test_without_fitting_posts_the_coach_says_so_and_still_answers_from_the_resume() -> None:
    jobs, letter, strengths = converse(["Which jobs fit me?", "Write me a cover letter",
                                        "What are my strengths?"], fits=[])
    assert jobs.startswith("No job post in ETB fits your profile well yet.")
    assert "No post fits you well enough yet to write a cover letter for" in letter
    assert "Operations Analyst at Northwind Freight" in strengths
    assert not LINK.search(jobs + letter + strengths)


def test_posts_with_the_working_terms_asked_for_come_first() -> None:
    remote, part_time = converse(["Are there remote jobs for me?", "Any part-time jobs?"])
    assert remote.startswith("Remote among the posts that fit you: [Data Analyst](/careers/jobs/13/).")
    assert "You prefer hybrid work." in remote
    assert part_time.startswith("None of the posts that fit you is part-time.")


def test_a_role_the_candidate_names_is_compared_with_the_posts_that_fit() -> None:
    scientist, pilot = converse(["How do I get a job as a data scientist?", "How do I become a pilot?"])
    assert scientist.startswith("No post that fits you is a data scientist post; the closest by title: "
                                "[Data Analyst](/careers/jobs/13/) (you lack R, Statistics).")
    assert pilot.startswith("No post in ETB that fits you is close to pilot by its title.")


def test_qualified_weakest_and_no_interviews_are_answered_from_the_posts_and_the_profile() -> None:
    qualified, weakest, callbacks, years = converse([
        "Am I qualified for the Supply Chain Analyst role?", "What is my weakest area?",
        "Why am I not getting interviews?", "How many years of experience do I have?"])
    assert qualified == ("[Supply Chain Analyst](/careers/jobs/11/): you have 3 of its 4 skills "
                         "(SQL, Forecasting, Microsoft Excel); you lack Power BI.")
    assert weakest.startswith("Your weakest points: the skill the posts that fit you ask for most "
                              "and you lack: Power BI")
    assert "22-month gap" in weakest
    assert "Apply first where you have most of what is asked: [Supply Chain Analyst]" in callbacks
    assert years.startswith("About 11.8 years of experience in all")


def test_thanks_gets_a_welcome_and_something_new() -> None:
    _, thanks = converse(["Which jobs fit me?", "Thanks!"])
    assert thanks.startswith("You're welcome. [Supply Chain Analyst](/careers/jobs/11/) is number 1")
