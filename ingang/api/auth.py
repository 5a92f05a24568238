"""Who is calling: a verified staff session, or an agency system's token.

Both end up as a `Caller` whose `user` is the reader the gate decides for.
A session may use every operation its role allows (the gate decides the
rest); a token only those its scopes name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from ingang.accounts.models import User
from ingang.api.errors import ApiError, error_body
from ingang.api.models import ApiToken, Scope
from ingang.api.services import api_token_check
from ingang.core.permissions import Need, staff_is_verified


@dataclass(frozen=True)
class Caller:
    user: User
    token: ApiToken | None = None

    @property
    def scopes(self) -> frozenset[str]:
        if self.token is None:
            return frozenset(Scope.values)
        return frozenset(self.token.scopes)

    def __str__(self) -> str:
        # The throttle's key: one bucket per token, or per staff member.
        return f"token:{self.token.prefix}" if self.token else f"user:{self.user.pk}"


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = api_token_check(token)
        if found is None:
            return None
        return Caller(user=found.client.acts_as, token=found)


class StaffSessionAuth(APIKeyCookie):
    """The staff session of the pages: signed in with a verified second factor.

    CSRF is checked for unsafe methods, but only once a session is present, so
    a request with neither session nor token gets 401 rather than 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if key is None or not staff_is_verified(request):
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise ApiError(403, "csrf_failed")
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        if key is None or not staff_is_verified(request):
            return None
        user: User = request.user  # type: ignore[assignment]
        return Caller(user=user)


AUTH = [TokenAuth(), StaffSessionAuth()]


def caller_of(request: HttpRequest) -> Caller:
    caller = getattr(request, "auth", None)
    if not isinstance(caller, Caller):
        raise ApiError(401, "not_authenticated")
    return caller


def reader(request: HttpRequest, scope: Scope = Scope.READ) -> User:
    """The reader the gate decides for, once the token's scopes allow the operation."""
    caller = caller_of(request)
    if scope not in caller.scopes:
        raise ApiError(403, "forbidden_scope")
    return caller.user


class CallerRateThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT per token or staff member (per address before authentication).

    The rate is read from settings on every request so tests can change it.
    """

    scope = "api"

    def __init__(self) -> None:
        super().__init__(rate=settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        caller = getattr(request, "auth", None)
        ident = str(caller) if caller is not None else f"addr:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document and docs page: for signed-in staff or a valid token."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
        if not staff_is_verified(request) and api_token_check(bearer) is None:
            return JsonResponse(error_body("not_authenticated"), status=401)
        return view(request, *args, **kwargs)

    wrapper.access_rule = Need.API  # type: ignore[attr-defined]
    return wrapper


def declare_api_rule(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    """Mark every view under `patterns` with Need.API for the URL inventory.

    The operations authenticate themselves (AUTH above); the mark says so.
    """
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            declare_api_rule(pattern.url_patterns)
        else:
            pattern.callback.access_rule = Need.API  # type: ignore[attr-defined]
    return patterns
