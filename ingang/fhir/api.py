"""The FHIR R4 facade (/fhir/R4/): read and search by patient, JSON only.

The same authentication, rate limit, gate and access events as the JSON API
(channel `api`); resources are built by ingang.fhir.resources from what the
gate returned. A read the gate refuses answers exactly like a missing
resource: 404 with an OperationOutcome. A search for a patient the caller may
not see is an empty Bundle, like a search for no one.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from fhir.resources.R4B.resource import Resource
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ingang.access.selectors import PersonNotFound
from ingang.api.auth import AUTH, CallerRateThrottle, reader
from ingang.api.errors import MESSAGES, ApiError, bilingual
from ingang.api.models import Scope
from ingang.fhir import reads, resources
from ingang.fhir.capability import capability_statement
from ingang.fhir.ids import patient_of

FHIR_JSON = "application/fhir+json"

fhir = NinjaAPI(
    title="Ingång FHIR R4",
    version="R4",
    urls_namespace="fhir:r4",
    auth=AUTH,
    throttle=[CallerRateThrottle()],
    openapi_url=None,
    docs_url=None,
)


def respond(resource: Resource, status: int = 200) -> HttpResponse:
    body = resource.model_dump_json(by_alias=True, exclude_none=True)
    return HttpResponse(body, status=status, content_type=f"{FHIR_JSON}; charset=utf-8")


_ISSUE = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    422: "invalid",
    429: "throttled",
}
_CODES = {401: "not_authenticated", 403: "forbidden_scope", 404: "not_found", 429: "throttled"}


def outcome(request: HttpRequest, status: int, code: str | None = None) -> HttpResponse:
    message = bilingual(MESSAGES[code or _CODES.get(status, "invalid")])
    return respond(
        resources.operation_outcome(
            _ISSUE.get(status, "processing"), message["message_sv"], message["message_en"]
        ),
        status,
    )


def _api_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return outcome(request, exc.status, exc.code)


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return outcome(request, 404)


def _invalid(request: HttpRequest, exc: Any) -> HttpResponse:
    return outcome(request, 400, "invalid")


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return outcome(request, exc.status_code)


fhir.add_exception_handler(ApiError, _api_error)
fhir.add_exception_handler(Http404, _not_found)
# ensure_may_act and friends: not related, which the caller sees as not found.
fhir.add_exception_handler(PermissionDenied, _not_found)
fhir.add_exception_handler(NinjaValidationError, _invalid)
fhir.add_exception_handler(HttpError, _http_error)


def _search(
    request: HttpRequest,
    patient: str | None,
    build: Callable[[Any, UUID], list[Resource]],
    scope: Scope = Scope.READ,
) -> HttpResponse:
    user = reader(request, scope)
    if not patient:
        raise ApiError(400, "invalid")
    found: list[Resource] = []
    try:
        found = build(user, patient_of(patient))
    except (PersonNotFound, ApiError):
        found = []  # a patient the caller may not see is searched like no one
    total = request.GET.get("_total") in ("accurate", "estimate")
    return respond(resources.bundle(found, request.build_absolute_uri(), total))


@fhir.get("/metadata")
def metadata(request: HttpRequest) -> HttpResponse:
    reader(request)
    return respond(capability_statement(request.build_absolute_uri("/fhir/R4")))


@fhir.get("/Patient")
def patient_search(
    request: HttpRequest,
    identifier: str | None = None,
    id_: str | None = Query(None, alias="_id"),  # type: ignore[type-arg]
) -> HttpResponse:
    """By identifier (`urn:oid:1.2.752.129.2.1.3.1|YYYYMMDDNNNN`) or by `_id`."""
    user = reader(request)
    found: list[Resource] = []
    try:
        if identifier:
            found = [reads.patient_by_identifier(user, identifier)]
        elif id_:
            found = [reads.patient(user, patient_of(id_))]
        else:
            raise ApiError(400, "invalid")
    except (PersonNotFound, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status != 404:
            raise
        found = []
    total = request.GET.get("_total") in ("accurate", "estimate")
    return respond(resources.bundle(found, request.build_absolute_uri(), total))


@fhir.get("/Patient/{resource_id}")
def patient_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    return respond(reads.patient(reader(request), patient_of(resource_id)))


def _kind(
    name: str,
    search: Callable[..., list[Resource]],
    read: Callable[..., Resource],
    scope: Scope = Scope.READ,
) -> None:
    def do_search(request: HttpRequest, patient: str | None = None) -> HttpResponse:
        return _search(request, patient, search, scope)

    def do_read(request: HttpRequest, resource_id: str) -> HttpResponse:
        return respond(read(reader(request, scope), resource_id))

    do_search.__name__ = f"{name.lower()}_search"
    do_read.__name__ = f"{name.lower()}_read"
    fhir.get(f"/{name}", summary=f"Search {name} by patient")(do_search)
    fhir.get(f"/{name}/{{resource_id}}", summary=f"Read {name}")(do_read)


_kind("Consent", reads.consents, reads.consent)
_kind("CarePlan", reads.care_plans, reads.care_plan)
_kind("Goal", reads.goals, reads.goal)
_kind("CareTeam", reads.care_teams, reads.care_team)
_kind("QuestionnaireResponse", reads.questionnaire_responses, reads.questionnaire_response)
_kind("Appointment", reads.appointments, reads.appointment)
_kind("Task", reads.tasks, reads.task)
_kind("DetectedIssue", reads.detected_issues, reads.detected_issue)
_kind("AuditEvent", reads.audit_events, reads.audit_event, Scope.AUDIT)


@fhir.get("/Questionnaire")
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    """The shared assessment instrument, every version."""
    reader(request)
    total = request.GET.get("_total") in ("accurate", "estimate")
    return respond(resources.bundle(reads.questionnaires(), request.build_absolute_uri(), total))


@fhir.get("/Questionnaire/{resource_id}")
def questionnaire_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    reader(request)
    return respond(reads.questionnaire(resource_id))
