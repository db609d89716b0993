"""Load: simulated recruiters against ETB in its production shape, side by side with a bare
Flask JSON endpoint served the same way.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--ratio-seconds 20]
        [--database-url postgresql://postgres@127.0.0.1:5432/etb_bench_load]
        [--redis-url redis://127.0.0.1:6379/13] [--resumes ../shared/data/resumes/livecareer-dev]

What it does, in one run:

1. Creates its own PostgreSQL database (dropped first; its name must contain "bench"),
   migrates it and empties its Redis database (rate limits live there).
2. Seeds one organization with one recruiter account per simulated user, `--candidates`
   candidates whose resumes the offline parser reads from the PDFs of `--resumes` (generated
   resumes without the folder), and `--jobs` job posts, each ranked by the ranking job function
   itself, which keeps RANKING_KEEP (200) candidates per job (bench/load_seed.py).
3. Starts ETB under gunicorn with gunicorn.conf.py as it is (REDIS_URL on the bench database;
   LOGIN_RATE_LIMIT raised, so that every simulated recruiter can sign in from this one
   address), and a bare Flask app with one JSON endpoint (bench/bare_app.py) under gunicorn
   with the same worker class, processes, threads and connections, read from gunicorn.conf.py.
4. Signs every recruiter in twice (a Bearer token for the API, a browser session for pages),
   then warms up: each endpoint ten times, unmeasured.
5. Mixed load: `--users` recruiters (started over 5 s; counted once all have started) for
   `--seconds` s with locust (headless), each opening in turn at random the dashboard, a job
   page, a job's ranking data, the job list, the candidate list (?limit=20), the search API, a
   candidate's profile page and users/me, with a pause of `--think` seconds between clicks.
   Prints requests, req/s, p50/p95/p99 and errors per endpoint against the targets: no
   errors, every p99 under 500 ms.
6. Throughput: the same number of clients, without pauses, on one endpoint at a time for
   `--ratio-seconds` s each: the bare endpoint (before and after, averaged), the job list,
   the candidate list (?limit=20) and users/me. Prints the ratios ETB/bare against the targets
   (users/me >= 0.5, job list >= 0.3, candidate list >= 0.2).

Every client sends `Accept-Encoding: gzip`, as browsers and HTTP libraries do. The figures
depend on the machine and what else runs on it: locust, PostgreSQL and both servers share its
cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import runpy
import secrets
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
from bench import production  # noqa: E402

P99_TARGET_MS = 500
RATIO_TARGETS = {"jobs": 0.3, "profiles": 0.2, "me": 0.5}
RATIO_NAMES = {"jobs": "GET /api/channels/jobs/", "profiles": "GET /api/candidates/profiles/?limit=20",
               "me": "GET /api/auth/users/me/"}


def prepare(args: argparse.Namespace) -> dict:
    """Fresh database and Redis, migrated and seeded; the seed's description."""
    import redis

    production.scratch_database(args.database_url)
    redis.Redis.from_url(args.redis_url).flushdb()
    from flask_migrate import upgrade
    from load_seed import seed

    from webapp import create_app

    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        started = time.perf_counter()
        plan = seed(recruiters=args.users, candidates=args.candidates, jobs=args.jobs,
                    resumes=args.resumes)
    print(f"seeded in {time.perf_counter() - started:.0f} s: {len(plan['jobs'])} jobs ranked "
          f"({min(plan['ranked'])}-{max(plan['ranked'])} candidates each), {len(plan['profiles'])} "
          f"candidates ({plan['parsed']} parsed from PDFs), {len(plan['recruiters'])} recruiters")
    return plan


def worker_settings() -> dict:
    """gunicorn.conf.py's worker settings (read, not copied, so the bare app follows them)."""
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {name: conf[name] for name in ("worker_class", "workers", "threads", "worker_connections",
                                          "timeout", "keepalive", "accesslog") if name in conf}


def start_servers(logs: Path) -> tuple[list[subprocess.Popen], str, str, dict]:
    etb_port, bare_port = production.free_port(), production.free_port()
    settings = worker_settings()
    etb = subprocess.Popen([str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
                           cwd=ROOT, env={**os.environ, "PORT": str(etb_port)},
                           stdout=open(logs / "etb.log", "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    bare_command = [str(BIN / "gunicorn"), "--chdir", str(BENCH), "--bind", f"127.0.0.1:{bare_port}"]
    for name in ("worker_class", "workers", "threads", "worker_connections", "timeout", "keepalive"):
        if name in settings:
            bare_command += [f"--{name.replace('_', '-')}", str(settings[name])]
    if settings.get("accesslog"):
        bare_command += ["--access-logfile", settings["accesslog"]]
    bare = subprocess.Popen([*bare_command, "bare_app:app"], cwd=BENCH, env=os.environ.copy(),
                            stdout=open(logs / "bare.log", "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    etb_url, bare_url = f"http://127.0.0.1:{etb_port}", f"http://127.0.0.1:{bare_port}"
    _wait_for(f"{etb_url}/api/auth/csrf/")
    _wait_for(f"{bare_url}/")
    return [etb, bare], etb_url, bare_url, settings


def _wait_for(url: str, seconds: float = 60) -> None:
    import requests

    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    sys.exit(f"{url} did not answer within {seconds:.0f} s")


def sign_in(etb_url: str, email: str, password: str) -> dict:
    import requests

    credentials = {"email": email, "password": password}
    token = requests.post(f"{etb_url}/api/token/", json=credentials, timeout=30)
    browser = requests.post(f"{etb_url}/api/auth/session/login/", json=credentials, timeout=30)
    if token.status_code != 200 or browser.status_code != 200:
        sys.exit(f"sign-in failed for {email}: {token.status_code} {browser.status_code}")
    return {"access": token.json()["access"], "session": browser.cookies["session"]}


def run_locust(user_class: str, host: str, users: int, seconds: int, plan_file: Path,
               target: str = "", spawn_rate: float | None = None) -> list[dict]:
    """One headless locust run; its rows of statistics (one per endpoint), counted from when
    every user has started (--reset-stats) to the end of `seconds`."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "run"
        rate = spawn_rate or users
        subprocess.run([str(BIN / "locust"), "-f", str(BENCH / "load_users.py"), "--headless",
                        "-u", str(users), "-r", str(rate), "-t", f"{seconds + users / rate:.0f}s",
                        "--reset-stats", "--host", host,
                        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                        "--stop-timeout", "5", user_class],
                       env={**os.environ, "ETB_LOAD_PLAN": str(plan_file), "ETB_LOAD_TARGET": target},
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(f"{prefix}_stats.csv", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]


def wire_sizes(etb_url: str, plan: dict, account: dict) -> list[tuple[str, int, int]]:
    """(endpoint, body bytes, bytes sent with gzip) for the lists, once each."""
    import requests

    headers = {"Authorization": f"Bearer {account['access']}"}
    sizes = []
    for name, path in (("GET /api/channels/jobs/", "/api/channels/jobs/"),
                       ("GET /api/candidates/profiles/?limit=20", "/api/candidates/profiles/?limit=20"),
                       ("GET /api/channels/jobs/<id>/ranking-data/",
                        f"/api/channels/jobs/{plan['jobs'][0]}/ranking-data/")):
        plain = requests.get(etb_url + path, headers={**headers, "Accept-Encoding": "identity"})
        packed = requests.get(etb_url + path, headers={**headers, "Accept-Encoding": "gzip"}, stream=True)
        sizes.append((name, len(plain.content), len(packed.raw.read(decode_content=False))))
    return sizes


def warm_up(etb_url: str, plan: dict, account: dict, rounds: int = 10) -> None:
    """Each endpoint a few times before measuring, so that templates are compiled, the skills
    catalogue is loaded and statements are prepared in both worker processes."""
    import requests

    api = {"Authorization": f"Bearer {account['access']}"}
    browser = {"Cookie": f"session={account['session']}"}
    for _ in range(rounds):
        for path, headers in (("/dashboard", browser), (f"/jobs/{plan['jobs'][0]}", browser),
                              (f"/candidates/{plan['profiles'][0]}", browser),
                              (f"/api/channels/jobs/{plan['jobs'][0]}/ranking-data/", api),
                              ("/api/channels/jobs/", api), ("/api/candidates/profiles/?limit=20", api),
                              ("/api/auth/users/me/", api)):
            requests.get(etb_url + path, headers=headers, allow_redirects=False, timeout=30)
        requests.post(f"{etb_url}/api/channels/agent/", json={"query": "accountant"}, headers=api,
                      timeout=30)


def _ms(row: dict, column: str) -> float:
    value = row[column]
    return float(value) if value not in ("", "N/A") else float("nan")


def report_mixed(rows: list[dict]) -> bool:
    print(f"\n{'endpoint':44} {'requests':>8} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}")
    met = True
    for row in sorted(rows, key=lambda row: row["Name"]):
        errors, p99 = int(row["Failure Count"]), _ms(row, "99%")
        ok = errors == 0 and p99 < P99_TARGET_MS
        met &= ok
        print(f"{row['Name']:44} {int(row['Request Count']):8d} {float(row['Requests/s']):7.1f} "
              f"{_ms(row, '50%'):6.0f} {_ms(row, '95%'):6.0f} {p99:6.0f} {errors:6d}"
              f"{'' if ok else '  <- target missed'}")
    print(f"targets: no errors, p99 < {P99_TARGET_MS} ms on every endpoint: {'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--ratio-seconds", type=int, default=20)
    parser.add_argument("--think", default="0.5,2", help="pause between a recruiter's clicks, s (min,max)")
    parser.add_argument("--jobs", type=int, default=25)
    parser.add_argument("--candidates", type=int, default=235)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/etb_bench_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--resumes", type=Path, default=ROOT.parent / "shared/data/resumes/livecareer-dev")
    args = parser.parse_args()
    # The app reads its settings from the environment, here as in production.
    os.environ.update(DATABASE_URL=args.database_url, REDIS_URL=args.redis_url,
                      SECRET_KEY=secrets.token_urlsafe(48), LOGIN_RATE_LIMIT="100000 per minute")
    plan = prepare(args)
    logs = Path(tempfile.mkdtemp(prefix="etb-load-"))
    servers, etb_url, bare_url, settings = start_servers(logs)
    try:
        print(f"gunicorn (both servers): {settings}; logs in {logs}")
        with ThreadPoolExecutor(4) as pool:
            accounts = list(pool.map(lambda email: sign_in(etb_url, email, plan["password"]),
                                     plan["recruiters"]))
        plan_file = logs / "plan.json"
        plan_file.write_text(json.dumps({
            "accounts": accounts, "jobs": plan["jobs"], "profiles": plan["profiles"],
            "think": [float(x) for x in args.think.split(",")]}))
        warm_up(etb_url, plan, accounts[0])
        for name, body, sent in wire_sizes(etb_url, plan, accounts[0]):
            print(f"{name}: {body / 1024:.1f} KB, {sent / 1024:.1f} KB sent gzipped")

        print(f"\nMixed load: {args.users} recruiters for {args.seconds} s, {args.think} s between clicks")
        mixed_met = report_mixed(run_locust("Recruiter", etb_url, args.users, args.seconds, plan_file,
                                            spawn_rate=args.users / 5))

        print(f"\nThroughput: {args.users} clients without pauses, {args.ratio_seconds} s per endpoint")
        rates = {}
        for target in ("bare", "jobs", "profiles", "me", "bare"):
            [row] = run_locust("Hammer", bare_url if target == "bare" else etb_url, args.users,
                               args.ratio_seconds, plan_file, target)
            rates.setdefault(target, []).append((float(row["Requests/s"]), row))
            print(f"  {row['Name']:40} {float(row['Requests/s']):7.1f} req/s  p50 {_ms(row, '50%'):.0f} ms"
                  f"  p99 {_ms(row, '99%'):.0f} ms  errors {row['Failure Count']}")
        bare = sum(rate for rate, _ in rates["bare"]) / len(rates["bare"])
        ratios_met = True
        for target, goal in RATIO_TARGETS.items():
            ratio = rates[target][0][0] / bare
            ratios_met &= ratio >= goal
            print(f"ratio {RATIO_NAMES[target]:40} / bare: {ratio:.2f} (target >= {goal}: "
                  f"{'met' if ratio >= goal else 'NOT met'})")
        print(f"\nall targets: {'met' if mixed_met and ratios_met else 'NOT met'}")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
