"""Flask-WTF forms for the pages. Forms render fields and check their shape; the services
check everything else, and their errors are shown next to the fields (see `show_errors`)."""

from __future__ import annotations

from flask_wtf import FlaskForm

from webapp.errors import ServiceError


def show_errors(form: FlaskForm, error: ServiceError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form's fields (those without a field go on top)."""
    aliases = aliases or {}
    messages = error.errors or {}
    if not messages:
        form.form_errors.append(error.detail)
    for name, problems in messages.items():
        field = getattr(form, aliases.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, *problems]
        else:
            form.form_errors.extend(problems)


def form_status(form: FlaskForm) -> int:
    """400 for a page showing a refused form (errors next to fields or on top), else 200."""
    return 400 if form.errors else 200
