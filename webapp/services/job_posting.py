"""What search engines read of an open job: a schema.org `JobPosting` record, a short plain-text
description and the page's canonical address. Nothing here is guessed: a field the job does not
state (a salary without a currency, say) is left out rather than made up."""

from __future__ import annotations

import json
import re

from webapp import storage
from webapp.models import Job
from webapp.urls import site_url

DESCRIPTION_CHARS = 155
EMPLOYMENT_TYPES = {"full-time": "FULL_TIME", "part-time": "PART_TIME", "contract": "CONTRACTOR",
                    "internship": "INTERN", "temporary": "TEMPORARY"}

# Currency marks a salary may carry. A bare "$" is read as US dollars (the convention of job
# boards); the other dollars must say whose they are.
_SYMBOLS = {"us$": "USD", "ca$": "CAD", "c$": "CAD", "au$": "AUD", "a$": "AUD", "nz$": "NZD",
            "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR"}
_CODES = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
          "JPY", "CNY", "INR", "SGD", "HKD", "ZAR", "BRL", "MXN", "ILS", "AED", "RON", "BGN", "TRY")
_CURRENCY = re.compile(r"us\$|ca\$|c\$|au\$|a\$|nz\$|\$|€|£|₹|\b(?:" + "|".join(_CODES) + r")\b",
                       re.IGNORECASE)
_UNITS = {
    "HOUR": r"per hour|\ban hour|/\s*hour|/\s*hr|/\s*h\b|hourly",
    "DAY": r"per day|\ba day|/\s*day|daily",
    "WEEK": r"per week|\ba week|/\s*week|/\s*wk|weekly",
    "MONTH": r"per month|\ba month|/\s*month|/\s*mo\b|monthly",
    "YEAR": r"per year|\ba year|/\s*year|/\s*yr|/\s*y\b|per annum|p\.\s?a\.?|\bpa\b|annually|annual|yearly",
}
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s*([km])?(?![\w.,])", re.IGNORECASE)
_LEFTOVER = re.compile(r"(?:\s|-|–|—|\bto\b)*", re.IGNORECASE)
_MULTIPLIERS = {None: 1, "k": 1_000, "m": 1_000_000}


def base_salary(text: str | None) -> dict | None:
    """The stated salary as a schema.org MonetaryAmount, or None unless the whole text reads as
    one currency and one amount or range ("$120,000 - $150,000", "90-110k EUR", "£25/hour").
    The period (unitText) is given only when the text states one."""
    if not text:
        return None
    rest = text.strip()
    unit = None
    for name, pattern in _UNITS.items():
        rest, found = re.subn(pattern, " ", rest, flags=re.IGNORECASE)
        if found:
            if unit is not None:
                return None
            unit = name
    currencies = {_currency(mark) for mark in _CURRENCY.findall(rest)}
    if len(currencies) != 1:
        return None
    rest = _CURRENCY.sub(" ", rest)
    amounts = [(whole, fraction, (suffix or "").lower() or None)
               for whole, fraction, suffix in _AMOUNT.findall(rest)]
    if not 1 <= len(amounts) <= 2 or not _LEFTOVER.fullmatch(_AMOUNT.sub(" ", rest)):
        return None
    suffixes = [suffix for _, _, suffix in amounts]
    if len(amounts) == 2 and suffixes[0] is None and suffixes[1] is not None:
        suffixes[0] = suffixes[1]  # "90-110k" is 90k to 110k
    values = [_number(whole, fraction, suffix) for (whole, fraction, _), suffix in zip(amounts, suffixes,
                                                                                         strict=True)]
    if any(value <= 0 for value in values) or (len(values) == 2 and values[0] > values[1]):
        return None
    quantity: dict = {"@type": "QuantitativeValue"}
    if len(values) == 2:
        quantity.update(minValue=values[0], maxValue=values[1])
    else:
        quantity["value"] = values[0]
    if unit:
        quantity["unitText"] = unit
    return {"@type": "MonetaryAmount", "currency": currencies.pop(), "value": quantity}


def _currency(mark: str) -> str:
    return _SYMBOLS.get(mark.lower()) or mark.upper()


def _number(whole: str, fraction: str, suffix: str | None) -> int | float:
    value = float(whole.replace(",", "") + (fraction or "")) * _MULTIPLIERS[suffix]
    return int(value) if value.is_integer() else round(value, 2)


def summary(text: str | None, limit: int = DESCRIPTION_CHARS) -> str:
    """The text on one line, cut at a word before `limit` characters (with an ellipsis)."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


def canonical_url(job: Job) -> str:
    return site_url("careers.job", job_id=job.id)


def posting(job: Job) -> dict:
    """The job as a schema.org JobPosting (what job search engines index)."""
    organization = job.organization
    hiring = {"@type": "Organization", "name": organization.name,
              "sameAs": organization.url or site_url("careers.organization",
                                                     organization_id=organization.id)}
    if organization.avatar:
        hiring["logo"] = storage.url(organization.avatar)
    data: dict = {
        "@context": "https://schema.org", "@type": "JobPosting",
        "title": job.title, "description": job.job_desc,
        "datePosted": job.created_at.date().isoformat(),
        "url": canonical_url(job),
        "identifier": {"@type": "PropertyValue", "name": organization.name, "value": str(job.id)},
        "hiringOrganization": hiring,
    }
    if job.job_type in EMPLOYMENT_TYPES:
        data["employmentType"] = EMPLOYMENT_TYPES[job.job_type]
    if job.workplace_type == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
    elif job.location:
        data["jobLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress",
                                                             "addressLocality": job.location}}
    if job.skills:
        data["skills"] = ", ".join(skill.name for skill in job.skills)
    if salary := base_salary(job.estimated_salary):
        data["baseSalary"] = salary
    return data


def script_json(data: dict) -> str:
    """JSON to put inside a <script> element: "<", ">" and "&" are written as \\u escapes, so
    no text of the job ("</script>", "<!--") can end the element or change how it is read."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))
