"""FHIR R4B resources built from what the gate returned, validated by fhir.resources.

Each builder takes rows a gated read gave the caller and returns a validated
model; nothing here queries a person's data. Swedish identifiers use the
national OIDs for personnummer and samordningsnummer.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.auditevent import AuditEvent
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.detectedissue import DetectedIssue
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.resource import Resource
from fhir.resources.R4B.task import Task

from ingang.access.selectors import PersonRecord
from ingang.fhir.ids import compose, uuid_key

PERSONNUMMER = "urn:oid:1.2.752.129.2.1.3.1"
SAMORDNINGSNUMMER = "urn:oid:1.2.752.129.2.1.3.3"
BASE = "https://ingang.se/fhir"
CATEGORY_SYSTEM = f"{BASE}/CodeSystem/data-category"
ACTIVITY_SYSTEM = f"{BASE}/CodeSystem/activity-type"
CLASH_SYSTEM = f"{BASE}/CodeSystem/plan-clash-rule"
AGENCY_SYSTEM = f"{BASE}/sid/agency"


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _patient_ref(record: PersonRecord) -> dict[str, str]:
    ref = {"reference": f"Patient/{record.public_id}"}
    if record.identity is not None:
        ref["display"] = record.identity.name
    return ref


def _agency(agency: Any) -> dict[str, Any]:
    return {
        "identifier": {"system": AGENCY_SYSTEM, "value": str(agency.pk)},
        "display": agency.name,
    }


def _clean(data: Any) -> Any:
    """Drop None values and empty lists, which FHIR does not allow."""
    if isinstance(data, dict):
        cleaned = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v is not None and v != [] and v != {}}
    if isinstance(data, list):
        return [_clean(v) for v in data if v is not None]
    return data


def patient(record: PersonRecord) -> Patient:
    identity = record.identity
    data: dict[str, Any] = {"resourceType": "Patient", "id": str(record.public_id)}
    if identity is None:
        # Identity withheld by the gate: the resource exists but carries nothing that identifies.
        data["meta"] = {
            "security": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                    "code": "REDACTED",
                }
            ]
        }
    else:
        digits = identity.personal_number.replace("-", "")
        data |= {
            "identifier": [
                {
                    "use": "official",
                    "system": SAMORDNINGSNUMMER
                    if identity.is_coordination_number
                    else PERSONNUMMER,
                    "value": digits,
                }
            ],
            "name": [
                {"use": "official", "family": identity.family_name, "given": [identity.given_name]}
            ],
            "telecom": [
                {"system": "phone", "value": identity.phone} if identity.phone else None,
                {"system": "email", "value": identity.email} if identity.email else None,
            ],
            "address": [
                {
                    "line": [identity.street_address] if identity.street_address else None,
                    "postalCode": identity.postal_code or None,
                    "city": identity.city or None,
                    "country": "SE",
                }
            ]
            if identity.street_address or identity.city
            else None,
        }
    return Patient.model_validate(_clean(data))


_CONSENT_STATUS = {
    "active": "active",
    "expiring": "active",
    "not_yet_valid": "proposed",
    "expired": "inactive",
    "withdrawn": "inactive",
}


def consent(record: PersonRecord, row: Any, status: str) -> Consent:
    data = {
        "resourceType": "Consent",
        "id": compose(record.public_id, uuid_key(row.public_id)),
        "identifier": [{"system": f"{BASE}/sid/consent", "value": str(row.public_id)}],
        "status": _CONSENT_STATUS[status],
        "scope": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                    "code": "patient-privacy",
                }
            ]
        },
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
        "patient": _patient_ref(record),
        "dateTime": _iso(row.registered_at),
        "policyRule": {"text": "OSL 2009:400 (samtycke / sekretessmedgivande)"},
        "sourceAttachment": {"title": row.source},
        "provision": {
            "type": "permit",
            "period": {"start": _iso(row.valid_from), "end": _iso(row.valid_until)},
            "actor": [
                {
                    "role": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/v3-RoleClass",
                                "code": "PROV",
                            }
                        ]
                    },
                    "reference": _agency(a),
                }
                for a in row.agencies.all()
            ]
            + [
                {
                    "role": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/v3-RoleClass",
                                "code": "PROV",
                            }
                        ]
                    },
                    "reference": {"display": u.display_name},
                }
                for u in row.staff.all()
            ],
            "code": [{"coding": [{"system": CATEGORY_SYSTEM, "code": c}]} for c in row.categories],
        },
    }
    return Consent.model_validate(_clean(data))


_ACTIVITY_STATUS = {
    "planned": "not-started",
    "ongoing": "in-progress",
    "paused": "on-hold",
    "done": "completed",
    "cancelled": "cancelled",
}


def _extent(activity: Any) -> dict[str, Any] | None:
    if activity.hours_per_week is not None:
        return {
            "value": float(activity.hours_per_week),
            "unit": "hours per week",
            "system": "http://unitsofmeasure.org",
            "code": "h/wk",
        }
    if activity.percent is not None:
        return {
            "value": activity.percent,
            "unit": "%",
            "system": "http://unitsofmeasure.org",
            "code": "%",
        }
    return None


def plan_id(record: PersonRecord, plan: Any) -> str:
    return compose(record.public_id, f"p{plan.pk}")


def care_plan(
    record: PersonRecord, plan: Any, sub_goals: Iterable[Any], activities: Iterable[Any]
) -> CarePlan:
    goals = [f"Goal/{compose(record.public_id, f'g{plan.pk}')}"] if plan.goal else []
    goals += [f"Goal/{compose(record.public_id, f's{s.pk}')}" for s in sub_goals]
    data = {
        "resourceType": "CarePlan",
        "id": plan_id(record, plan),
        "status": "active",
        "intent": "plan",
        "title": "Gemensam handlingsplan",
        "description": plan.goal or None,
        "subject": _patient_ref(record),
        "created": _iso(plan.created_at),
        "author": _agency(plan.owning_agency),
        "goal": [{"reference": g} for g in goals],
        "activity": [
            {
                "detail": {
                    "kind": "ServiceRequest",
                    "code": {
                        "coding": [
                            {
                                "system": ACTIVITY_SYSTEM,
                                "code": a.type,
                                "display": str(a.get_type_display()),
                            }
                        ]
                    },
                    "status": _ACTIVITY_STATUS[a.status],
                    "description": a.description or None,
                    "scheduledPeriod": {"start": _iso(a.start_date), "end": _iso(a.end_date)},
                    "performer": [_agency(a.owning_agency)],
                    "quantity": _extent(a),
                    "goal": [
                        {"reference": f"Goal/{compose(record.public_id, f's{a.sub_goal_id}')}"}
                    ]
                    if a.sub_goal_id
                    else None,
                }
            }
            for a in activities
        ],
    }
    return CarePlan.model_validate(_clean(data))


def goal(record: PersonRecord, key: str, text: str, owner: Any) -> Goal:
    data = {
        "resourceType": "Goal",
        "id": compose(record.public_id, key),
        "lifecycleStatus": "active",
        "description": {"text": text},
        "subject": _patient_ref(record),
        "expressedBy": _agency(owner) if key.startswith("s") else _patient_ref(record),
    }
    return Goal.model_validate(_clean(data))


def care_team(record: PersonRecord, case: Any, members: Iterable[Any]) -> CareTeam:
    def participant(user: Any, role: str) -> dict[str, Any]:
        agency = user.agency
        return {
            "role": [{"text": role}],
            "member": {"display": user.display_name},
            "onBehalfOf": _agency(agency) if agency is not None else None,
        }

    data = {
        "resourceType": "CareTeam",
        "id": compose(record.public_id, uuid_key(case.public_id)),
        "status": "active" if case.state == "open" else "inactive",
        "name": "Samverkansteam",
        "subject": _patient_ref(record),
        "period": {"start": _iso(case.opened_at), "end": _iso(case.closed_at)},
        "participant": [participant(case.coordinator, "coordinator")]
        + [
            participant(m.staff, m.staff.role) for m in members if m.staff_id != case.coordinator_id
        ],
    }
    return CareTeam.model_validate(_clean(data))


def questionnaire_id(version: Any) -> str:
    return f"{version.instrument.code}-v{version.number}"


def questionnaire(version: Any) -> Questionnaire:
    data = {
        "resourceType": "Questionnaire",
        "id": questionnaire_id(version),
        "url": f"{BASE}/Questionnaire/{questionnaire_id(version)}",
        "version": str(version.number),
        "name": version.instrument.code,
        "title": version.instrument.name_sv,
        "status": "active",
        "item": [
            {
                "linkId": d.code,
                "text": d.name_sv,
                "type": "choice",
                "required": False,
                "answerOption": [
                    {"valueCoding": {"code": str(a.score), "display": a.text_sv}}
                    for a in d.anchors.all()
                ],
            }
            for d in version.dimensions.all()
        ],
    }
    return Questionnaire.model_validate(_clean(data))


def questionnaire_response(record: PersonRecord, row: Any) -> QuestionnaireResponse:
    data = {
        "resourceType": "QuestionnaireResponse",
        "id": compose(record.public_id, uuid_key(row.public_id)),
        "questionnaire": f"{BASE}/Questionnaire/{questionnaire_id(row.version)}",
        "status": "completed",
        "subject": _patient_ref(record),
        "authored": _iso(row.assessed_on),
        "author": _agency(row.owning_agency),
        "item": [
            {
                "linkId": a.dimension.code,
                "text": a.dimension.name_sv,
                "answer": [{"valueCoding": {"code": str(a.score)}}],
            }
            for a in row.answers.all()
        ],
    }
    return QuestionnaireResponse.model_validate(_clean(data))


def appointment(record: PersonRecord, row: Any) -> Appointment:
    participants = [
        {"actor": {"display": u.display_name}, "status": "accepted"} for u in row.participants.all()
    ]
    if row.person_attends:
        participants.append({"actor": _patient_ref(record), "status": "accepted"})
    data = {
        "resourceType": "Appointment",
        "id": compose(record.public_id, uuid_key(row.public_id)),
        "status": "cancelled" if row.state == "cancelled" else "booked",
        "cancelationReason": {"text": row.cancel_reason} if row.cancel_reason else None,
        "serviceType": [{"text": row.channel}],
        "description": row.purpose,
        "start": _iso(row.starts_at),
        "end": _iso(row.ends_at),
        "created": _iso(row.created_at),
        "comment": row.outcome or None,
        "participant": participants or [{"actor": _patient_ref(record), "status": "needs-action"}],
    }
    return Appointment.model_validate(_clean(data))


# Referral states as Gravity SDOH Clinical Care task statuses.
_TASK_STATUS = {
    "sent": "requested",
    "accepted": "accepted",
    "rejected": "rejected",
    "completed": "completed",
    "withdrawn": "cancelled",
}
_PRIORITY = {"routine": "routine", "soon": "asap", "urgent": "urgent"}


def task(record: PersonRecord, row: Any) -> Task:
    data = {
        "resourceType": "Task",
        "id": compose(record.public_id, uuid_key(row.public_id)),
        "identifier": [{"system": f"{BASE}/sid/referral", "value": str(row.public_id)}],
        "status": _TASK_STATUS[row.state],
        "businessStatus": {"text": row.state},
        "intent": "order",
        "priority": _PRIORITY.get(row.urgency, "routine"),
        "code": {
            "coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "fulfill"}]
        },
        "description": row.requested_activity,
        "for": _patient_ref(record),
        "authoredOn": _iso(row.sent_at),
        "lastModified": _iso(row.last_changed_at),
        "requester": _agency(row.owning_agency),
        "owner": _agency(row.receiving_agency),
        "reasonCode": {"text": row.reason},
    }
    return Task.model_validate(_clean(data))


def detected_issue(record: PersonRecord, view: Any, plan: Any, rule_title: str) -> DetectedIssue:
    clash = view.clash
    data = {
        "resourceType": "DetectedIssue",
        "id": compose(record.public_id, f"c{clash.pk}"),
        "status": "final",
        "code": {"coding": [{"system": CLASH_SYSTEM, "code": view.rule.code}], "text": rule_title},
        "severity": "moderate",
        "patient": _patient_ref(record),
        "identifiedDateTime": _iso(clash.detected_at),
        "implicated": [{"reference": f"CarePlan/{plan_id(record, plan)}"}],
        "detail": view.details,
        "mitigation": [
            {
                "action": {"text": "acknowledged"},
                "date": _iso(clash.acknowledged_at),
                "author": {"display": clash.acknowledged_by.display_name}
                if clash.acknowledged_by is not None
                else None,
            }
        ]
        if clash.acknowledged_at is not None
        else None,
    }
    return DetectedIssue.model_validate(_clean(data))


def audit_event(record: PersonRecord, event: Any) -> AuditEvent:
    data = {
        "resourceType": "AuditEvent",
        "id": compose(record.public_id, f"e{event.seq}"),
        "type": {
            "system": "http://dicom.nema.org/resources/ontology/DCM",
            "code": "110110",
            "display": "Patient Record",
        },
        "subtype": [{"system": f"{BASE}/CodeSystem/access-action", "code": event.action}],
        "action": "R",
        "recorded": _iso(event.occurred_at),
        "outcome": "0" if event.outcome == "allowed" else "4",
        "outcomeDesc": ";".join(f"{k}={v}" for k, v in sorted(event.basis.items())) or None,
        "agent": [
            {
                "type": {"text": event.actor_role or None},
                "who": {"display": event.actor_name or "—"},
                "name": event.actor_agency or None,
                "requestor": True,
            }
        ],
        "source": {"site": event.channel, "observer": {"display": "Ingång"}},
        "entity": [
            {
                "what": {"reference": f"Patient/{record.public_id}"},
                "detail": [{"type": "categories", "valueString": ",".join(event.categories)}]
                if event.categories
                else None,
            }
        ],
    }
    return AuditEvent.model_validate(_clean(data))


def bundle(resources: list[Resource], self_url: str, total: bool) -> Bundle:
    data: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "link": [{"relation": "self", "url": self_url}],
        "entry": [
            {
                "fullUrl": f"{BASE}/{r.get_resource_type()}/{r.id}",
                "resource": r,
                "search": {"mode": "match"},
            }
            for r in resources
        ],
    }
    if total:
        data["total"] = len(resources)
    return Bundle.model_validate(_clean(data))


def operation_outcome(code: str, message_sv: str, message_en: str) -> OperationOutcome:
    return OperationOutcome.model_validate(
        {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error",
                    "code": code,
                    "details": {"text": message_sv},
                    "diagnostics": message_en,
                }
            ],
        }
    )
