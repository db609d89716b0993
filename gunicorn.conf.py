"""gunicorn settings: gevent workers, so that an open live-event stream costs a greenlet (a few
kilobytes), not one of a handful of request threads.

gevent patches the standard library (sockets, select, threads, time) when the worker starts,
before the app is imported, which makes everything the app touches cooperative: psycopg 3 waits
through the patched `select` when it sees the patch, redis-py, smtplib and httpx (Supabase,
OpenAI) use the patched sockets. Nothing here may import the app or those libraries: this file
is read by the master process before any patching.
"""

import os
import threading
import time

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
worker_class = "gevent"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_connections = int(os.environ.get("WEB_CONNECTIONS", "2000"))  # open connections per process
timeout = 60
# Streams end at once on a stop (see post_worker_init); this only bounds a stuck request.
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_SECONDS", "8"))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None


def post_worker_init(worker):  # noqa: ANN001, ANN201
    """When the worker is asked to stop, end its open event streams right away (each tells its
    browser to reconnect, which reaches a process that is not stopping) instead of letting
    them hold the stop until the graceful timeout."""
    from webapp.events import close_streams

    def close_on_stop() -> None:
        while worker.alive:
            time.sleep(0.2)
        close_streams(worker.wsgi)

    threading.Thread(target=close_on_stop, name="etb-stop-streams", daemon=True).start()
