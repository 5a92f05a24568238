"""Fail closed when the database is unavailable: a 503 page, never a 500 or partial data.

`server_error` is the project's handler500. Django calls it for any exception
that escapes a view or a middleware, so it also covers the session and
authentication lookups that run before the view. A connection-level database
error (PostgreSQL down or restarting, the network gone, SQLite still locked
after its busy timeout) becomes 503 with Retry-After; everything else keeps the
ordinary 500. Django logs both at ERROR with the traceback.

The page is rendered without the request, so no context processor touches the
database, and the response is built from scratch, so nothing the view had
prepared can leak into it.
"""

import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

# Long enough for PostgreSQL to finish crash recovery or a failover, short
# enough that a person retrying by hand is not kept waiting.
RETRY_AFTER_SECONDS = 10


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether the error (or an error it was raised from) means the database is unreachable."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__
    return False


def drop_broken_connections() -> None:
    """Close this thread's connections so that the next request opens fresh ones.

    After a connection-level error the session is suspect (PostgreSQL may have
    restarted under it). Reconnecting costs milliseconds and happens only on
    this error path. A connection still inside an atomic block belongs to a
    caller that will roll it back itself (the test suite's outer transaction).
    """
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or conn.in_atomic_block:
            continue
        try:
            conn.close()
        except (OperationalError, InterfaceError):
            # Closing an already broken connection may fail; the handle is gone either way.
            conn.connection = None


def unavailable_response() -> HttpResponse:
    body = loader.render_to_string("core/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    if database_unavailable(sys.exc_info()[1]):
        drop_broken_connections()
        return unavailable_response()
    return defaults.server_error(request, template_name)
