"""The versioned JSON API (/api/v1/): django-ninja, thin over the gate and the services.

Every operation authenticates (staff session or token), is rate limited per
caller, reads through ingang.access (channel `api`) and writes through the
domain services. Refusals by the gate answer 404 exactly like missing data.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ingang.api.auth import AUTH, CallerRateThrottle, docs_access
from ingang.api.errors import ApiError, error_body, validation_fields
from ingang.api.routes import consents, me, people, plans

DESCRIPTION = """
The open interface of Ingång for agencies' own systems.

* **Authentication**: `Authorization: Bearer ing_…` (an agency system's token, created with
  `manage.py api_token_create`), or the staff session of the web pages (with the CSRF token
  for writes).
* **The gate decides** exactly as on the pages: a token acts as one staff member of its
  agency, and reads only people whose case team that staff member is on, only the categories
  consent allows. Every call leaves access events (channel `api`).
* **Not allowed looks like not found**: 404 for both.
* **Errors** are `{"code", "message_sv", "message_en", "fields"}`.
* **Lists** are pages: pass `next_cursor` back as `cursor`; there are no totals.
"""

api = NinjaAPI(
    title="Ingång API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=AUTH,
    throttle=[CallerRateThrottle()],
    docs_decorator=docs_access,
)


def _respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


def _api_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return _respond(request, exc.status, error_body(exc.code, exc.fields))


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return _respond(request, 404, error_body("not_found"))


def _service_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
    return _respond(request, 422, error_body("invalid", validation_fields(exc)))


def _request_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
    fields: dict[str, list[dict[str, str]]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())[1:]] or ["__all__"]
        message = str(error.get("msg", ""))
        fields.setdefault(".".join(location), []).append(
            {"message_sv": message, "message_en": message}
        )
    return _respond(request, 422, error_body("invalid", fields))


_HTTP_CODES = {
    401: "not_authenticated",
    403: "forbidden_scope",
    405: "method_not_allowed",
    429: "throttled",
}


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    code = _HTTP_CODES.get(exc.status_code, "invalid")
    return _respond(request, exc.status_code, error_body(code))


api.add_exception_handler(ApiError, _api_error)
api.add_exception_handler(Http404, _not_found)
# Handlers take `Any`: ninja types them as taking the exception or its class.
# ensure_may_act in the write services: not related, which the caller sees as not found.
api.add_exception_handler(PermissionDenied, _not_found)
api.add_exception_handler(DjangoValidationError, _service_invalid)
api.add_exception_handler(NinjaValidationError, _request_invalid)
api.add_exception_handler(HttpError, _http_error)

api.add_router("", people.router)
api.add_router("", consents.router)
api.add_router("", plans.router)
api.add_router("", me.router)
