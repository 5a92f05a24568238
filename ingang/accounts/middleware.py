"""Idle and absolute session timeouts, and no caching of a signed-in session's pages.

The idle clock is refreshed at most once a minute so that ordinary page
views do not rewrite the session row on every request.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LOGIN_AT = "ingang_login_at"
SEEN_AT = "ingang_seen_at"
_REFRESH_EVERY = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = request.user.is_authenticated
        if signed_in:
            now = int(time.time())
            login_at = request.session.get(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            if (
                now - seen_at > settings.SESSION_IDLE_TIMEOUT
                or now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("You were signed out because the session timed out."))
                return redirect(settings.LOGIN_URL)
            if LOGIN_AT not in request.session:
                request.session[LOGIN_AT] = now
            if now - seen_at >= _REFRESH_EVERY or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        response = self.get_response(request)
        if signed_in:
            # A signed-in session's pages hold personal data: no browser or proxy keeps them
            # (nor shows them from its history after sign-out on a shared computer).
            response.headers.setdefault("Cache-Control", "no-store")
        return response
