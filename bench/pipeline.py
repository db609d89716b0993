"""Pipeline: a job's board page and the applications list (P4) over 100 jobs of 2,000
applications each, in the production shape.

    .venv/bin/python bench/pipeline.py [--jobs 100] [--per-job 2000] [--profiles 5000]
        [--sizes 20,200,2000] [--requests 300]
        [--database-url postgresql://postgres@127.0.0.1:5432/etb_bench_pipeline]
        [--redis-url redis://127.0.0.1:6379/12] [--reuse] [--show-queries]

What it does, in one run:

1. Empties its Redis database (rate limits live there), creates its own PostgreSQL database
   (dropped first; its name must contain "bench") and migrates it with flask-migrate's `upgrade`.
2. Seeds (bench/pipeline_seed.py, Core bulk inserts): one organization with the default stages
   (`stages.add_defaults`), a recruiter, `--profiles` parsed candidate profiles (four in five
   with a candidate account, the others sourced by the organization; search text, ranking
   features and skills as a parse stores them), `--jobs` job posts with `--per-job`
   applications each (200,000 by default) plus one job of each other size in `--sizes`. A
   profile is in a job at most once. Applications are spread over the stages (half in Applied,
   then fewer in each later stage) and statuses (about 80% active, 15% rejected with a reason,
   4% withdrawn, 1% hired), with the activity each would have (applied or sourced, each move,
   the rejection or withdrawal). Then every job is ranked by the ranking job function itself,
   which stores its ranking (200 candidates, ~180 KB of JSON) and copies score and rank onto the
   applications of the candidates it kept; last, ANALYZE. `--reuse` skips all of this and
   measures the database a previous run left.
3. Counts the SQL statements each request runs, in this process with Flask's test client and
   an SQLAlchemy `before_cursor_execute` listener, on the jobs of each size in `--sizes`: the
   board page (`GET /jobs/<id>/pipeline/`), its "show more" of a column (the HTMX partial
   `GET /jobs/<id>/pipeline/stages/<stage>/cards?offset=25`), and P4
   (`GET /api/applications/?job=<id>`, by default ordering and by `-score`). `--show-queries`
   prints the statements of the largest job's board and P4 page.
4. Starts ETB under gunicorn with gunicorn.conf.py as it is (bench/production.py), signs the
   recruiter in twice (a browser session by `POST /api/auth/session/login/` for the page, a
   Bearer token by `POST /api/token/` for the API), warms up (each endpoint on ten jobs,
   unmeasured), then requests the board page and P4 (`page_size` 50) `--requests` times each,
   one after the other, going round the `--jobs` jobs, and prints p50/p95/max and the body size.

Targets (issue 13): p95 < 300 ms for the board page and for P4; the number of queries per
request the same whatever the number of applications. Every client sends
`Accept-Encoding: gzip`. The figures depend on the machine: the bench, PostgreSQL and gunicorn
share its cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
from bench import production  # noqa: E402

P95_TARGET_MS = 300
PAGE_SIZE = 50


def prepare(args: argparse.Namespace) -> dict:
    """A fresh database, migrated and seeded (or the one a previous run left, with --reuse);
    what the measurements need to know of it."""
    import redis

    from webapp import create_app

    sizes = tuple(args.sizes)
    redis.Redis.from_url(args.redis_url).flushdb()
    if args.reuse:
        with create_app().app_context():
            return _plan_of_existing(args.per_job, sizes)
    from flask_migrate import upgrade
    from pipeline_seed import seed

    production.scratch_database(args.database_url)
    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        started = time.perf_counter()
        plan = seed(jobs=args.jobs, per_job=args.per_job, profiles=args.profiles, sizes=sizes)
        from webapp.extensions import db

        db.engine.dispose()
    print(f"seeded in {time.perf_counter() - started:.0f} s: {plan['applications']:,} applications in "
          f"{len(plan['jobs']) + len(set(sizes) - {args.per_job})} jobs, {plan['profiles']:,} profiles, "
          f"{plan['scored']:,} applications with a ranking score")
    return plan


def _plan_of_existing(per_job: int, sizes: tuple[int, ...]) -> dict:
    from pipeline_seed import PASSWORD
    from sqlalchemy import func, select

    from webapp.extensions import db
    from webapp.models import Application

    counts = db.session.execute(select(Application.job_id, func.count()).group_by(Application.job_id)
                                .order_by(Application.job_id)).all()
    if not counts:
        sys.exit("--reuse: the database has no applications; run without --reuse first")
    jobs = [job_id for job_id, count in counts if count == per_job]
    by_size = {size: next(job_id for job_id, count in counts if count == size) for size in sizes}
    return {"email": "recruiter@bench.example", "password": PASSWORD, "jobs": jobs, "by_size": by_size,
            "applications": sum(count for _, count in counts)}


# --- queries per request, in process --------------------------------------------------------

def count_queries(plan: dict, show: bool, repeat: int = 7) -> tuple[list[tuple[str, dict]], bool]:
    """(endpoint, {applications: (statements, median ms in process)}) for each endpoint, and
    whether each endpoint ran the same number of statements at every size."""
    from sqlalchemy import event

    from webapp import create_app
    from webapp.extensions import db
    from webapp.models import Stage

    app = create_app()
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute",
                     lambda _conn, _cursor, statement, *_: statements.append(statement))
        stage_id = db.session.scalar(db.select(Stage.id).order_by(Stage.position).limit(1))
        db.session.remove()
    browser, api = app.test_client(), app.test_client()
    credentials = {"email": plan["email"], "password": plan["password"]}
    if browser.post("/api/auth/session/login/", json=credentials).status_code != 200:
        sys.exit("the recruiter could not sign in (session)")
    token = api.post("/api/token/", json=credentials).get_json()["access"]
    bearer = {"Authorization": f"Bearer {token}"}
    endpoints: list[tuple[str, Callable[[int], object]]] = [
        ("board page", lambda job: browser.get(f"/jobs/{job}/pipeline/")),
        ("board, column's next 25 (HTMX)", lambda job: browser.get(
            f"/jobs/{job}/pipeline/stages/{stage_id}/cards?offset=25", headers={"HX-Request": "true"})),
        ("P4 list", lambda job: api.get(f"/api/applications/?job={job}&page_size={PAGE_SIZE}",
                                        headers=bearer)),
        ("P4 list, ordering=-score", lambda job: api.get(
            f"/api/applications/?job={job}&page_size={PAGE_SIZE}&ordering=-score", headers=bearer)),
    ]
    rows, constant = [], True
    largest = max(plan["by_size"])
    for name, request in endpoints:
        request(plan["by_size"][largest])  # warm-up: templates, the skills catalogue
        counted = {}
        for size, job_id in sorted(plan["by_size"].items()):
            statements.clear()
            response = request(job_id)
            if response.status_code != 200:
                sys.exit(f"{name} answered {response.status_code} for job {job_id}")
            count = len(statements)
            if show and size == largest and name in ("board page", "P4 list"):
                print(f"\n{name}, {size:,} applications: {count} statements")
                for statement in statements:
                    print("  " + " ".join(statement.split())[:220])
            took = []
            for _ in range(repeat):
                began = time.perf_counter()
                request(job_id)
                took.append((time.perf_counter() - began) * 1000)
            counted[size] = (count, production.percentile(took, 0.5))
        constant &= len({count for count, _ in counted.values()}) == 1
        rows.append((name, counted))
    with app.app_context():
        db.engine.dispose()
    return rows, constant


# --- latency over HTTP ----------------------------------------------------------------------

def sign_in(base_url: str, email: str, password: str) -> tuple[str, str]:
    """(session cookie, access token)."""
    import requests

    credentials = {"email": email, "password": password}
    browser = requests.post(f"{base_url}/api/auth/session/login/", json=credentials, timeout=30)
    token = requests.post(f"{base_url}/api/token/", json=credentials, timeout=30)
    if browser.status_code != 200 or token.status_code != 200:
        sys.exit(f"sign-in failed: {browser.status_code} {token.status_code}")
    return browser.cookies["session"], token.json()["access"]


def measure(base_url: str, plan: dict, requests_each: int) -> dict[str, dict]:
    """Latencies (ms) and body sizes of the board page and P4, one request after the other."""
    import requests

    session_cookie, token = sign_in(base_url, plan["email"], plan["password"])
    browser, api = requests.Session(), requests.Session()
    browser.cookies.set("session", session_cookie)
    api.headers["Authorization"] = f"Bearer {token}"
    endpoints = {
        "GET /jobs/<id>/pipeline/": lambda job: browser.get(f"{base_url}/jobs/{job}/pipeline/",
                                                            allow_redirects=False, timeout=60),
        f"GET /api/applications/?job=<id>&page_size={PAGE_SIZE}": lambda job: api.get(
            f"{base_url}/api/applications/?job={job}&page_size={PAGE_SIZE}", timeout=60),
    }
    jobs = plan["jobs"]
    for get in endpoints.values():
        for job in jobs[:10]:
            get(job)
    results = {name: {"ms": [], "bytes": [], "errors": 0} for name in endpoints}
    for number in range(requests_each):
        job = jobs[number % len(jobs)]
        for name, get in endpoints.items():
            began = time.perf_counter()
            response = get(job)
            elapsed = (time.perf_counter() - began) * 1000
            result = results[name]
            result["ms"].append(elapsed)
            result["bytes"].append(len(response.content))
            result["errors"] += response.status_code != 200
    return results


def report(query_rows: list[tuple[str, dict]], constant: bool, latencies: dict[str, dict]) -> bool:
    sizes = sorted(query_rows[0][1])
    print("\nSQL statements per request / median time, in process (test client), by the job's number "
          "of applications")
    print(f"{'endpoint':34}" + "".join(f"{f'{size:,} applications':>22}" for size in sizes))
    for name, counted in query_rows:
        cells = [f"{counted[size][0]} / {counted[size][1]:.0f} ms" for size in sizes]
        print(f"{name:34}" + "".join(f"{cell:>22}" for cell in cells)
              + ("" if len({count for count, _ in counted.values()}) == 1 else "  <- grows"))
    print(f"target: the same count at every size: {'met' if constant else 'NOT met'}")

    count = len(next(iter(latencies.values()))["ms"])
    print(f"\nLatency over HTTP (gunicorn, gunicorn.conf.py), one request after the other, {count} "
          "requests each, going round the jobs")
    print(f"{'endpoint':48} {'p50':>7} {'p95':>7} {'max':>7} {'body':>9} {'errors':>6}")
    fast = True
    for name, result in latencies.items():
        p50, p95 = production.percentile(result["ms"], 0.50), production.percentile(result["ms"], 0.95)
        ok = p95 < P95_TARGET_MS and not result["errors"]
        fast &= ok
        size = sum(result["bytes"]) / len(result["bytes"]) / 1024
        print(f"{name:48} {p50:5.0f}ms {p95:5.0f}ms {max(result['ms']):5.0f}ms {size:7.1f}KB "
              f"{result['errors']:6d}{'' if ok else '  <- target missed'}")
    print(f"target: p95 < {P95_TARGET_MS} ms on both, no errors: {'met' if fast else 'NOT met'}")
    print(f"\nall targets: {'met' if constant and fast else 'NOT met'}")
    return constant and fast


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--per-job", type=int, default=2000)
    parser.add_argument("--profiles", type=int, default=5000)
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")],
                        default=[20, 200, 2000],
                        help="application counts of the jobs whose queries are counted (comma-separated)")
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/etb_bench_pipeline")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--reuse", action="store_true", help="measure the database a previous run seeded")
    parser.add_argument("--show-queries", action="store_true")
    args = parser.parse_args()
    if args.per_job not in args.sizes:
        args.sizes.append(args.per_job)
    if max(args.sizes) > args.profiles:
        sys.exit("a job cannot have more applications than there are profiles")
    env = production.environment(args.database_url, args.redis_url)
    os.environ.update(env)  # the app reads its settings from the environment, here as in production

    plan = prepare(args)
    query_rows, constant = count_queries(plan, args.show_queries)
    logs = Path(tempfile.mkdtemp(prefix="etb-pipeline-"))
    web, base_url = production.start_web(env, logs / "web.log")
    with production.running(web):
        print(f"\ngunicorn on {base_url}; log in {logs}; load average before: "
              f"{' '.join(f'{load:.2f}' for load in os.getloadavg())} on {os.cpu_count()} cores")
        latencies = measure(base_url, plan, args.requests)
        print(f"load average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    report(query_rows, constant, latencies)


if __name__ == "__main__":
    main()
