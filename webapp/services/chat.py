"""Resume chat (43) and career coach (44): stored conversations about one profile.

Resume chat is for anyone who may view the profile; the career coach for the candidate who
owns it. A thread belongs to the user who started it, about one profile, of one kind: any other
thread id is not found. Answers come from the model when one is configured, else (and on any
model failure) from the offline engine; each answer records which engine gave it.
"""

from __future__ import annotations

import logging
import uuid

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.ai import assistant, chat, coach
from webapp.ai.llm import LLMFailed
from webapp.ai.ranking import job_needs, rank
from webapp.errors import NotFound, PermissionDenied, ValidationFailed
from webapp.extensions import db
from webapp.models import CandidateProfile, ChatMessage, ChatThread, Job, User
from webapp.models.base import without_large
from webapp.services import candidates
from webapp.services.profile_data import effective_data
from webapp.services.ranking import candidates_where

log = logging.getLogger(__name__)
RESUME_CHAT, CAREER_COACH = "resume_chat", "career_coach"
NOT_FOUND = "Conversation not found."
JOBS_CONSIDERED = 500  # the newest posts the coach compares a candidate with
FITS_KEPT = 5
MIN_SKILLS = 0.34  # share of a post's skills a candidate needs for it to be suggested
THREAD_READ = 200  # earlier messages the offline engine reads (to build on them, never repeat them)


def ask(user: User, kind: str, slug: str, question: str, thread_id: str | None = None) -> tuple[str, str]:
    """(the answer, the thread id); the question and the answer are stored in the thread."""
    if len(question) > chat.MAX_INPUT:
        raise ValidationFailed({"input_text": [f"At most {chat.MAX_INPUT} characters."]})
    profile = _profile(user, kind, slug)
    thread = _thread(user, kind, profile, thread_id)
    facts = _facts(user, profile)
    fits = best_fits(profile) if kind == CAREER_COACH else []
    answer, engine = _answer(kind, question, facts, fits, _history(thread, THREAD_READ))
    db.session.add_all([ChatMessage(thread_id=thread.id, role="user", content=question),
                        ChatMessage(thread_id=thread.id, role="assistant", content=answer,
                                    engine=engine)])
    db.session.flush()
    return answer, thread.id


def latest_thread(user: User, kind: str, profile: CandidateProfile) -> tuple[str | None, list[ChatMessage]]:
    """The user's most recent thread of this kind about the profile (its id, or None) and its
    messages, oldest first: what a chat page shows when it is opened again."""
    thread = db.session.scalar(
        select(ChatThread).join(ChatMessage, ChatMessage.thread_id == ChatThread.id).where(
            ChatThread.user_id == user.id, ChatThread.profile_id == profile.id,
            ChatThread.kind == kind)
        .order_by(ChatMessage.id.desc()).limit(1))
    if thread is None:
        return None, []
    return thread.id, list(thread.messages)


def _history(thread: ChatThread, limit: int) -> list[tuple[str, str]]:
    """The latest `limit` messages of the thread, oldest first."""
    latest = db.session.execute(
        select(ChatMessage.role, ChatMessage.content).where(ChatMessage.thread_id == thread.id)
        .order_by(ChatMessage.id.desc()).limit(limit)).all()
    return [(role, content) for role, content in reversed(latest)]


def _profile(user: User, kind: str, slug: str) -> CandidateProfile:
    profile = candidates.visible(user, slug)
    if kind == CAREER_COACH and profile.user_id != user.id:
        raise PermissionDenied("The career coach is for the candidate who owns the profile.")
    return profile


def _thread(user: User, kind: str, profile: CandidateProfile, thread_id: str | None) -> ChatThread:
    if thread_id is None:
        thread = ChatThread(id=str(uuid.uuid4()), kind=kind, user_id=user.id, profile_id=profile.id)
        db.session.add(thread)
        return thread
    thread = db.session.scalar(select(ChatThread).where(
        ChatThread.id == thread_id[:36], ChatThread.user_id == user.id,
        ChatThread.profile_id == profile.id, ChatThread.kind == kind))
    if thread is None:
        raise NotFound(NOT_FOUND)
    return thread


def _facts(user: User, profile: CandidateProfile) -> chat.Facts:
    """The profile as the asker may see it (contact details only for who may see the profile,
    which anyone asking may; accommodation fields never: they have no place in either chat)."""
    return chat.facts_of(
        effective_data(profile), text=profile.resume_text, contact=True,
        confirmed=profile.verified_data is not None, has_resume=profile.resume_file is not None,
        has_video=profile.video_pitch is not None,
        preferences={"work_modes": profile.work_mode_preferences,
                     "job_types": profile.employment_type_preferences,
                     "willing_to_relocate": profile.willing_to_relocate,
                     "has_workvisa": profile.has_workvisa, "salary": profile.expected_salary_range,
                     "is_available": profile.is_available})


def best_fits(profile: CandidateProfile) -> list[chat.JobFit]:
    """The open job posts that fit the candidate best, scored by the ranking scorer, each with
    its public page (drafts and closed posts are never suggested: the candidate could not open
    them). Posts are described by title, terms and skills only: which organization posted them
    stays on their page."""
    [candidate] = candidates_where(CandidateProfile.id == profile.id)
    jobs = db.session.scalars(select(Job).where(Job.status == "open")
                              .options(selectinload(Job.skills), *without_large(Job))
                              .order_by(Job.created_at.desc(), Job.id.desc()).limit(JOBS_CONSIDERED))
    fits = []
    for job in jobs:
        needs = job_needs(job.title, job.job_desc, [skill.name for skill in job.skills],
                          workplace_type=job.workplace_type, job_type=job.job_type,
                          location=job.location, visa_required=job.visa_required)
        [ranked] = rank(needs, [candidate])
        breakdown = ranked.breakdown
        if (breakdown["components"]["skills"] or 0) < MIN_SKILLS:
            continue  # too little in common (or no skills to measure the candidate against)
        fits.append(chat.JobFit(
            title=job.title, work_mode=job.workplace_type, job_type=job.job_type,
            location=job.location, salary=job.estimated_salary, score=ranked.score,
            matched=breakdown["matched_skills"], related=breakdown["related_skills"],
            missing=breakdown["missing_skills"], url=url_for("careers.job", job_id=job.id)))
    fits.sort(key=lambda fit: (-fit.score, -len(fit.matched)))
    return fits[:FITS_KEPT]


def _answer(kind: str, question: str, facts: chat.Facts, fits: list[chat.JobFit],
            history: list[tuple[str, str]]) -> tuple[str, str]:
    config = current_app.config
    if config.get("OPENAI_API_KEY"):
        try:
            answer, model = assistant.model_answer(kind, question, facts, fits,
                                                   history[-assistant.HISTORY_MESSAGES:], config)
            return answer, f"openai:{model}"
        except LLMFailed as error:
            log.warning("the model did not answer, the offline engine does: %s", error)
    if kind == CAREER_COACH:
        return coach.coach_answer(question, facts, fits, history), "offline"
    return chat.resume_answer(question, facts, history), "offline"
