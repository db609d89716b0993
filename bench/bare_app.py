"""The yardstick of bench/load.py: a bare Flask app with one JSON endpoint, served by gunicorn
with the same worker settings as ETB. Its body is the size of GET /api/auth/users/me/'s."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def index():  # noqa: ANN201
    return jsonify(id=1, email="recruiter0@bench.example", first_name="Recruiter", last_name="0",
                   is_active=True, is_verified=True, is_candidate=False,
                   profile={"id": 1, "user": 1, "avatar": None, "referral_code": "ABCD1234",
                            "total_referrals": 0})
