"""Login timing: does `POST /api/token/` take as long for an email without an account as for
one with an account (wrong password both times)? Otherwise its timing tells which emails have
accounts.

    .venv/bin/python bench/login_timing.py [--rounds 30]

A scratch SQLite database in /tmp, the production password hasher (argon2 with the app's
settings), the rate limit lifted for the run. Known and unknown emails alternate in one run,
after a warm-up, so that the machine's noise falls on both alike; prints the median, p90 and
the ratio unknown / known of the medians (target: between 0.9 and 1.1).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="etb-bench-login-")
    os.environ.update({"DATABASE_URL": f"sqlite:///{folder}/etb.sqlite3", "SECRET_KEY": "bench",
                       "LOGIN_RATE_LIMIT": "100000 per minute", "MAIL_OUTBOX_DIR": f"{folder}/mail",
                       "COOKIE_SECURE": "0"})
    from flask_migrate import upgrade

    from webapp import create_app
    from webapp.extensions import db
    from webapp.models import User, UserProfile
    from webapp.security import hash_password

    app = create_app()
    with app.app_context():
        upgrade()
        user = User(email="known@example.com", password_hash=hash_password("right-horse-battery"),
                    is_verified=True)
        user.profile = UserProfile(referral_code="BENCH0001")
        db.session.add(user)
        db.session.commit()
    client = app.test_client()

    def attempt(email: str) -> float:
        start = time.perf_counter()
        response = client.post("/api/token/", json={"email": email, "password": "wrong-horse-battery"})
        assert response.status_code == 401, response.get_json()
        return time.perf_counter() - start

    for _ in range(3):  # warm-up: the first request of a process builds the hasher
        attempt("known@example.com")
        attempt("nobody@example.com")
    known, unknown = [], []
    for _ in range(args.rounds):
        known.append(attempt("known@example.com"))
        unknown.append(attempt("nobody@example.com"))
    for name, times in (("known email", known), ("unknown email", unknown)):
        ordered = sorted(times)
        print(f"{name:<14} median {statistics.median(times) * 1000:7.1f} ms   "
              f"p90 {ordered[int(len(ordered) * 0.9) - 1] * 1000:7.1f} ms   ({len(times)} logins)")
    ratio = statistics.median(unknown) / statistics.median(known)
    print(f"ratio unknown / known: {ratio:.2f} ({'met' if 0.9 <= ratio <= 1.1 else 'NOT met'}: 0.9-1.1)")


if __name__ == "__main__":
    main()
