"""Plain-language candidate search (29)."""

from __future__ import annotations

from flask import jsonify

from webapp.api import bp
from webapp.api.common import anonymous_limit, auth_optional, integer, principal, request_data, text
from webapp.errors import ValidationFailed
from webapp.services import search


@bp.post("/channels/agent/")
@anonymous_limit
@auth_optional
def search_candidates():  # noqa: ANN201
    data = request_data()
    query = text(data, "query", required=True)
    if len(query) > 500:
        raise ValidationFailed({"query": ["At most 500 characters."]})
    limit = integer(data, "limit") or 10
    if not 1 <= limit <= search.MAX_LIMIT:
        raise ValidationFailed({"limit": [f"Between 1 and {search.MAX_LIMIT}."]})
    caller = principal()
    return jsonify(results=search.search(caller.user if caller else None, query, limit=limit))
