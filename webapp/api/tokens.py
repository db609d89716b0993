"""Bearer tokens for API clients (45, 46)."""

from __future__ import annotations

from flask import jsonify

from webapp.api import bp
from webapp.api.common import credentials, request_data, sign_in, text
from webapp.extensions import db
from webapp.ratelimits import login_rate_limited
from webapp.services import auth, tokens


@bp.post("/token/")
@login_rate_limited
def obtain_token():  # noqa: ANN201
    _, pair = sign_in(auth.authenticate(*credentials()))
    db.session.commit()
    return jsonify(access=pair.access, refresh=pair.refresh)


@bp.post("/token/refresh/")
def refresh_token():  # noqa: ANN201
    # Refresh tokens rotate, so the new one is returned beside the new access token.
    _, pair = tokens.rotate(text(request_data(), "refresh", required=True))
    db.session.commit()
    return jsonify(access=pair.access, refresh=pair.refresh)
