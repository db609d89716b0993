"""Candidate search latency: plain-language queries over a pool of generated candidates,
offline engine, as an employer who sees the whole pool.

    .venv/bin/python bench/search.py [--size 10000] [--repeats 20]

Fills a scratch database the way bench/rank.py does. Target: p95 at most 200 ms
over 10k candidates.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import rank as rank_bench  # noqa: E402  (the shared scratch pool)

QUERIES = [
    "Find candidates with 5+ years of Python experience and Django expertise",
    "remote registered nurse with phlebotomy and CPR",
    "staff accountant who knows GAAP and QuickBooks, full-time",
    "forklift operation and inventory management, available now",
    "teacher with lesson planning and classroom management in Austin",
    "line cook food safety",
]
TARGET_P95_MS = 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--database-url", default="sqlite:////tmp/etb-bench-search.sqlite3")
    args = parser.parse_args()
    if args.database_url.startswith("sqlite:////tmp/"):
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    rank_bench.prepare(args.database_url, args.size)

    from sqlalchemy import select

    from webapp import create_app
    from webapp.config import Config
    from webapp.extensions import db
    from webapp.models import Organization, User
    from webapp.services import search

    app = create_app({**{k: getattr(Config, k) for k in dir(Config) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": args.database_url, "REDIS_URL": None})
    with app.app_context():
        organization = db.session.scalar(select(Organization).limit(1))
        if not organization.members:
            organization.members.append(User(email="bench@example.com", password_hash="-"))
            db.session.commit()
        employer = organization.members[0]
        search.search(employer, QUERIES[0])  # warm up
        timings, matched = [], {}
        for _ in range(args.repeats):
            for query in QUERIES:
                started = time.perf_counter()
                found = search.search(employer, query)
                timings.append((time.perf_counter() - started) * 1000)
                matched[query] = found["reasoning"]
    timings.sort()
    p95 = statistics.quantiles(timings, n=100)[94]
    print(f"{len(timings)} searches over {args.size:,} candidates")
    print(f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms "
          f"(target <= {TARGET_P95_MS} ms: {'met' if p95 <= TARGET_P95_MS else 'NOT met'})")
    for query, reasoning in matched.items():
        print(f"  {query!r}: {reasoning}")


if __name__ == "__main__":
    main()
