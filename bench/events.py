"""Live-event streams in the production shape: how many can be open at once, and what they cost
everyone else.

    .venv/bin/python bench/events.py [--counts 0,100,500,1000] [--samples 200]
        [--database-url postgresql://postgres@127.0.0.1:5432/etb_bench_events]
        [--redis-url redis://127.0.0.1:6379/14]

It creates a scratch PostgreSQL database (its name must contain "bench"), migrates it, and
writes an organization with 50 recruiters and a job whose ranking is running. Then it starts the
production shape with its default settings: gunicorn with gunicorn.conf.py and one
`flask worker`, both on Redis. For each N it opens N streams on the job's channel as the job page
does while a ranking runs (`/events/job-<id>?until=done`, 20 per recruiter, the default
per-user limit) and, while they stay open, requests `GET /api/auth/users/me/` and the dashboard
page one after the other. It prints the streams connected, p50/p99 of both requests, errors and
the resident memory of the web processes; last, with the most streams open, the time from
SIGTERM to gunicorn's exit, and how many streams were told to reconnect.

Targets: every stream connects, GET p99 < 500 ms at N = 1,000, no errors, stop <= 10 s.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import production  # noqa: E402

RECRUITERS, PER_USER = 50, 20
READERS: set[asyncio.Task] = set()
PASSWORD = "bench-password-2026"


def seed(env: dict[str, str]) -> tuple[int, list[str], str]:
    """The job's id, an access token per recruiter, and the first recruiter's email."""
    os.environ.update(env)
    from webapp import create_app
    from webapp.extensions import db
    from webapp.models import Job, Organization, Task, User, UserProfile
    from webapp.security import hash_password
    from webapp.services.tokens import sign_in
    from webapp.services.users import new_referral_code

    app = create_app()
    with app.app_context():
        password_hash = hash_password(PASSWORD)
        users = [User(email=f"recruiter{n}@bench.example", password_hash=password_hash, is_verified=True,
                      is_active=True, profile=UserProfile(referral_code=new_referral_code()))
                 for n in range(RECRUITERS)]
        organization = Organization(name="Bench", root_user=users[0], members=users)
        job = Job(title="Python Developer", job_desc="Python and Django services.", organization=organization,
                  user=users[0], ranking_status="ranking")
        db.session.add_all([organization, job])
        db.session.flush()
        task = Task(id="00000000-0000-4000-8000-000000000001", kind="rank_candidates",
                    function="jobs.ranking:rank_job", subject_type="job", subject_id=job.id, status="running",
                    message="Scoring candidates", progress=40)
        db.session.add(task)
        job.ranking_task_id = task.id
        tokens = [sign_in(user)[1].access for user in users]
        db.session.commit()
        return job.id, tokens, users[0].email


async def open_stream(host: str, port: int, path: str, token: str, seen: list[bytes]) -> bool:
    """Open one stream; True once the server answered 200. Its frames are read into `seen`."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
                     f"Authorization: Bearer {token}\r\n\r\n".encode())
        await writer.drain()
        status = await reader.readline()
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
    except OSError:
        return False
    if b" 200 " not in status:
        writer.close()
        return False

    async def drain() -> None:
        try:
            while chunk := await reader.read(65536):
                seen.append(chunk)
        except OSError:
            pass
        writer.close()

    READERS.add(asyncio.get_running_loop().create_task(drain()))  # kept, or it is collected
    return True


def timed_requests(base_url: str, token: str, session_cookie: str, samples: int) -> dict:
    """p50/p99 (ms) and errors of users/me and the dashboard, requested one after the other."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    figures: dict = {}
    for name, path, headers in (("users/me", "/api/auth/users/me/", {"Authorization": f"Bearer {token}"}),
                                ("dashboard", "/dashboard", {"Cookie": session_cookie})):
        times, errors = [], 0
        for _ in range(samples):
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                errors += response.status != 200
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
            times.append((time.perf_counter() - began) * 1000)
        figures[name] = {"p50": production.percentile(times, 0.5), "p99": production.percentile(times, 0.99),
                         "errors": errors}
    connection.close()
    return figures


def session_cookie(base_url: str, email: str) -> str:
    """Log in through the API's session login, as the browser's login does."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("POST", "/api/auth/session/login/", json.dumps({"email": email, "password": PASSWORD}),
                       {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"could not log in: {response.status}")
    cookies = [header.split(";", 1)[0] for name, header in response.getheaders()
               if name.lower() == "set-cookie"]
    connection.close()
    return "; ".join(cookies)


async def measure(base_url: str, server: subprocess.Popen, job_id: int, tokens: list[str], email: str,
                  counts: list[int], samples: int) -> None:
    parts = urlsplit(base_url)
    cookie = session_cookie(base_url, email)
    seen: list[bytes] = []
    opened = 0
    print(f"{'streams':>8} {'connected':>10} {'me p50':>8} {'me p99':>8} {'dash p50':>9} {'dash p99':>9} "
          f"{'errors':>7} {'web RSS':>9}")
    for count in counts:
        wanted = count - opened
        channel = f"/events/job-{job_id}?until=done"
        batch = [open_stream(parts.hostname, parts.port, channel, tokens[(opened + n) // PER_USER], seen)
                 for n in range(wanted)]
        connected = opened + sum(await asyncio.gather(*batch))
        opened = count
        await asyncio.sleep(1)
        figures = await asyncio.to_thread(timed_requests, base_url, tokens[-1], cookie, samples)
        me, dash = figures["users/me"], figures["dashboard"]
        memory = production.rss_mb(server.pid)
        print(f"{count:>8} {connected:>10} {me['p50']:>6.1f}ms {me['p99']:>6.1f}ms {dash['p50']:>7.1f}ms "
              f"{dash['p99']:>7.1f}ms {me['errors'] + dash['errors']:>7} {memory:>7.0f}MB")
    stopped = await asyncio.to_thread(production.stop, server, 60)
    await asyncio.sleep(0.5)
    told = b"".join(seen).count(b"retry: 500")
    print(f"\nSIGTERM with {opened} streams open: gunicorn exited after {stopped:.1f} s; "
          f"{told} streams were told to reconnect")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", default="0,100,500,1000")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/etb_bench_events")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    options = parser.parse_args()
    counts = [int(n) for n in options.counts.split(",")]
    if max(counts) > RECRUITERS * PER_USER:
        sys.exit(f"at most {RECRUITERS * PER_USER} streams")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # one descriptor per stream, here and there

    import redis

    redis.Redis.from_url(options.redis_url).flushdb()
    production.scratch_database(options.database_url)
    env = production.environment(options.database_url, options.redis_url)
    production.migrate(env)
    job_id, tokens, email = seed(env)
    logs = Path(tempfile.mkdtemp(prefix="etb-bench-events-"))
    worker = production.start_worker(env, logs / "worker.log")
    server, base_url = production.start_web(env, logs / "web.log")
    print(f"gunicorn.conf.py defaults, {os.cpu_count()} cores; logs in {logs}\n")
    with production.running(worker, server):
        asyncio.run(measure(base_url, server, job_id, tokens, email, counts, options.samples))


if __name__ == "__main__":
    main()
