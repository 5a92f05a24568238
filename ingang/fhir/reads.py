"""The FHIR facade's reads: the gate (through ingang.api.reads, channel `api`), then the builders.

Search functions take (reader, patient uuid) and return the resources; read
functions take (reader, resource id) and raise 404 (ApiError or
PersonNotFound) for anything missing or refused.
"""

from typing import Any
from uuid import UUID

from fhir.resources.R4B.resource import Resource

from ingang.access.selectors import PersonNotFound, case_of, person_number_lookup
from ingang.accounts.models import User
from ingang.api.errors import ApiError, bilingual
from ingang.api.reads import API, access_log_read, record_read
from ingang.assessments.models import InstrumentVersion
from ingang.assessments.selectors import assessment_source
from ingang.cases.selectors import team_of
from ingang.consent.selectors import consents_of
from ingang.fhir import resources
from ingang.fhir.ids import key_uuid, split
from ingang.meetings.selectors import MEETINGS_SOURCE
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.plans.selectors import PLAN_SOURCES, plan_page
from ingang.referrals.selectors import referral_source

# The plan as a CarePlan: the plan, its sub-goals and its activities (clashes are DetectedIssues).
CARE_PLAN_SOURCES = {name: PLAN_SOURCES[name] for name in ("plan", "sub_goals", "activities")}


def _missing() -> ApiError:
    return ApiError(404, "not_found")


def _one(found: list[Resource], resource_id: str) -> Resource:
    for resource in found:
        if resource.id == resource_id:
            return resource
    raise _missing()


def patient(user: User, person_id: UUID) -> Resource:
    return resources.patient(record_read(user, person_id, "person.identity"))


def patient_by_identifier(user: User, identifier: str) -> Resource:
    system, _bar, value = identifier.rpartition("|")
    if system not in ("", resources.PERSONNUMMER, resources.SAMORDNINGSNUMMER):
        raise PersonNotFound
    try:
        number = parse_identity_number(value)
    except InvalidIdentityNumber:
        raise PersonNotFound from None
    public_id = person_number_lookup(reader=user, personal_number=number.digits, channel=API)
    return patient(user, public_id)


def consents(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(user, person_id, "consent.list")
    return [resources.consent(record, c, s) for c, s in consents_of(record=record)]


def consent(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(consents(user, person_id), resource_id)


def _plan_record(user: User, person_id: UUID) -> Any:
    return record_read(user, person_id, "plan.view", sources=CARE_PLAN_SOURCES)


def care_plans(user: User, person_id: UUID) -> list[Resource]:
    record = _plan_record(user, person_id)
    plans = record.data["plan"].items
    if not plans:
        return []
    return [
        resources.care_plan(
            record, plans[0], record.data["sub_goals"].items, record.data["activities"].items
        )
    ]


def care_plan(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(care_plans(user, person_id), resource_id)


def goals(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(
        user,
        person_id,
        "plan.view",
        sources={name: PLAN_SOURCES[name] for name in ("plan", "sub_goals")},
    )
    found: list[Resource] = [
        resources.goal(record, f"g{p.pk}", p.goal, p.owning_agency)
        for p in record.data["plan"].items
        if p.goal
    ]
    found += [
        resources.goal(record, f"s{s.pk}", s.text, s.owning_agency)
        for s in record.data["sub_goals"].items
    ]
    return found


def goal(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(goals(user, person_id), resource_id)


def care_teams(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(user, person_id, "case.team")
    case = case_of(record)
    return [resources.care_team(record, case, team_of(case))]


def care_team(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(care_teams(user, person_id), resource_id)


def questionnaire_responses(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(
        user, person_id, "assessment.list", sources={"assessments": assessment_source()}
    )
    return [resources.questionnaire_response(record, a) for a in record.data["assessments"].items]


def questionnaire_response(user: User, resource_id: str) -> Resource:
    person_id, key = split(resource_id)
    key_uuid(key)
    return _one(questionnaire_responses(user, person_id), resource_id)


def appointments(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(user, person_id, "meeting.list", sources={"meetings": MEETINGS_SOURCE})
    return [resources.appointment(record, m) for m in record.data["meetings"].items]


def appointment(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(appointments(user, person_id), resource_id)


def tasks(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(user, person_id, "referral.list", sources={"referrals": referral_source()})
    return [resources.task(record, r) for r in record.data["referrals"].items]


def task(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(tasks(user, person_id), resource_id)


def detected_issues(user: User, person_id: UUID) -> list[Resource]:
    record = record_read(user, person_id, "plan.view", sources=PLAN_SOURCES)
    page = plan_page(record, user)
    if page.plan is None:
        return []
    return [
        resources.detected_issue(record, view, page.plan, bilingual(view.rule.title)["message_sv"])
        for view in page.clashes
    ]


def detected_issue(user: User, resource_id: str) -> Resource:
    person_id, _key = split(resource_id)
    return _one(detected_issues(user, person_id), resource_id)


AUDIT_EVENTS_MAX = 200


def audit_events(user: User, person_id: UUID) -> list[Resource]:
    """The newest AUDIT_EVENTS_MAX access events of the person's log."""
    record, events = access_log_read(user, person_id)
    return [resources.audit_event(record, e) for e in events[:AUDIT_EVENTS_MAX]]


def audit_event(user: User, resource_id: str) -> Resource:
    person_id, key = split(resource_id)
    if not key.startswith("e") or not key[1:].isdigit():
        raise _missing()
    record, events = access_log_read(user, person_id)
    event = events.filter(seq=int(key[1:])).first()
    if event is None:
        raise _missing()
    return resources.audit_event(record, event)


def _versions() -> Any:
    return InstrumentVersion.objects.select_related("instrument").prefetch_related(
        "dimensions__anchors"
    )


def questionnaires() -> list[Resource]:
    """The shared instrument is not person data: no gate, no access event."""
    return [resources.questionnaire(v) for v in _versions().order_by("instrument__code", "number")]


def questionnaire(resource_id: str) -> Resource:
    code, _sep, number = resource_id.rpartition("-v")
    if not code or not number.isdigit():
        raise _missing()
    version = _versions().filter(instrument__code=code, number=int(number)).first()
    if version is None:
        raise _missing()
    return resources.questionnaire(version)
