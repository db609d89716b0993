"""What a resume says, as both parsing engines report it (stored as `resume_data`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# Dates are "YYYY-MM" (or "YYYY" when only the year is known).


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Links(_Part):
    linkedin: str | None = None
    github: str | None = None
    website: str | None = None


class Experience(_Part):
    company: str | None = None
    title: str | None = None
    location: str | None = None
    start: str | None = None
    end: str | None = None
    current: bool | None = None  # None: the resume does not say
    description: str | None = None


class Education(_Part):
    institution: str | None = None
    degree: str | None = None
    field: str | None = None
    start: str | None = None
    end: str | None = None


class ResumeData(_Part):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    headline: str | None = None  # the role the resume presents, under the name
    links: Links = Field(default_factory=Links)
    summary: str | None = None
    skills: list[str] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    total_years_experience: float | None = None
