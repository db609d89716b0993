"""A resume's text split into its sections ("Experience", "Skills", …) by their headings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Heading words → section. Headings are matched whole, after dropping punctuation, so a
# sentence that merely starts with "Experience" is not a heading.
HEADINGS = {
    "summary": ["summary", "professional summary", "career summary", "profile", "professional profile",
                "objective", "career objective", "about", "about me", "overview", "executive summary",
                "personal statement", "introduction", "career overview", "executive profile"],
    "experience": ["experience", "work experience", "professional experience", "employment",
                   "employment history", "work history", "career history", "relevant experience",
                   "professional background", "experience history", "career experience",
                   "professional history", "employment experience", "military experience"],
    "education": ["education", "education and training", "education training", "academic background",
                  "academics", "qualifications and education", "education and certifications",
                  "academic history", "educational background", "training", "degrees"],
    "skills": ["skills", "technical skills", "core competencies", "competencies", "key skills",
               "skills and abilities", "areas of expertise", "expertise", "highlights",
               "skill highlights", "qualifications", "core qualifications", "summary of skills",
               "skills summary", "technologies", "tools", "technical proficiencies",
               "professional skills", "strengths", "abilities", "skill set", "proficiencies",
               "computer skills", "tools and technologies", "languages and technologies",
               "key qualifications", "relevant skills", "software", "programming languages"],
    "certifications": ["certifications", "certificates", "licenses", "licenses and certifications",
                       "certifications and licenses", "certification", "licensure", "credentials",
                       "professional certifications"],
    "languages": ["languages", "language skills", "spoken languages"],
    "contact": ["contact", "contact information", "contact details", "personal information",
                "personal details", "details", "info"],
    "other": ["projects", "personal projects", "awards", "honors", "honors and awards",
              "accomplishments", "achievements", "interests", "hobbies", "references",
              "volunteer", "volunteer experience", "volunteering", "publications", "activities",
              "affiliations", "professional affiliations", "memberships", "coursework",
              "relevant coursework", "additional information", "links", "leadership",
              "extracurricular activities", "presentations", "community involvement"],
}
# The same sections in German, French, Spanish, Portuguese and Italian (accents are dropped
# before matching, so "Expérience" is "experience").
FOREIGN_HEADINGS = {
    "summary": ["profil", "kurzprofil", "zusammenfassung", "uber mich", "ueber mich",
                "profil professionnel", "a propos", "a propos de moi", "perfil", "resumen",
                "perfil profesional", "sobre mi", "resumo", "perfil profissional", "sobre mim",
                "profilo", "profilo professionale", "sommario", "chi sono", "objectif",
                "objetivo", "obiettivo"],
    "experience": ["berufserfahrung", "berufliche erfahrung", "beruflicher werdegang",
                   "werdegang", "praxiserfahrung", "arbeitserfahrung", "berufspraxis",
                   "experience professionnelle", "experiences professionnelles", "experiences",
                   "parcours professionnel", "experiencia", "experiencia laboral",
                   "experiencia profesional", "historial laboral", "experiencia profissional",
                   "historico profissional", "esperienza", "esperienze", "esperienza lavorativa",
                   "esperienze lavorative", "esperienza professionale", "esperienze professionali"],
    "education": ["ausbildung", "bildung", "bildungsweg", "studium", "schulbildung",
                  "akademischer werdegang", "formation", "formations", "etudes", "diplomes",
                  "parcours academique", "educacion", "formacion", "formacion academica",
                  "estudios", "educacao", "formacao", "formacao academica", "escolaridade",
                  "istruzione", "formazione", "istruzione e formazione", "titoli di studio"],
    "skills": ["kenntnisse", "fahigkeiten", "faehigkeiten", "kompetenzen", "fachkenntnisse",
               "edv kenntnisse", "it kenntnisse", "competences", "competences techniques",
               "habilidades", "competencias", "conocimientos", "aptitudes", "conhecimentos",
               "competenze", "competenze tecniche", "conoscenze", "capacita"],
    "languages": ["sprachen", "sprachkenntnisse", "langues", "idiomas", "lenguas", "linguas",
                  "lingue", "conoscenze linguistiche", "competenze linguistiche"],
    "certifications": ["zertifikate", "zertifizierungen", "certificats", "certificaciones",
                       "certificados", "certificacoes", "certificazioni"],
    "contact": ["kontakt", "kontaktdaten", "personliche daten", "persoenliche daten",
                "coordonnees", "informations personnelles", "contacto", "datos personales",
                "contato", "dados pessoais", "contatti", "dati personali",
                "informazioni personali"],
    "other": ["projekte", "projets", "proyectos", "projetos", "progetti", "interessen",
              "hobbys", "centres d interet", "loisirs", "intereses", "interesses", "interessi",
              "referenzen", "referencias", "referenze", "ehrenamt", "benevolat", "voluntariado",
              "volontariato"],
}
_BY_WORDS = {phrase: section for headings in (HEADINGS, FOREIGN_HEADINGS)
             for section, phrases in headings.items() for phrase in phrases}
# Label lines that stay inside a job ("Technologies: Python, SQL") rather than opening a
# section; their content is still read as skills.
INLINE_SKILL_LABELS = ("skills", "languages", "certifications")


def fold(text: str) -> str:
    """Lower case without accents: "Expérience" → "experience", "Fähigkeiten" → "fahigkeiten"."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(char for char in text if not unicodedata.combining(char))


def heading_of(text: str) -> str | None:
    """The section a heading line starts, or None for any other line."""
    if len(text) > 80:  # five words at most
        return None
    words = re.sub(r"[^a-z ]", " ", fold(text).replace("&", " and ")).split()
    if not words or len(words) > 5 or text.rstrip().endswith((".", ",")):
        return None
    return _BY_WORDS.get(" ".join(words))


@dataclass
class Section:
    kind: str  # a key of HEADINGS, or "top" for what comes before the first heading
    lines: list[str] = field(default_factory=list)


def split_sections(text: str) -> list[Section]:
    """Sections in order. A heading may share its line with content, as in a table
    ("SKILLS<tab>Python, SQL") or "Skills: Python, SQL"."""
    sections = [Section("top")]
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        first, _, rest = line.partition("\t")
        if ":" in first and not rest:
            label, _, after = first.partition(":")
            if heading_of(label) in INLINE_SKILL_LABELS and after.strip():
                if sections[-1].kind == "experience":  # a job's "Technologies: …"
                    sections[-1].lines.append(line)
                    continue
                first, rest = label, after.strip()
        kind = heading_of(first.rstrip(":"))
        if kind is None and not rest:
            first, rest = _capital_heading(first)
            kind = heading_of(first) if rest else None
        if kind is None:
            sections[-1].lines.append(line)
            continue
        sections.append(Section(kind))
        if rest.strip():
            sections[-1].lines.append(rest.strip())
    return sections


def _capital_heading(line: str) -> tuple[str, str]:
    """("TECHNICAL SKILLS", "Python, SQL") from "TECHNICAL SKILLS Python, SQL": a heading in
    capitals that shares its line with the content beside it."""
    words = line.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        if head.isupper() and heading_of(head):
            return head, " ".join(words[size:])
    return line, ""
