from webapp.extensions import db
from webapp.models import Skill
from webapp.services.skills import skills_named


def test_skills_are_shared_case_insensitively(app):
    first = skills_named(["Python", "Django", " python ", "PYTHON", ""])
    assert [s.name for s in first] == ["Python", "Django"]
    db.session.commit()
    again = skills_named(["python", "Machine   Learning"])
    assert again[0].id == first[0].id
    assert again[1].name == "Machine Learning"
    db.session.commit()
    assert db.session.query(Skill).count() == 3
