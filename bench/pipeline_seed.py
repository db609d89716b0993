"""Seed for bench/pipeline.py: one organization with its default stages, a recruiter, a pool of
candidate profiles, job posts ranked by the ranking job itself, and their applications spread
over the stages and statuses, with the activity each would have.

Profiles, applications and activity go in with Core bulk inserts (executemany, batched into
multi-row INSERTs by SQLAlchemy), not one ORM object at a time; the few jobs, the recruiter and
the organization are ORM objects, as the app makes them.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select, text

APPLIED, SCREEN, INTERVIEW, OFFER, HIRED = range(5)  # the default stages, by position
# Where active applications sit (share of each stage among the four open stages).
ACTIVE_STAGES = ((APPLIED, 0.50), (SCREEN, 0.25), (INTERVIEW, 0.17), (OFFER, 0.08))
# Status of an application (the rest are active).
STATUSES = (("rejected", 0.15), ("withdrawn", 0.04), ("hired", 0.01))
PASSWORD = "bench-recruiter-password-1"
REASONS = ("Not enough relevant experience", "Skills do not match the role",
           "Another candidate was a better fit", "Candidate did not respond")
BATCH = 10_000


def _pick(rng: random.Random, weighted: tuple[tuple[object, float], ...], rest: object = None) -> object:
    roll = rng.random()
    for value, share in weighted:
        if roll < share:
            return value
        roll -= share
    return rest


def _insert(table, rows: list[dict]) -> None:  # noqa: ANN001
    from webapp.extensions import db

    connection = db.session.connection()
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(table), rows[start:start + BATCH])


def _inserted_ids(table, rows: list[dict]) -> list[int]:  # noqa: ANN001
    """Insert the rows; their ids in the order given."""
    from webapp.extensions import db

    connection = db.session.connection()
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        result = connection.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                    rows[start:start + BATCH])
        ids += [row.id for row in result]
    return ids


def _derived(data: dict) -> tuple[str, dict, list[int]]:
    """What a parse stores beside the resume (search text, ranking features, skills), as
    `profile_data.refresh_derived` computes it, on a profile that is never saved."""
    from webapp.extensions import db
    from webapp.models import CandidateProfile
    from webapp.services.profile_data import refresh_derived

    profile = CandidateProfile(resume_data=data)
    with db.session.no_autoflush:
        refresh_derived(profile)
    return profile.search_text, profile.rank_features, [skill.id for skill in profile.skills]


def _profiles(organization_id: int, recruiter_id: int, count: int, with_accounts: int,
              now) -> list[int]:  # noqa: ANN001
    """`count` parsed profiles: the first `with_accounts` belong to candidates with an account,
    the others were sourced by the organization. Their ids, in that order."""
    from load_seed import _generated_resumes

    from webapp.models import CandidateProfile, User, UserProfile
    from webapp.models.candidate import profile_skills

    resumes = _generated_resumes(count)
    users = [{"email": f"candidate{n}@bench.example", "password_hash": "!", "first_name": "Candidate",
              "last_name": str(n), "is_active": True, "is_verified": True, "is_candidate": True,
              "newsletter": False, "created_at": now} for n in range(with_accounts)]
    user_ids = _inserted_ids(User.__table__, users)
    _insert(UserProfile.__table__, [{"user_id": user_id, "referral_code": f"BENCH{n:08d}",
                                     "total_referrals": 0} for n, user_id in enumerate(user_ids)])
    rows, skills = [], []
    for n, (data, resume_text) in enumerate(resumes):
        data = {**data, "name": f"Candidate {n}"}
        search_text, features, skill_ids = _derived(data)
        skills.append(skill_ids)
        owned = n < with_accounts
        rows.append({
            "slug": f"candidate-{n}-bench", "user_id": user_ids[n] if owned else None,
            "organization_id": None if owned else organization_id,
            "created_by_id": None if owned else recruiter_id,
            "resume_data": data, "resume_text": resume_text, "parsing_status": "parsed",
            "parsed_by": "offline", "parsed_at": now, "search_text": search_text, "rank_features": features,
            "willing_to_relocate": False, "employment_type_preferences": ["full-time"],
            "work_mode_preferences": [("remote", "hybrid", "onsite")[n % 3]], "has_workvisa": False,
            "is_available": True, "disability_categories": [], "share_accommodations": False,
            "created_at": now, "updated_at": now})
    profile_ids = _inserted_ids(CandidateProfile.__table__, rows)
    _insert(profile_skills, [{"profile_id": profile_id, "skill_id": skill_id}
                             for profile_id, ids in zip(profile_ids, skills, strict=True)
                             for skill_id in set(ids)])
    return profile_ids


def _applications(rng: random.Random, job_id: int, organization_id: int, stage_ids: list[int],
                  stage_names: list[str], profiles: list[tuple[int, bool]], recruiter_id: int,
                  now) -> tuple[list[dict], list[list[dict]]]:  # noqa: ANN001
    """One job's applications, and for each the activity rows that tell its story."""
    applications, stories = [], []
    for number, (profile_id, has_account) in enumerate(profiles):
        if number < len(stage_ids):  # every column holds a card, whatever the job's size
            stage = number
            status = "hired" if stage == HIRED else "active"
        else:
            status = _pick(rng, STATUSES, "active")
            stage = HIRED if status == "hired" else _pick(rng, ACTIVE_STAGES, APPLIED)
        source = "applied" if has_account and rng.random() < 0.8 else "sourced"
        applied_at = now - timedelta(days=rng.uniform(1, 90))
        step = applied_at
        story = [{"kind": source, "actor_id": None if source == "applied" else recruiter_id,
                  "at": applied_at, "data": {"stage": stage_names[APPLIED]}}]
        for position in range(APPLIED + 1, stage + 1):
            step += timedelta(hours=rng.uniform(2, 200))
            story.append({"kind": "moved", "actor_id": recruiter_id, "at": step,
                          "data": {"from": stage_names[position - 1], "to": stage_names[position]}})
        entered = step
        reason = None
        if status in ("rejected", "withdrawn"):
            step += timedelta(hours=rng.uniform(2, 100))
            reason = rng.choice(REASONS) if status == "rejected" else None
            story.append({"kind": status, "actor_id": recruiter_id if status == "rejected" else None,
                          "at": step, "data": {"reason": reason, "stage": stage_names[stage]}
                          if reason else {}})
        applications.append({
            "job_id": job_id, "profile_id": profile_id, "organization_id": organization_id,
            "stage_id": stage_ids[stage], "status": status, "source": source,
            "rejection_reason": reason,
            "cover_letter": "I would like to join your team." if source == "applied" else None,
            "added_by_id": recruiter_id if source == "sourced" else None, "applied_at": applied_at,
            "stage_entered_at": entered, "updated_at": step})
        stories.append(story)
    return applications, stories


def seed(*, jobs: int, per_job: int, profiles: int, sizes: tuple[int, ...], seed: int = 7) -> dict:
    """Fill the (empty, migrated) database of the current app; what the bench needs to know:
    the recruiter's login, the jobs' ids, and the ids of the jobs of each size in `sizes`."""
    from load_seed import GENERATED_JOBS

    from jobs.ranking import rank_job
    from webapp.extensions import db
    from webapp.models import Activity, Application, Job, Organization, User, UserProfile
    from webapp.models.base import utcnow
    from webapp.security import hash_password
    from webapp.services import stages
    from webapp.services.skills import skills_named
    from webapp.services.users import new_referral_code

    rng = random.Random(seed)
    now = utcnow()
    recruiter = User(email="recruiter@bench.example", password_hash=hash_password(PASSWORD),
                     first_name="Rita", last_name="Recruiter", is_verified=True)
    recruiter.profile = UserProfile(referral_code=new_referral_code())
    organization = Organization(name="Bench Pipeline", root_user=recruiter, members=[recruiter])
    db.session.add(organization)
    db.session.flush()
    stages.add_defaults(organization)
    ordered = stages.ordered(organization.id)
    stage_ids, stage_names = [stage.id for stage in ordered], [stage.name for stage in ordered]

    with_accounts = profiles * 4 // 5
    profile_ids = _profiles(organization.id, recruiter.id, profiles, with_accounts, now)
    pool = [(profile_id, n < with_accounts) for n, profile_id in enumerate(profile_ids)]

    counts = [per_job] * jobs + [size for size in sizes if size != per_job]
    job_ids = []
    for number in range(len(counts)):
        post = GENERATED_JOBS[number % len(GENERATED_JOBS)]
        job = Job(title=f"{post['title']} {number + 1}", job_desc=post["job_desc"], organization=organization,
                  user=recruiter, workplace_type=("remote", "hybrid", "onsite")[number % 3],
                  job_type="full-time", location="Austin, TX", skills=skills_named(post["skills"]))
        db.session.add(job)
        db.session.flush()
        job_ids.append(job.id)

    total = 0
    for job_id, count in zip(job_ids, counts, strict=True):
        chosen = rng.sample(pool, count)  # a profile applies at most once per job
        rows, stories = _applications(rng, job_id, organization.id, stage_ids, stage_names, chosen,
                                      recruiter.id, now)
        application_ids = _inserted_ids(Application.__table__, rows)
        _insert(Activity.__table__, [{**activity, "application_id": application_id}
                                     for application_id, story in zip(application_ids, stories, strict=True)
                                     for activity in story])
        total += count
    db.session.commit()
    for job_id in job_ids:  # the ranking job, as a worker runs it: stores it, scores the applications
        rank_job(job_id, lambda *args, **kwargs: None)
    db.session.commit()
    with db.engine.connect() as connection:  # statistics, as autovacuum would gather them
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    by_size = {size: job_ids[counts.index(size)] for size in sizes}
    scored = db.session.scalar(select(db.func.count()).select_from(Application)
                               .where(Application.score.is_not(None)))
    return {"email": recruiter.email, "password": PASSWORD, "jobs": job_ids[:jobs], "by_size": by_size,
            "applications": total, "profiles": len(profile_ids), "scored": scored}
