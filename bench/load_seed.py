"""Seed for bench/load.py: one organization with recruiters, candidates whose resumes were
really parsed, and job posts really ranked.

Resumes come from a folder of PDFs (the livecareer-dev set beside the project, when it is
there), each read by the offline parser as an upload would be; without the folder, resumes
are written from a generator of the same shape. Every job is ranked by the ranking job
function itself (jobs.ranking.rank_job), so the stored rankings are the real thing.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

RECRUITER_PASSWORD = "bench-recruiter-password-1"
GENERATED_JOBS = [
    {"title": "Staff Accountant", "skills": ["GAAP", "Account Reconciliation", "Excel"],
     "job_desc": "Own month-end close, journal entries and reconciliations; support audits."},
    {"title": "Line Cook", "skills": ["Food Safety", "Food Preparation", "Menu Planning"],
     "job_desc": "Prepare dishes to standard on a busy line; keep the kitchen safe and clean."},
    {"title": "Sales Representative", "skills": ["Sales", "Customer Service", "CRM"],
     "job_desc": "Find and close new accounts, keep the pipeline current in the CRM."},
]


def _posts(folder: Path | None) -> list[dict]:
    path = folder.parent.parent / "posts" / "livecareer-dev-posts.json" if folder else None
    if path is not None and path.exists():
        return json.loads(path.read_text())
    return GENERATED_JOBS


def _parsed_resumes(folder: Path, count: int) -> list[tuple[dict, str]]:
    """(resume_data, text) for `count` PDFs taken in turn from each category folder."""
    from flask import current_app

    from webapp.ai.extract import extract_text
    from webapp.ai.resume import structure

    by_category = [sorted(d.glob("*.pdf")) for d in sorted(folder.iterdir()) if d.is_dir()]
    files = [f for group in itertools.zip_longest(*by_category) for f in group if f][:count]
    resumes = []
    for file in files:
        parsed = structure(extract_text(file.read_bytes(), "pdf"), current_app.config)
        resumes.append((parsed.data.model_dump(mode="json"), parsed.text))
    return resumes


def _generated_resumes(count: int) -> list[tuple[dict, str]]:
    rng = random.Random(7)
    resumes = []
    for number in range(count):
        post = GENERATED_JOBS[number % len(GENERATED_JOBS)]
        jobs = [{"company": f"Company {n}", "title": post["title"], "location": "Austin, TX",
                 "start": f"{2010 + 2 * n}-01", "end": f"{2011 + 2 * n}-12", "current": False,
                 "description": " ".join(rng.choice(post["job_desc"].split()) for _ in range(120))}
                for n in range(rng.randint(2, 6))]
        data = {"name": f"Candidate {number}", "email": None, "phone": None, "location": "Austin, TX",
                "links": [], "summary": post["job_desc"], "skills": post["skills"], "experience": jobs,
                "education": [], "certifications": [], "languages": ["English"],
                "total_years_experience": 2 * len(jobs)}
        resumes.append((data, json.dumps(data)))
    return resumes


def seed(*, recruiters: int, candidates: int, jobs: int, resumes: Path | None) -> dict:
    """Fill the (empty, migrated) database of the current app; what the load needs to know."""
    from jobs.ranking import rank_job
    from webapp.extensions import db
    from webapp.models import CandidateProfile, Job, Organization, User, UserProfile
    from webapp.security import hash_password
    from webapp.services.profile_data import refresh_derived
    from webapp.services.skills import skills_named
    from webapp.services.users import new_referral_code

    password_hash = hash_password(RECRUITER_PASSWORD)
    people = []
    for number in range(recruiters):
        user = User(email=f"recruiter{number}@bench.example", password_hash=password_hash,
                    first_name="Recruiter", last_name=str(number), is_verified=True)
        user.profile = UserProfile(referral_code=new_referral_code())
        people.append(user)
    organization = Organization(name="Bench Recruiting", root_user=people[0], members=people)
    db.session.add(organization)

    found = _parsed_resumes(resumes, candidates) if resumes and resumes.is_dir() else []
    parsed = len(found)
    found += _generated_resumes(candidates - parsed)
    slugs = []
    for number, (data, text) in enumerate(found):
        owner = User(email=f"candidate{number}@bench.example", password_hash="!", is_verified=True,
                     is_candidate=True, first_name="Candidate", last_name=str(number))
        owner.profile = UserProfile(referral_code=new_referral_code())
        profile = CandidateProfile(
            user=owner, slug=f"candidate-{number}-bench", resume_data=data, resume_text=text,
            parsing_status="parsed", parsed_by="offline", is_available=True,
            work_mode_preferences=[("remote", "hybrid", "onsite")[number % 3]],
            employment_type_preferences=["full-time"])
        refresh_derived(profile)
        db.session.add(profile)
        slugs.append(profile.slug)
    db.session.flush()

    posts = _posts(resumes)
    job_ids = []
    for number in range(jobs):
        post = posts[number % len(posts)]
        round_ = number // len(posts)
        job = Job(title=post["title"] + (f" ({round_ + 1})" if round_ else ""), job_desc=post["job_desc"],
                  organization=organization, user=people[number % len(people)],
                  workplace_type=("remote", "hybrid", "onsite")[number % 3], job_type="full-time",
                  location="Austin, TX", skills=skills_named(post["skills"]))
        db.session.add(job)
        db.session.flush()
        job_ids.append(job.id)
    db.session.commit()
    for job_id in job_ids:
        rank_job(job_id, lambda *args, **kwargs: None)
    ranked = [len(db.session.get(Job, job_id).candidate_ranking_data["ranked_candidates"])
              for job_id in job_ids]
    return {"recruiters": [user.email for user in people], "password": RECRUITER_PASSWORD,
            "jobs": job_ids, "profiles": slugs, "parsed": parsed, "ranked": ranked}
