"""The production shape for benchmarks: a scratch PostgreSQL database, gunicorn with the
project's gunicorn.conf.py, `flask worker` processes, and the memory they use."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "bench-secret-key-with-enough-length-for-hs256"


def scratch_database(url: str) -> None:
    """Create the database anew; its name must say it is for benchmarks."""
    parsed = make_url(url)
    if "bench" not in (parsed.database or ""):
        sys.exit(f"refusing to use database {parsed.database!r}: its name must contain 'bench'")
    with psycopg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{parsed.database}"')


def environment(database_url: str, redis_url: str, **settings: str) -> dict[str, str]:
    """The environment of every process of the shape (and of the benchmark's own app)."""
    return {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
            "SECRET_KEY": SECRET_KEY, "PYTHONPATH": str(ROOT), **settings}


def migrate(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_web(env: dict[str, str], log: Path, app: str = "wsgi:app") -> tuple[subprocess.Popen, str]:
    """gunicorn with gunicorn.conf.py on a free port; the process and its base URL, once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
               "--bind", f"127.0.0.1:{port}", app]
    process = subprocess.Popen(
        command,
        cwd=ROOT, env={**env, "PORT": str(port)}, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2):
                return process, base_url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                sys.exit(f"the web server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen, timeout: float = 30) -> float:
    """SIGTERM to the process group; seconds until the process exited (killed after `timeout`)."""
    began = time.monotonic()
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return time.monotonic() - began


@contextmanager
def running(*processes: subprocess.Popen) -> Iterator[None]:
    try:
        yield
    finally:
        for process in processes:
            stop(process)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    pids = [pid, *_children(pid)]
    total = 0
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total / 1024


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")
