"""The authorization matrix of the FHIR facade: every role × every resource kind × object state.

Reads of a person the gate refuses answer 404 like a missing one; searches for them
answer an empty Bundle like a search for no one. Each leaves access events on the API
channel, a refusal exactly one denial.
"""

import json
from typing import Any

import pytest
from django.test import Client

from ingang.access.tests.states import STATES, build_subject
from ingang.agencies.models import Role
from ingang.api.tests.data import bearer
from ingang.api.tests.fixtures import TokenFor
from ingang.audit.models import AccessEvent
from ingang.testing.factories import StaffFactory
from ingang.testing.world import World

SEARCHES = [
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


def _sees(kind: str, role: Role, state: str) -> bool:
    if kind == "AuditEvent" and role is Role.AUDITOR:
        return state != "nonexistent"
    return role.reads_person_data and STATES[state].related


def _call(client: Client, url: str, headers: dict[str, str]) -> tuple[Any, list[AccessEvent]]:
    before = AccessEvent.objects.count()
    response = client.get(url, headers=headers)
    return response, list(AccessEvent.objects.filter(seq__gt=before))


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_it_allows_and_denies_exactly_per_the_matrix(
    world: World, client: Client, token_for: TokenFor, role: Role
) -> None:
    reader = StaffFactory.create(unit=world.af_unit, role=role, username=f"af-{role.value}")
    headers = bearer(token_for(reader, "read", "audit"))
    surprises = []
    for state in STATES:
        subject = build_subject(world, state, [reader])
        response, events = _call(client, f"/fhir/R4/Patient/{subject.public_id}", headers)
        want = 200 if _sees("Patient", role, state) else 404
        if response.status_code != want:
            surprises.append(f"Patient {state}: {response.status_code}, expected {want}")
        if want == 404 and [e.outcome for e in events] != ["denied"]:
            surprises.append(f"Patient {state}: a 404 must leave one denial event")
        for kind in SEARCHES:
            url = f"/fhir/R4/{kind}?patient=Patient/{subject.public_id}"
            response, events = _call(client, url, headers)
            body = json.loads(response.content)
            if response.status_code != 200 or body["resourceType"] != "Bundle":
                surprises.append(f"{kind} {state}: {response.status_code}")
            if not events or any(e.channel != "api" for e in events):
                surprises.append(f"{kind} {state}: no access event on the API channel")
            if not _sees(kind, role, state):
                if "entry" in body:
                    surprises.append(f"{kind} {state}: a refused search returned entries")
                if [e.outcome for e in events] != ["denied"]:
                    surprises.append(f"{kind} {state}: a refused search must leave one denial")
    assert surprises == []
