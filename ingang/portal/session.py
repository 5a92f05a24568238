"""The person's own session on My pages, kept apart from staff sessions.

Staff sign in with the ordinary Django session (cookie `ingang_session`). A
person signing in to My pages gets a second, independent session store with
its own cookie, sent only to the portal's path. A staff session never counts
on My pages and a portal session never reaches staff pages: signing in as a
person on a shared computer cannot make anyone staff, or the other way round.
"""

import time
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix

PORTAL_PATH = "mina-sidor/"


def portal_cookie_path() -> str:
    return get_script_prefix() + PORTAL_PATH


class PortalSessionMiddleware:
    """Attach `request.portal_session` on portal URLs and save it like SessionMiddleware does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.store_class = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/" + PORTAL_PATH):
            return self.get_response(request)
        name = settings.PORTAL_SESSION_COOKIE_NAME
        store: SessionBase = self.store_class(request.COOKIES.get(name))
        request.portal_session = store  # type: ignore[attr-defined]
        response = self.get_response(request)
        if name in request.COOKIES and store.is_empty():
            response.delete_cookie(name, path=portal_cookie_path(), samesite="Lax")
        elif store.modified and not store.is_empty():
            store.set_expiry(settings.PORTAL_SESSION_ABSOLUTE_TIMEOUT)
            store.save()
            response.set_cookie(
                name,
                store.session_key or "",
                max_age=settings.PORTAL_SESSION_ABSOLUTE_TIMEOUT,
                path=portal_cookie_path(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def now() -> int:
    return int(time.time())
