"""Every FHIR resource served validates as an R4B model, carries Swedish identifiers, and
leaves its access events; a refused read answers exactly like a missing resource."""

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaire import Questionnaire

from ingang.api.tests.data import Filled, bearer
from ingang.api.tests.fixtures import TokenFor
from ingang.audit.models import AccessEvent
from ingang.fhir.resources import PERSONNUMMER
from ingang.testing.world import World

FHIR = "application/fhir+json"
BY_PATIENT = [
    "Consent",
    "CarePlan",
    "Goal",
    "CareTeam",
    "QuestionnaireResponse",
    "Appointment",
    "Task",
    "DetectedIssue",
    "AuditEvent",
]


def parse(model: Any, content: bytes) -> Any:
    """Validate with the R4B model; the result is used untyped (its fields are all optional)."""
    return model.model_validate_json(content)


def _get(client: Client, path: str, headers: dict[str, str]) -> Any:
    response = client.get(f"/fhir/R4/{path}", headers=headers)
    assert response["Content-Type"].startswith(FHIR), path
    return response


@pytest.mark.parametrize("kind", BY_PATIENT)
def test_it_serves_every_kind_valid_by_search_and_by_read(
    world: World, filled: Filled, client: Client, token_for: TokenFor, kind: str
) -> None:
    headers = bearer(token_for(world.mia_ame_coordinator, "read", "audit"))
    before = AccessEvent.objects.count()
    response = _get(client, f"{kind}?patient=Patient/{world.kim.public_id}", headers)
    assert response.status_code == 200
    bundle = parse(Bundle, response.content)
    assert bundle.type == "searchset" and bundle.total is None  # _total=none unless asked
    assert bundle.entry, f"no {kind} for Kim"
    searched = AccessEvent.objects.filter(seq__gt=before)
    assert searched.filter(outcome="allowed", channel="api").exists()
    for entry in bundle.entry:
        resource = entry.resource
        assert resource.get_resource_type() == kind
        before = AccessEvent.objects.count()
        read = _get(client, f"{kind}/{resource.id}", headers)
        assert read.status_code == 200
        model = parse(type(resource), read.content)
        assert model.id == resource.id
        assert AccessEvent.objects.filter(seq__gt=before, channel="api").exists()


def test_it_identifies_the_patient_by_the_national_oid(
    world: World, client: Client, token_for: TokenFor
) -> None:
    headers = bearer(token_for(world.anna_af_caseworker))
    number = world.kim.personal_number
    found = _get(client, f"Patient?identifier={PERSONNUMMER}|{number}", headers)
    bundle = parse(Bundle, found.content)
    assert len(bundle.entry) == 1
    patient = parse(Patient, _get(client, f"Patient/{world.kim.public_id}", headers).content)
    assert patient.identifier[0].system == PERSONNUMMER
    assert patient.identifier[0].value == number
    asked = _get(client, f"Patient?_id={world.kim.public_id}&_total=accurate", headers)
    assert parse(Bundle, asked.content).total == 1


def test_it_redacts_a_patient_whose_identity_the_gate_withholds(
    world: World, client: Client, token_for: TokenFor
) -> None:
    world.kim_consent.categories = ["plan"]
    world.kim_consent.save()
    patient = parse(
        Patient,
        _get(
            client, f"Patient/{world.kim.public_id}", bearer(token_for(world.anna_af_caseworker))
        ).content,
    )
    assert patient.identifier is None and patient.name is None
    assert patient.meta.security[0].code == "REDACTED"


def test_it_answers_a_refused_read_exactly_like_a_missing_resource(
    world: World, filled: Filled, client: Client, token_for: TokenFor
) -> None:
    team = bearer(token_for(world.mia_ame_coordinator))
    outsider = bearer(token_for(world.henrik_region_nurse))
    bundle = parse(Bundle, _get(client, f"CarePlan?patient={world.kim.public_id}", team).content)
    plan_id = bundle.entry[0].resource.id
    before = AccessEvent.objects.count()
    refused = _get(client, f"CarePlan/{plan_id}", outsider)
    denied = list(AccessEvent.objects.filter(seq__gt=before))
    assert len(denied) == 1 and denied[0].outcome == "denied"
    missing = _get(client, f"CarePlan/{uuid.uuid4()}.p1", outsider)
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    parse(OperationOutcome, refused.content)
    # A search for the patient looks like a search for no one.
    searched = _get(client, f"CarePlan?patient={world.kim.public_id}", outsider)
    nobody = _get(client, f"CarePlan?patient={uuid.uuid4()}", outsider)
    assert searched.status_code == 200
    assert "entry" not in json.loads(searched.content)
    assert "entry" not in json.loads(nobody.content)


def test_it_maps_referral_states_to_gravity_task_statuses(
    world: World, filled: Filled, client: Client, token_for: TokenFor
) -> None:
    headers = bearer(token_for(world.mia_ame_coordinator))
    bundle = parse(Bundle, _get(client, f"Task?patient={world.kim.public_id}", headers).content)
    task = bundle.entry[0].resource
    assert task.status == "requested" and task.intent == "order"
    assert task.owner.display == world.af.name


def test_it_shows_the_plan_clash_as_a_detected_issue(
    world: World, filled: Filled, client: Client, token_for: TokenFor
) -> None:
    headers = bearer(token_for(world.anna_af_caseworker))
    bundle = parse(
        Bundle, _get(client, f"DetectedIssue?patient={world.kim.public_id}", headers).content
    )
    assert [e.resource.code.coding[0].code for e in bundle.entry]
    plan = (
        parse(Bundle, _get(client, f"CarePlan?patient={world.kim.public_id}", headers).content)
        .entry[0]
        .resource
    )
    assert {a.detail.code.coding[0].code for a in plan.activity} == {"internship", "sick_leave"}


def test_it_serves_audit_events_only_with_the_audit_scope(
    world: World, client: Client, token_for: TokenFor
) -> None:
    plain = bearer(token_for(world.olle_auditor, "read"))
    audit = bearer(token_for(world.olle_auditor, "audit"))
    assert _get(client, f"AuditEvent?patient={world.kim.public_id}", plain).status_code == 403
    response = _get(client, f"AuditEvent?patient={world.kim.public_id}", audit)
    assert parse(Bundle, response.content).entry


def test_it_describes_itself_and_the_instrument(
    world: World, client: Client, token_for: TokenFor
) -> None:
    headers = bearer(token_for(world.anna_af_caseworker))
    capability = parse(CapabilityStatement, _get(client, "metadata", headers).content)
    served = {r.type for r in capability.rest[0].resource}
    assert served == {"Patient", "Questionnaire", *BY_PATIENT}
    bundle = parse(Bundle, _get(client, "Questionnaire", headers).content)
    first = bundle.entry[0].resource
    read = parse(Questionnaire, _get(client, f"Questionnaire/{first.id}", headers).content)
    assert read.item


def test_it_answers_errors_as_operation_outcomes(world: World, client: Client) -> None:
    for path in ("metadata", f"Patient/{world.kim.public_id}", "CarePlan?patient=x"):
        response = _get(client, path, {})
        assert response.status_code == 401
        outcome = parse(OperationOutcome, response.content)
        assert outcome.issue[0].code == "login"
