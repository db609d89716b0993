"""Project commands: `flask seed`."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import Flask
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Activity, Application, CandidateProfile, Job, Organization, User, UserProfile
from webapp.models.base import utcnow
from webapp.security import hash_password
from webapp.services import applications, pipeline, stages
from webapp.services.profile_data import refresh_derived
from webapp.services.skills import skills_named
from webapp.services.users import new_referral_code

DEMO_PASSWORD = "etb-demo-2026"
RECRUITER = {"email": "recruiter@demo.etb.local", "first_name": "Rita", "last_name": "Recruiter",
             "is_candidate": False}
CANDIDATE = {"email": "candidate@demo.etb.local", "first_name": "Carl", "last_name": "Candidate",
             "is_candidate": True}
DEMO_USERS = (RECRUITER, CANDIDATE)
DEMO_ORGANIZATION = {
    "name": "Northwind Analytics", "industry": "Software", "employee_size": "50-200",
    "headquarter_location": "Berlin, Germany", "url": "https://northwind.example",
    "about": "Data tools for logistics teams.",
}
DEMO_JOBS = (
    {"title": "Senior Python Engineer", "workplace_type": "remote", "job_type": "full-time",
     "location": "Berlin, Germany", "estimated_salary": "€75,000 - €90,000",
     "skills": ["Python", "Django", "PostgreSQL", "Docker"],
     "job_desc": "Build and run the APIs behind our route planner. 5+ years of Python, "
                 "solid PostgreSQL, comfortable owning services in production."},
    {"title": "Frontend Developer", "workplace_type": "hybrid", "job_type": "full-time",
     "location": "Berlin, Germany", "estimated_salary": "€60,000 - €72,000",
     "skills": ["TypeScript", "React", "CSS", "Accessibility"],
     "job_desc": "Shape the dashboards dispatchers use all day. You care about fast, "
                 "accessible interfaces and write TypeScript you are proud of."},
    {"title": "Data Analyst (Internship)", "workplace_type": "onsite", "job_type": "internship",
     "location": "Hamburg, Germany", "estimated_salary": "€1,800 / month",
     "skills": ["SQL", "Python", "Statistics"],
     "job_desc": "Six months with our analytics team: SQL, notebooks and clear charts "
                 "that answer real questions from customers."},
)

# Candidates the organization sourced, so that ranking and search have people to show.
DEMO_CANDIDATES = (
    ("demo-ana-python", "Ana Lima", ["Python", "Django", "PostgreSQL", "Docker", "AWS"], 7,
     "Backend Engineer", "Built Django APIs on PostgreSQL for a logistics platform; ran them on "
     "AWS with Docker.", ["remote", "hybrid"]),
    ("demo-ben-frontend", "Ben Okoro", ["TypeScript", "React", "CSS", "Accessibility"], 4,
     "Frontend Developer", "Rebuilt a React dashboard in TypeScript and took it to WCAG AA.",
     ["hybrid"]),
    ("demo-chen-data", "Chen Wei", ["SQL", "Python", "Statistics", "Tableau"], 1,
     "Data Analyst Intern", "Wrote SQL and Python notebooks behind weekly delivery reports.",
     ["onsite"]),
    ("demo-dara-python", "Dara Novak", ["Python", "Flask", "MySQL"], 3, "Software Developer",
     "Maintained Flask services and MySQL schemas for an online shop.", ["remote"]),
)


def _demo_candidates(organization: Organization, author: User) -> list[str]:
    created = []
    for slug, name, skills, years, title, description, modes in DEMO_CANDIDATES:
        if db.session.scalar(select(CandidateProfile.id).where(CandidateProfile.slug == slug)):
            continue
        profile = CandidateProfile(
            slug=slug, organization=organization, created_by_id=author.id, parsing_status="parsed",
            work_mode_preferences=modes, employment_type_preferences=["full-time"],
            resume_data={"name": name, "skills": skills, "total_years_experience": years,
                         "summary": f"{title} with {years} years of experience.",
                         "experience": [{"title": title, "company": "Earlier employer",
                                         "description": description}]})
        db.session.add(profile)
        db.session.flush()
        refresh_derived(profile)
        created.append(slug)
    return created


# The demo candidate's own profile, as if their resume had been read, so that the profile,
# the review form and the career coach have something to show.
DEMO_RESUME = {
    "name": "Carl Candidate", "email": CANDIDATE["email"], "location": "Lisbon, Portugal",
    "summary": "Backend developer who likes clear APIs and calm on-call rotations.",
    "skills": ["Python", "Django", "PostgreSQL", "Git", "REST APIs"],
    "total_years_experience": 5,
    "experience": [
        {"title": "Backend Developer", "company": "Tagus Logistics", "start": "2021-02", "end": None,
         "current": True, "description": "Built Django REST APIs for parcel tracking; cut p95 latency "
                                         "by 35% with PostgreSQL indexes."},
        {"title": "Junior Developer", "company": "Lisbon Web Studio", "start": "2019-01",
         "end": "2020-12", "description": "Maintained Python scripts and client websites."},
    ],
    "education": [{"institution": "University of Lisbon", "degree": "BSc",
                   "field": "Computer Science", "start": "2015", "end": "2018"}],
    "languages": ["Portuguese", "English"],
}
DEMO_RESUME_TEXT = """Carl Candidate
Lisbon, Portugal
Backend developer who likes clear APIs and calm on-call rotations.
Experience
Backend Developer, Tagus Logistics, Feb 2021 - Present
Built Django REST APIs for parcel tracking; cut p95 latency by 35% with PostgreSQL indexes.
Junior Developer, Lisbon Web Studio, Jan 2019 - Dec 2020
Maintained Python scripts and client websites.
Education
BSc Computer Science, University of Lisbon, 2015 - 2018
Skills
Python, Django, PostgreSQL, Git, REST APIs
Languages: Portuguese, English"""


def _demo_profile(candidate: User) -> bool:
    if db.session.scalar(select(CandidateProfile.id).where(CandidateProfile.user_id == candidate.id)):
        return False
    profile = CandidateProfile(
        slug="demo-carl-candidate", user=candidate, parsing_status="parsed", parsed_by="offline",
        resume_data=DEMO_RESUME, resume_text=DEMO_RESUME_TEXT, work_mode_preferences=["remote"],
        employment_type_preferences=["full-time"], expected_salary_range="€55,000 - €65,000")
    db.session.add(profile)
    db.session.flush()
    refresh_derived(profile)
    return True


def _demo_user(spec: dict) -> tuple[User, bool]:
    user = db.session.scalar(select(User).where(User.email == spec["email"]))
    if user:
        return user, False
    user = User(password_hash=hash_password(DEMO_PASSWORD), is_verified=True, **spec)
    user.profile = UserProfile(referral_code=new_referral_code())
    db.session.add(user)
    db.session.flush()
    return user, True


# The demo's pipelines, so that a newcomer opens a working board: (job, candidate, the stages
# the recruiter moved them through after adding them to the job, the reason they were rejected
# for, days ago it began). Every step goes through the pipeline services, as a click would.
# The recruiter adds each of them (`sourced`): applying needs a resume file, which the demo
# candidate's profile does not have.
DEMO_APPLICATIONS = (
    ("Senior Python Engineer", "demo-ana-python", ("Phone screen", "Interview", "Offer"), None, 14),
    ("Senior Python Engineer", "demo-carl-candidate", ("Phone screen", "Interview"), None, 9),
    ("Senior Python Engineer", "demo-dara-python", ("Phone screen",), None, 6),
    ("Senior Python Engineer", "demo-chen-data", (), None, 2),
    ("Senior Python Engineer", "demo-ben-frontend", (), "Skills do not match the role", 5),
    ("Frontend Developer", "demo-ben-frontend", ("Phone screen", "Interview"), None, 8),
    ("Frontend Developer", "demo-carl-candidate", (), None, 3),
    ("Data Analyst (Internship)", "demo-chen-data", ("Phone screen", "Interview", "Offer", "Hired"),
     None, 21),
    ("Data Analyst (Internship)", "demo-dara-python", ("Phone screen",), None, 4),
)


def _backdate(application: Application, days: int) -> None:
    """Spread the application's history over the `days` before now, so that the board shows
    days in stage and the timeline reads as it would have happened."""
    history = list(db.session.scalars(select(Activity).where(Activity.application_id == application.id)
                                      .order_by(Activity.id)))
    began = utcnow() - timedelta(days=days)
    step = timedelta(days=days) / (len(history) + 1)
    for number, activity in enumerate(history):
        activity.at = began + number * step
    application.applied_at = began
    moves = [activity.at for activity in history if activity.kind in ("sourced", "applied", "moved")]
    application.stage_entered_at = moves[-1]
    application.updated_at = history[-1].at


def _demo_pipelines(organization: Organization, recruiter: User) -> list[str]:
    """Add the demo candidates to the demo jobs and move them along, once: an application that
    exists already (whatever has happened to it since) is left as it is. No email goes out for
    this history (`notify=False`): there is nobody behind the demo addresses."""
    created = []
    by_stage = {stage.name: stage.id for stage in stages.ordered(organization.id)}
    for title, slug, path, reason, days in DEMO_APPLICATIONS:
        job_id = db.session.scalar(select(Job.id).where(Job.organization_id == organization.id,
                                                        Job.title == title))
        profile_id = db.session.scalar(select(CandidateProfile.id).where(CandidateProfile.slug == slug))
        if job_id is None or profile_id is None or db.session.scalar(select(Application.id).where(
                Application.job_id == job_id, Application.profile_id == profile_id)):
            continue
        application = applications.add(recruiter, job_id, slug)
        for name in path:
            if name in by_stage:
                pipeline.move(recruiter, application, by_stage[name], notify=False)
        if reason:
            pipeline.reject(recruiter, application, reason, notify=False)
        db.session.flush()
        _backdate(application, days)
        created.append(f"{slug} in {title}")
    return created


def seed_demo() -> list[str]:
    """Create whatever part of the demo is missing; running it again changes nothing."""
    created = []
    recruiter, new = _demo_user(RECRUITER)
    if new:
        created.append(RECRUITER["email"])
    candidate, new = _demo_user(CANDIDATE)
    if new:
        created.append(CANDIDATE["email"])
    if _demo_profile(candidate):
        created.append("demo-carl-candidate")

    organization = db.session.scalar(
        select(Organization).where(Organization.name == DEMO_ORGANIZATION["name"]))
    if organization is None:
        organization = Organization(root_user=recruiter, members=[recruiter], **DEMO_ORGANIZATION)
        db.session.add(organization)
        db.session.flush()
        stages.add_defaults(organization)
        created.append(organization.name)
    for spec in DEMO_JOBS:
        exists = db.session.scalar(select(Job.id).where(
            Job.organization_id == organization.id, Job.title == spec["title"]))
        if not exists:
            fields = {k: v for k, v in spec.items() if k != "skills"}
            db.session.add(Job(organization=organization, user=recruiter,
                               skills=skills_named(spec["skills"]), **fields))
            created.append(spec["title"])
    created += _demo_candidates(organization, recruiter)
    created += _demo_pipelines(organization, recruiter)
    db.session.commit()
    return created


def register(app: Flask) -> None:
    @app.cli.command("worker")
    @click.option("--queue", "queues", multiple=True, default=("parsing", "ranking", "default"),
                  show_default=True, help="Queue to take jobs from (repeatable).")
    @click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
    def worker(queues: tuple[str, ...], burst: bool) -> None:
        """Run background jobs from Redis (needs REDIS_URL)."""
        from webapp.extensions import redis_connection
        from webapp.queue import Worker

        if not app.config.get("REDIS_URL"):
            raise click.UsageError("Set REDIS_URL: without it, jobs run inside the web app.")
        Worker(list(queues), connection=redis_connection(),
               maintenance_interval=app.config["WORKER_MAINTENANCE_SECONDS"]
               ).work(burst=burst, with_scheduler=True)

    @app.cli.command("seed")
    def seed() -> None:
        """Load the demo data (idempotent) and print the demo logins."""
        created = seed_demo()
        click.echo(f"Demo data ready ({len(created)} item(s) created: "
                   f"{', '.join(created) or 'nothing new'}).")
        click.echo(f"Organization: {DEMO_ORGANIZATION['name']} with {len(DEMO_JOBS)} jobs")
        job_id = db.session.scalar(select(Job.id).join(Organization)
                                   .where(Organization.name == DEMO_ORGANIZATION["name"],
                                          Job.title == DEMO_APPLICATIONS[0][0]).order_by(Job.id).limit(1))
        if job_id is not None:
            click.echo(f"  its board, for the recruiter: /jobs/{job_id}/pipeline/")
        for spec in DEMO_USERS:
            role = "candidate" if spec["is_candidate"] else "recruiter"
            click.echo(f"  {role:<10} {spec['email']}  password: {DEMO_PASSWORD}")
