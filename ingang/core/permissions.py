"""Who may open a view, declared on the view itself.

Every URL's view carries an `access_rule` (checked by an inventory test), so
a new page cannot slip in without saying who may use it. Person-data views
declare Need.PERSON_DATA and must read through ingang.access.selectors.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from ingang.accounts.models import User
from ingang.agencies.models import Role

V = TypeVar("V")


class StaffRequest(HttpRequest):
    """A request that passed access_rule: the user is a signed-in, verified staff member."""

    user: User


class Need(StrEnum):
    PUBLIC = "public"  # login, language switch
    STAFF = "staff"  # any signed-in, verified staff member
    PERSON_DATA = "person_data"  # staff whose role reads person data; the gate decides the rest
    AUDITOR = "auditor"  # log review
    ADMINISTRATOR = "administrator"
    ANALYST = "analyst"  # follow-up and reports: aggregates only, never individuals
    # Not staff: the person's own session in the portal (ingang.portal.auth checks it).
    PORTAL = "portal"
    # The JSON API and FHIR facade: staff session or an agency system's token, checked per
    # operation by the API's own authentication (ingang.api.auth); the gate decides the rest.
    API = "api"


def staff_is_verified(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_verified())


def _allowed(need: Need, role: Role) -> bool:
    if need is Need.PERSON_DATA:
        return role.reads_person_data
    if need is Need.AUDITOR:
        return role.reviews_access_log
    if need is Need.ADMINISTRATOR:
        return role.administers
    if need is Need.ANALYST:
        return role.analyses
    return True


def access_rule(need: Need) -> Callable[[V], V]:
    """Declare and enforce who may use a view (function or class-based)."""

    def decorate(view: V) -> V:
        if isinstance(view, type):
            view.access_rule = need  # type: ignore[attr-defined]
            if need is not Need.PUBLIC:
                original = view.dispatch  # type: ignore[attr-defined]

                @wraps(original)
                def dispatch(self: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                    redirect = _check(request, need)
                    if redirect is not None:
                        return redirect
                    return original(self, request, *args, **kwargs)

                view.dispatch = dispatch  # type: ignore[attr-defined]
            return view

        func: Callable[..., HttpResponse] = view  # type: ignore[assignment]

        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if need is not Need.PUBLIC:
                redirect = _check(request, need)
                if redirect is not None:
                    return redirect
            return func(request, *args, **kwargs)

        wrapper.access_rule = need  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _check(request: HttpRequest, need: Need) -> HttpResponse | None:
    if need is Need.PORTAL:
        return _check_portal(request)
    if not staff_is_verified(request):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())
    if not _allowed(need, Role(request.user.role)):  # type: ignore[union-attr]
        raise PermissionDenied
    return None


def _check_portal(request: HttpRequest) -> HttpResponse | None:
    """My pages: the person's own portal session; a staff session does not count."""
    from ingang.portal.auth import portal_identity

    identity = portal_identity(request)
    if identity is None:
        return redirect_to_login(request.get_full_path(), login_url="portal:sign_in")
    request.portal = identity  # type: ignore[attr-defined]
    return None
