"""Absolute URLs for links that leave the app (emails, file links, canonical links)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values: str) -> str:
    """From the request's host, or outside a request (jobs, commands) from SITE_URL."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    return site_url(endpoint, **values)


def site_url(endpoint: str, **values: object) -> str:
    """The address of a page on SITE_URL, whatever host the request came by: what a canonical
    link or a search engine's record of a page names."""
    site = urlsplit(current_app.config["SITE_URL"])
    adapter = current_app.url_map.bind(site.netloc, script_name=site.path or "/",
                                       url_scheme=site.scheme)
    return adapter.build(endpoint, values, force_external=True)
