"""Helpers of the candidate page tests: a real text resume as a PDF, a signed-in candidate."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.helpers import make_user
from tests.views.helpers import login_page
from webapp.models import User

RESUME_LINES = [
    "Jane Doe",
    "jane.doe@example.com | +1 555 0100 | Berlin, Germany",
    "",
    "Summary",
    "Backend developer who builds reliable web services.",
    "",
    "Experience",
    "Senior Developer, Acme GmbH",
    "2019-01 - Present",
    "Built Python services and PostgreSQL data pipelines.",
    "",
    "Education",
    "Technical University of Berlin",
    "BSc Computer Science, 2014 - 2018",
    "",
    "Skills",
    "Skills: Python, Django, PostgreSQL",
]


def resume_pdf(lines: list[str] | None = None) -> bytes:
    """A one-page PDF with real text (reportlab)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    y = 740
    for line in lines or RESUME_LINES:
        heading = line in ("Summary", "Experience", "Education", "Skills")
        pdf.setFont("Helvetica-Bold" if heading else "Helvetica", 11)
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def candidate(client: FlaskClient, email: str = "cara@example.com", **fields) -> User:
    """A verified candidate (no profile yet), signed in on `client`."""
    user = make_user(email, is_candidate=True, first_name="Cara", last_name="Diaz", **fields)
    login_page(client, email)
    return user
