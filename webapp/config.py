"""Settings, read from the environment (see the table in README.md)."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance")).resolve()


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value is not None else default


def database_url(url: str | None) -> str:
    """Normalise DATABASE_URL so PostgreSQL always goes through psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'etb.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(url: str) -> dict:
    """Connection pool settings. On PostgreSQL the pool holds as many connections as one gevent
    worker keeps busy at once: a connection opened beyond the pool is closed again after its
    request, and opening one costs PostgreSQL a new backend process."""
    options: dict = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        options.update(pool_size=env_int("DB_POOL_SIZE", 20), max_overflow=env_int("DB_MAX_OVERFLOW", 10))
    return options


def instance_secret_key() -> str:
    """A key kept in instance/ so that a local `make run` keeps its sessions across restarts."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    DEBUG = env_bool("FLASK_DEBUG", False)
    TESTING = False
    SECRET_KEY = env("SECRET_KEY")  # create_app falls back to instance_secret_key()
    SITE_URL = env("SITE_URL", "http://127.0.0.1:5000")
    PROXY_HOPS = env_int("PROXY_HOPS", 0)

    SQLALCHEMY_DATABASE_URI = database_url(env("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = engine_options(SQLALCHEMY_DATABASE_URI)
    REDIS_URL = env("REDIS_URL")

    IMAGE_MAX_MB = env_int("IMAGE_MAX_MB", 5)
    RESUME_MAX_MB = env_int("RESUME_MAX_MB", 10)
    NOTE_FILE_MAX_MB = env_int("NOTE_FILE_MAX_MB", 10)
    VIDEO_MAX_MB = env_int("VIDEO_MAX_MB", 100)
    # The whole request: room for the largest file (a video) plus the other fields.
    MAX_CONTENT_LENGTH = env_int("MAX_UPLOAD_MB", VIDEO_MAX_MB + 10) * 1024 * 1024

    COOKIE_SECURE = env_bool("COOKIE_SECURE", not DEBUG)
    SESSION_COOKIE_SECURE = COOKIE_SECURE
    # Strict-Transport-Security max-age, sent when cookies are secure (0: not sent).
    HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    CSRF_COOKIE_NAME = "csrftoken"
    WTF_CSRF_TIME_LIMIT = None  # tokens are bound to the session, which expires on its own

    JWT_SECRET_KEY = env("JWT_SECRET_KEY")  # defaults to SECRET_KEY
    JWT_ALGORITHM = "HS256"
    JWT_DECODE_ALGORITHMS = ["HS256"]
    JWT_TOKEN_LOCATION = ["headers", "cookies"]
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=env_int("ACCESS_TOKEN_MINUTES", 15))
    JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=env_int("REFRESH_TOKEN_DAYS", 7))
    JWT_ACCESS_COOKIE_NAME = "access_token"
    JWT_REFRESH_COOKIE_NAME = "refresh_token"
    JWT_ACCESS_COOKIE_PATH = "/"
    JWT_REFRESH_COOKIE_PATH = "/"
    JWT_COOKIE_SECURE = COOKIE_SECURE
    JWT_COOKIE_SAMESITE = "Lax"
    JWT_COOKIE_CSRF_PROTECT = False  # CSRF is enforced with the csrftoken of /api/auth/csrf/
    JWT_SESSION_COOKIE = False

    RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Redis down: count in this process's memory meanwhile (flask-limiter logs the switch).
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_KEY_PREFIX = env("RATELIMIT_KEY_PREFIX", "etb")
    LOGIN_RATE_LIMIT = env("LOGIN_RATE_LIMIT", "10 per minute")
    AUTH_RATE_LIMIT = env("AUTH_RATE_LIMIT", "30 per minute")
    ANONYMOUS_RATE_LIMIT = env("ANONYMOUS_RATE_LIMIT", "20 per minute")
    CHAT_RATE_LIMIT = env("CHAT_RATE_LIMIT", "30 per minute")  # per user, resume chat and coach

    # Responses compressed (flask-compress) for clients that accept it. Event streams
    # (text/event-stream) are left out, and so is every streamed response: a compressor
    # would hold events back until its buffer fills.
    COMPRESS_MIMETYPES = ["application/json", "text/html", "text/css", "text/javascript",
                          "application/javascript", "text/plain", "image/svg+xml"]
    COMPRESS_STREAMS = False
    COMPRESS_MIN_SIZE = env_int("COMPRESS_MIN_SIZE", 500)  # bytes; smaller bodies go as they are
    COMPRESS_LEVEL = env_int("COMPRESS_LEVEL", 6)  # gzip level
    COMPRESS_BR_LEVEL = env_int("COMPRESS_BR_LEVEL", 4)  # brotli quality

    VERIFICATION_CODE_MINUTES = env_int("VERIFICATION_CODE_MINUTES", 15)
    VERIFICATION_MAX_ATTEMPTS = 5
    VERIFICATION_RESEND_SECONDS = 60
    PASSWORD_RESET_MINUTES = env_int("PASSWORD_RESET_MINUTES", 60)
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024  # KiB

    STORAGE_BACKEND = env("STORAGE_BACKEND") or ("supabase" if env("SUPABASE_URL") else "local")
    UPLOAD_DIR = env("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    SIGNED_URL_SECONDS = env_int("SIGNED_URL_SECONDS", 3600)
    SUPABASE_URL = env("SUPABASE_URL")
    SUPABASE_KEY = env("SUPABASE_KEY")

    MAIL_FROM = env("MAIL_FROM", "ETB <no-reply@etb.local>")
    MAIL_OUTBOX_DIR = env("MAIL_OUTBOX_DIR", str(INSTANCE_DIR / "mail"))
    SMTP_URL = env("SMTP_URL")
    SMTP_TIMEOUT = env_int("SMTP_TIMEOUT", 10)
    FEEDBACK_EMAIL = env("FEEDBACK_EMAIL")

    LOCAL_WORKERS = env_int("LOCAL_WORKERS", 2)
    JOB_GRACE_SECONDS = env_int("JOB_GRACE_SECONDS", 60)
    JOB_RETRY_INTERVALS = [int(n) for n in (env("JOB_RETRY_INTERVALS") or "2,10,30").split(",")]
    WORKER_MAINTENANCE_SECONDS = env_int("WORKER_MAINTENANCE_SECONDS", 30)
    EVENTS_HEARTBEAT_SECONDS = env_int("EVENTS_HEARTBEAT_SECONDS", 15)
    EVENTS_MAX_SECONDS = env_int("EVENTS_MAX_SECONDS", 600)
    EVENTS_MAX_PER_USER = env_int("EVENTS_MAX_PER_USER", 20)  # open streams at once, per user

    OPENAI_API_KEY = env("OPENAI_API_KEY")
    OPENAI_BASE_URL = env("OPENAI_BASE_URL")
    OPENAI_MODEL = env("OPENAI_MODEL", "gpt-4o-mini")
    OPENAI_TIMEOUT = env_int("OPENAI_TIMEOUT", 30)  # seconds per request
    OPENAI_MAX_RETRIES = env_int("OPENAI_MAX_RETRIES", 2)
    PARSE_TIMEOUT = env_int("PARSE_TIMEOUT", 180)  # seconds for a whole parsing job
    RANK_TIMEOUT = env_int("RANK_TIMEOUT", 300)  # seconds for a whole ranking job
    RANKING_KEEP = env_int("RANKING_KEEP", 200)  # ranked candidates stored per job
    RERANK_TOP_K = env_int("RERANK_TOP_K", 50)  # re-ranked by the model when one is configured


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-with-enough-length-for-hs256"
    JWT_SECRET_KEY = SECRET_KEY
    COOKIE_SECURE = False
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    JWT_COOKIE_SECURE = False
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8 * 1024
    SITE_URL = "http://localhost"
    # Tests that break Redis on purpose would leave the limiter counting in memory, across the
    # tests that follow; the outage test switches the fallback on as production has it.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = False
