"""Simulated users for bench/load.py (a locust file; bench/load.py runs it headless).

The plan (accounts signed in beforehand, job ids, profile slugs, think time) comes from the
JSON file named by ETB_LOAD_PLAN. `Recruiter` works through the app the way a recruiter does,
pages with the browser session and the API with a Bearer token; `Hammer` sends one request
(ETB_LOAD_TARGET) over and over without pausing, to measure throughput.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import FastHttpUser, between, constant, task

PLAN = json.loads(open(os.environ["ETB_LOAD_PLAN"]).read())  # noqa: SIM115
ACCOUNTS = itertools.cycle(PLAN["accounts"])
SEARCHES = ["accountant with GAAP and reconciliation experience", "line cook, food safety",
            "sales representative who knows a CRM", "teacher with classroom management",
            "5+ years of construction project management", "graphic designer with Adobe"]
TARGETS = {
    "bare": ("/", "bare JSON endpoint"),
    "jobs": ("/api/channels/jobs/", "GET /api/channels/jobs/"),
    "profiles": ("/api/candidates/profiles/?limit=20", "GET /api/candidates/profiles/?limit=20"),
    "me": ("/api/auth/users/me/", "GET /api/auth/users/me/"),
}


class Client(FastHttpUser):
    abstract = True

    def on_start(self) -> None:
        account = next(ACCOUNTS)
        self.api = {"Authorization": f"Bearer {account['access']}", "Accept-Encoding": "gzip"}
        self.browser = {"Cookie": f"session={account['session']}", "Accept-Encoding": "gzip"}

    def call(self, method: str, path: str, name: str, headers: dict, **options) -> None:
        """A request that counts as failed unless it answers 200 itself (a redirect to the
        login page is a failure, not a page)."""
        with self.client.request(method, path, name=name, headers=headers, allow_redirects=False,
                                 catch_response=True, **options) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Recruiter(Client):
    """Opens the dashboard, a job and its ranking, lists jobs and candidates, searches, reads a
    profile and checks who is signed in, in turn at random, pausing between clicks."""

    wait_time = between(*PLAN["think"])

    @task
    def dashboard(self) -> None:
        self.call("GET", "/dashboard", "page /dashboard", self.browser)

    @task
    def job_page(self) -> None:
        self.call("GET", f"/jobs/{random.choice(PLAN['jobs'])}", "page /jobs/<id>", self.browser)

    @task
    def profile_page(self) -> None:
        self.call("GET", f"/candidates/{random.choice(PLAN['profiles'])}", "page /candidates/<slug>",
                  self.browser)

    @task
    def ranking_data(self) -> None:
        self.call("GET", f"/api/channels/jobs/{random.choice(PLAN['jobs'])}/ranking-data/",
                  "GET /api/channels/jobs/<id>/ranking-data/", self.api)

    @task
    def job_list(self) -> None:
        self.call("GET", "/api/channels/jobs/", "GET /api/channels/jobs/", self.api)

    @task
    def profile_list(self) -> None:
        self.call("GET", "/api/candidates/profiles/?limit=20", "GET /api/candidates/profiles/?limit=20",
                  self.api)

    @task
    def search(self) -> None:
        self.call("POST", "/api/channels/agent/", "POST /api/channels/agent/", self.api,
                  json={"query": random.choice(SEARCHES)})

    @task
    def me(self) -> None:
        self.call("GET", "/api/auth/users/me/", "GET /api/auth/users/me/", self.api)


class Hammer(Client):
    """One request, again and again, no pause."""

    wait_time = constant(0)

    @task
    def hit(self) -> None:
        path, name = TARGETS[os.environ["ETB_LOAD_TARGET"]]
        self.call("GET", path, name, self.api)
