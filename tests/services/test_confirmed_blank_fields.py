"""A field the candidate emptied when confirming stays empty (confirmed data wins over parsed)."""

from __future__ import annotations

from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from webapp.extensions import db
from webapp.services import candidates
from webapp.services.profile_data import effective_data


def test_a_phone_removed_at_confirmation_is_not_shown_from_the_resume(app) -> None:  # noqa: ANN001
    user = make_user("cara@example.com", is_candidate=True)
    profile = make_profile(user, resume_data={"name": "Cara", "phone": "+1 555 0100"},
                           parsing_status="parsed")
    candidates.verify(user, profile.slug, {"name": "Cara", "phone": ""})
    db.session.commit()
    assert not effective_data(profile).get("phone")
    assert effective_data(profile)["name"] == "Cara"
