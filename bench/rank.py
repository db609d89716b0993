"""Ranking speed: wall time and peak memory of a ranking job over pools of 1k, 10k and 100k
generated candidates.

    .venv/bin/python bench/rank.py [--sizes 1000,10000,100000] [--database-url URL]

Candidates are written straight into a scratch database (SQLite in /tmp by default; pass a
PostgreSQL URL whose database name contains "bench" to use PostgreSQL), with the features a
parse would have stored. Each ranking runs in a fresh process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGETS = {10_000: 1.0, 100_000: 10.0}  # seconds
MEMORY_TARGET_MB = 1024
OCCUPATIONS = {
    "Software Engineer": ["Python", "Django", "PostgreSQL", "Docker", "Kubernetes", "JavaScript",
                          "React", "AWS", "Git", "SQL", "TypeScript", "Node.js"],
    "Registered Nurse": ["Patient Care", "CPR", "Medication Administration", "Phlebotomy",
                         "Vital Signs", "Triage", "Wound Care", "Infection Control"],
    "Staff Accountant": ["GAAP", "Accounts Payable", "Accounts Receivable", "QuickBooks",
                         "Reconciliation", "Financial Reporting", "Payroll Processing"],
    "Line Cook": ["Food Safety", "Food Preparation", "Menu Planning", "Inventory Management"],
    "Warehouse Associate": ["Forklift Operation", "Inventory Management", "Shipping and Receiving",
                            "OSHA Compliance", "Order Picking"],
    "Teacher": ["Lesson Planning", "Classroom Management", "Curriculum Development", "Tutoring"],
}
VERBS = ["Built", "Ran", "Improved", "Managed", "Led", "Designed", "Handled", "Trained", "Cut"]
NOUNS = ["the team's weekly reports", "a busy unit", "services for customers", "a new process",
         "the monthly close", "daily operations", "quality checks", "the onboarding guide"]


def _description(rng: random.Random, skills: list[str]) -> str:
    return "\n".join(f"{rng.choice(VERBS)} {rng.choice(NOUNS)} with {rng.choice(skills)}."
                     for _ in range(rng.randint(3, 8)))


def _profiles(count: int, start: int, organization_id: int) -> list[dict]:
    from webapp.ai import ranking
    from webapp.ai.catalogue import catalogue

    rng = random.Random(start)
    names = list(catalogue().skills)
    rows = []
    for number in range(start, start + count):
        title, core = rng.choice(list(OCCUPATIONS.items()))
        skills = rng.sample(core, rng.randint(2, len(core))) + rng.sample(names, 3)
        skills = list(dict.fromkeys(catalogue().canonical(skill) or skill for skill in skills))
        years = round(rng.uniform(0, 20), 1)
        text = _description(rng, skills)
        rows.append({
            "id": number + 1, "slug": f"bench-{number}", "organization_id": organization_id,
            "is_available": True,
            "work_mode_preferences": rng.sample(["remote", "onsite", "hybrid"], rng.randint(0, 2)),
            "employment_type_preferences": [], "disability_categories": [],
            "willing_to_relocate": False, "has_workvisa": rng.random() < 0.8,
            "share_accommodations": False, "parsing_status": "parsed", "search_text": "",
            "rank_features": ranking.features(skills, years, [title], ranking.profile_text(
                {"skills": skills, "experience": [{"title": title, "description": text}]}),
                "Austin, TX"),
        })
    return rows


def prepare(database_url: str, size: int) -> int:
    """Fill the scratch database up to `size` candidates; the job's id."""
    from sqlalchemy import func, insert, select

    from webapp import create_app
    from webapp.config import Config
    from webapp.extensions import db
    from webapp.models import CandidateProfile, Job, Organization, profile_skills
    from webapp.services.skills import skills_named

    app = create_app({**{k: getattr(Config, k) for k in dir(Config) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": None})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(ROOT / "migrations"))
        organization = db.session.scalar(select(Organization).limit(1))
        if organization is None:
            organization = Organization(name="Bench Co")
            db.session.add(organization)
            db.session.flush()
            job = Job(title="Senior Python Developer", organization_id=organization.id,
                      job_desc="We build web services. You have 5+ years of Python and Django, "
                               "PostgreSQL, Docker and AWS. Remote.", workplace_type="remote")
            job.skills = skills_named(["Python", "Django", "PostgreSQL", "Docker"])
            db.session.add(job)
            db.session.commit()
        have = db.session.scalar(select(func.count()).select_from(CandidateProfile))
        skill_ids: dict[str, int] = {}
        while have < size:
            batch = min(5000, size - have)
            rows = _profiles(batch, have, organization.id)
            db.session.execute(insert(CandidateProfile), rows)
            names = {name for row in rows for name in row["rank_features"]["skills"]} - set(skill_ids)
            skill_ids |= {skill.name: skill.id for skill in skills_named(sorted(names))}
            db.session.execute(insert(profile_skills), [
                {"profile_id": row["id"], "skill_id": skill_ids[name]}
                for row in rows for name in row["rank_features"]["skills"]])
            db.session.commit()
            have += batch
        return db.session.scalar(select(Job.id).limit(1))


def measure(database_url: str, job_id: int, queue: multiprocessing.Queue) -> None:
    from webapp import create_app
    from webapp.config import Config
    from webapp.extensions import db
    from webapp.models import Job
    from webapp.services import ranking

    app = create_app({**{k: getattr(Config, k) for k in dir(Config) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": None})
    with app.app_context():
        ranking.rank_job(db.session.get(Job, job_id))  # warm: catalogue and imports
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        result = ranking.rank_job(db.session.get(Job, job_id))
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((elapsed, max(peak, before) / 1024, result["pool_size"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--database-url", default="sqlite:////tmp/etb-bench-rank.sqlite3")
    args = parser.parse_args()
    if args.database_url.startswith("postgresql") and "bench" not in args.database_url.rsplit("/", 1)[-1]:
        sys.exit("Use a scratch PostgreSQL database whose name contains 'bench'.")
    if args.database_url.startswith("sqlite:////tmp/"):
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    context = multiprocessing.get_context("spawn")
    print("pool size   ranking job   peak memory   target")
    previous = None
    for size in sorted(int(n) for n in args.sizes.split(",")):
        job_id = prepare(args.database_url, size)
        queue = context.Queue()
        process = context.Process(target=measure, args=(args.database_url, job_id, queue))
        process.start()
        elapsed, peak_mb, pool_size = queue.get()
        process.join()
        target = TARGETS.get(size)
        verdict = f"<= {target:g} s: {'met' if elapsed <= target else 'NOT met'}" if target else ""
        growth = f"  ({elapsed / previous[1]:.1f}x time for {size / previous[0]:.0f}x candidates)" \
            if previous else ""
        print(f"{pool_size:>9,}   {elapsed:9.2f} s   {peak_mb:8.0f} MB   {verdict}{growth}")
        previous = (size, elapsed)
    print(f"memory target: <= {MEMORY_TARGET_MB} MB at 100k")


if __name__ == "__main__":
    main()
