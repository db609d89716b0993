"""Plain-language candidate search (29)."""

from __future__ import annotations

from flask import jsonify

from webapp.api import bp
from webapp.api.common import anonymous_limit, auth_optional, integer, principal, request_data, text
from webapp.services import search


@bp.post("/channels/agent/")
@anonymous_limit
@auth_optional
def search_candidates():  # noqa: ANN201
    data = request_data()
    caller = principal()
    found = search.search(caller.user if caller else None, text(data, "query", required=True),
                          limit=integer(data, "limit"))
    return jsonify(results=found)
