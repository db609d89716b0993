"""Resumes not in English: their headings and month names are read, and the parse says which
language it found and what it could not read. A resume cut at the page limit says so."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from webapp.ai.extract import MAX_PAGES
from webapp.ai.resume import parse_resume, structure

RESUMES = {
    "de": ("Jonas Keller\njonas.keller@example.de | +49 30 12345678 | Berlin, Deutschland\n"
           "Berufserfahrung\nSoftwareentwickler | Nordlicht Software GmbH | Jan. 2019 – heute\n"
           "• Verantwortlich für die Entwicklung der Zahlungsdienste mit Python und der Datenbank.\n"
           "Werkstudent | Brückenwerk AG | März 2016 – Dez. 2018\n• Tests und Pflege von den Systemen.\n"
           "Ausbildung\nMaster of Science Informatik\nTechnische Universität Berlin\n2014 – 2016\n"
           "Kenntnisse\nPython, SQL, Docker"),
    "fr": ("Camille Durand\ncamille.durand@example.fr | +33 1 23 45 67 89 | Lyon, France\n"
           "Expérience professionnelle\nChef de projet | Atelier Boréal | janv. 2020 – aujourd'hui\n"
           "• Responsable de la gestion des projets et du suivi des clients pour les équipes.\n"
           "Analyste | Groupe Saint-Clair | sept. 2016 – déc. 2019\n• Analyse des données et des ventes.\n"
           "Formation\nMaster en gestion\nUniversité Lumière Lyon 2\n2014 – 2016\n"
           "Compétences\nExcel, SQL, Gestion de projet"),
    "es": ("Lucía Romero\nlucia.romero@example.es | +34 612 345 678 | Madrid, España\n"
           "Experiencia profesional\nContadora | Grupo Almendra | febrero de 2018 – actualidad\n"
           "• Responsable de la contabilidad y de los informes para la dirección con el equipo.\n"
           "Auxiliar contable | Talleres Ribera | ene. 2015 – dic. 2017\n• Gestión de las facturas.\n"
           "Educación\nLicenciatura en Contabilidad\nUniversidad Complutense de Madrid\n2010 – 2014\n"
           "Habilidades\nExcel, SAP, Contabilidad"),
    "pt": ("Rafael Souza\nrafael.souza@example.com.br | +55 11 91234 5678 | São Paulo, Brasil\n"
           "Experiência profissional\nEngenheiro de dados | Vértice Digital | mar. 2021 – atual\n"
           "• Responsável pela gestão dos pipelines de dados e do desenvolvimento com a equipe.\n"
           "Analista de sistemas | Casa Aurora | jul. 2017 – fev. 2021\n• Suporte aos sistemas da empresa.\n"
           "Formação\nBacharelado em Ciência da Computação\nUniversidade de São Paulo\n2013 – 2017\n"
           "Habilidades\nPython, Spark, SQL"),
    "it": ("Giulia Bianchi\ngiulia.bianchi@example.it | +39 06 1234 5678 | Roma, Italia\n"
           "Esperienza professionale\nInfermiera | Ospedale San Lorenzo | giugno 2019 – oggi\n"
           "• Responsabile della gestione dei pazienti e dello sviluppo dei protocolli con il team.\n"
           "Assistente | Clinica Aurora | sett. 2016 – mag. 2019\n• Supporto al reparto.\n"
           "Istruzione\nLaurea in Infermieristica\nUniversità di Bologna\n2013 – 2016\n"
           "Competenze\nPrimo soccorso, Excel"),
}
FIRST_JOB = {"de": ("2019-01", True), "fr": ("2020-01", True), "es": ("2018-02", True),
             "pt": ("2021-03", True), "it": ("2019-06", True)}

SECOND_COMPANY = {"de": "Brückenwerk AG", "fr": "Groupe Saint-Clair", "es": "Talleres Ribera",
                  "pt": "Casa Aurora", "it": "Clinica Aurora"}


@pytest.mark.parametrize("code", list(RESUMES))
def test_jobs_schools_and_language_are_read(code):
    parsed = structure(RESUMES[code], {})
    data = parsed.data
    assert parsed.language == code
    assert len(data.experience) == 2, data.experience
    first = data.experience[0]
    assert (first.start, first.current) == FIRST_JOB[code]
    second = data.experience[1]
    assert (second.company, len(second.start or ""), len(second.end or "")) == (SECOND_COMPANY[code], 7, 7)
    assert first.title and first.company and first.company in RESUMES[code].splitlines()[3]
    [school] = data.education
    assert school.degree and school.institution
    assert data.phone and data.email and data.name
    assert any(code_name in notice for notice in parsed.notices
               for code_name in ("German", "French", "Spanish", "Portuguese", "Italian"))


def test_an_english_resume_has_no_language_notice():
    text = ("Dana Whitfield\ndana@example.com\nExperience\nData Analyst | Northwind | 2018 - 2020\n"
            "• Built the weekly reports for the sales and finance teams with the managers.\n"
            "Education\nBachelor of Science in Statistics\nRiverside University\nSkills\nSQL")
    parsed = structure(text, {})
    assert (parsed.language, parsed.notices) == ("en", [])
    assert parsed.unread_fields == ["phone", "location"]


def test_a_resume_with_nothing_readable_says_what_is_missing():
    text = "Lorem ipsum dolor sit amet " * 20
    parsed = structure(text, {})
    assert {"email", "experience", "education", "skills"} <= set(parsed.unread_fields)
    assert parsed.notices and "not recognised" in parsed.notices[0]


def _long_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        if page == 0:
            pdf.drawString(72, 760, "Dana Whitfield")
            pdf.drawString(72, 740, "dana@example.com")
        pdf.drawString(72, 700, f"Page {page + 1}: Managed the weekly reports for the sales team.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_resume_cut_at_the_page_limit_says_so():
    parsed = parse_resume(_long_pdf(MAX_PAGES + 3), "pdf")
    assert parsed.notices == [f"Only the first {MAX_PAGES} of {MAX_PAGES + 3} pages were read; "
                              "move what matters most to them."]
    assert f"Page {MAX_PAGES}:" in parsed.text and f"Page {MAX_PAGES + 1}:" not in parsed.text
    assert parse_resume(_long_pdf(2), "pdf").notices == []
