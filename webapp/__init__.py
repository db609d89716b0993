"""ETB: an open recruiting system."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp.config import INSTANCE_DIR, PROJECT_ROOT, Config, instance_secret_key


def create_app(config: type | Mapping | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(INSTANCE_DIR), instance_relative_config=True)
    app.config.from_object(Config)
    if isinstance(config, Mapping):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    configure(app)

    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def configure(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key()
    if not app.config.get("JWT_SECRET_KEY"):
        app.config["JWT_SECRET_KEY"] = app.config["SECRET_KEY"]
    if hops := app.config.get("PROXY_HOPS"):
        # Behind a load balancer: take the client's address and scheme from its headers, so
        # per-address rate limits and recorded sign-in addresses mean the real client.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def register_extensions(app: Flask) -> None:
    from webapp import events, mail, queue, storage
    from webapp.extensions import compress, csrf, db, jwt, limiter, login_manager, migrate

    # First registered, so its after_request runs last, on the finished response.
    compress.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    jwt.init_app(app)
    limiter.init_app(app)
    storage.init_app(app)
    mail.init_app(app)
    events.init_app(app)
    queue.init_app(app)

    import webapp.models  # noqa: F401  (registers every model with the metadata)
    from webapp.security import register_auth_loaders

    register_auth_loaders(app)


def register_blueprints(app: Flask) -> None:
    from webapp.api import bp as api_bp
    from webapp.extensions import csrf
    from webapp.views import (
        account,
        auth,
        candidate,
        candidates,
        careers,
        dashboard,
        emails,
        events,
        files,
        invites,
        jobs,
        main,
        my_applications,
        onboarding,
        organizations,
        pages,
        pipeline,
        skills,
        stages,
        team,
    )

    csrf.exempt(api_bp)  # the API enforces CSRF itself, only for cookie/session callers
    app.register_blueprint(api_bp)
    for module in (main, files, invites, events, auth, skills, careers, dashboard, organizations, jobs,
                   onboarding, candidate, my_applications, account, candidates, pipeline,
                   stages, team, emails):
        app.register_blueprint(module.bp)
    pages.register(app)


def register_error_handlers(app: Flask) -> None:
    from webapp.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from webapp.cli import register

    register(app)
