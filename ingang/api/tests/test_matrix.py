"""The authorization matrix of the JSON API: every role × every person endpoint × object state.

The same states as the pages' matrix (ingang/access/tests): a reader the gate
lets in gets 200, everyone else 404, like a missing person, and every call
leaves access events on the API channel — a 404 exactly one denial.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ingang.access.tests.states import AF_OWN, STATES, build_subject
from ingang.agencies.models import Role
from ingang.api.tests.data import Filled, bearer
from ingang.api.tests.fixtures import TokenFor
from ingang.audit.models import AccessEvent
from ingang.testing.factories import StaffFactory
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World

PERSON_ENDPOINTS = [
    "/api/v1/people/{id}",
    "/api/v1/people/{id}/overview",
    "/api/v1/people/{id}/case",
    "/api/v1/people/{id}/consents",
    "/api/v1/people/{id}/plan",
    "/api/v1/people/{id}/plan/activities",
    "/api/v1/people/{id}/assessments",
    "/api/v1/people/{id}/referrals",
    "/api/v1/people/{id}/meetings",
    "/api/v1/people/{id}/timeline",
    "/api/v1/people/{id}/access-events",
]


def expected(endpoint: str, role: Role, state: str) -> int:
    related = STATES[state].related
    if endpoint.endswith("/access-events") and role is Role.AUDITOR:
        return 200 if state != "nonexistent" else 404  # log review is not bound to teams
    if not role.reads_person_data or not related:
        return 404
    return 200


def _check(client: Client, headers: dict[str, str], role: Role, subjects: dict) -> list[str]:  # type: ignore[type-arg]
    surprises = []
    for state, subject in subjects.items():
        for endpoint in PERSON_ENDPOINTS:
            url = endpoint.format(id=subject.public_id)
            before = AccessEvent.objects.count()
            response = client.get(url, headers=headers)
            want = expected(endpoint, role, state)
            if response.status_code != want:
                surprises.append(f"{url} {state}: {response.status_code}, expected {want}")
            events = list(AccessEvent.objects.filter(seq__gt=before))
            if not events:
                surprises.append(f"{endpoint} {state}: no access event")
            if any(e.channel != "api" for e in events):
                surprises.append(f"{endpoint} {state}: event not on the API channel")
            if response.status_code == 404:
                if len(events) != 1 or events[0].outcome != "denied":
                    surprises.append(f"{endpoint} {state}: 404 must leave one denial event")
                if response.json()["code"] != "not_found":
                    surprises.append(f"{endpoint} {state}: 404 is not the structured not_found")
    return surprises


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_it_allows_and_denies_a_token_exactly_per_the_matrix(
    world: World, client: Client, token_for: TokenFor, role: Role
) -> None:
    reader = StaffFactory.create(unit=world.af_unit, role=role, username=f"af-{role.value}")
    subjects = {state: build_subject(world, state, [reader]) for state in STATES}
    headers = bearer(token_for(reader, "read", "audit"))
    assert _check(client, headers, role, subjects) == []


def test_it_decides_for_a_staff_session_as_for_a_token(
    world: World, client: Client, login: LoginAs
) -> None:
    reader = world.anna_af_caseworker
    subjects = {state: build_subject(world, state, [reader]) for state in STATES}
    login(reader)
    assert _check(client, {}, Role.CASEWORKER, subjects) == []


@pytest.mark.parametrize("state", list(STATES))
def test_it_shows_the_af_caseworker_exactly_what_the_state_allows(
    world: World, client: Client, token_for: TokenFor, state: str
) -> None:
    reader = world.anna_af_caseworker
    subject = build_subject(world, state, [reader])
    response = client.get(
        f"/api/v1/people/{subject.public_id}/overview", headers=bearer(token_for(reader))
    )
    expect = STATES[state]
    if not expect.related:
        assert response.status_code == 404
        return
    body = response.json()
    titles = {e["title"] for s in body["sections"] for e in s["entries"]}
    assert titles == expect.titles
    assert AF_OWN in titles
    assert (body["person"]["identity"] is not None) == expect.identity
    social = {w["category"]: w["reason"] for w in body["withheld"]}.get("social")
    assert social == expect.social_reason


PAGE_TWINS = [
    ("people:overview", "/api/v1/people/{id}/overview"),
    ("people:team", "/api/v1/people/{id}/case"),
    ("consent:list", "/api/v1/people/{id}/consents"),
    ("plans:plan", "/api/v1/people/{id}/plan"),
    ("timeline:person", "/api/v1/people/{id}/timeline"),
    ("meetings:person", "/api/v1/people/{id}/meetings"),
    ("referrals:list", "/api/v1/people/{id}/referrals"),
    ("assessments:list", "/api/v1/people/{id}/assessments"),
    ("audit:person_log", "/api/v1/people/{id}/access-events"),
]


def _events_of(call: Callable[[], Any]) -> list[tuple[str, str, list[str], str]]:
    before = AccessEvent.objects.count()
    call()
    return [
        (e.action, e.outcome, list(e.categories), e.channel)
        for e in AccessEvent.objects.filter(seq__gt=before)
    ]


@pytest.mark.parametrize(("page", "endpoint"), PAGE_TWINS, ids=[p for p, _ in PAGE_TWINS])
def test_it_leaves_the_same_access_events_as_the_page(
    world: World,
    filled: Filled,
    client: Client,
    login: LoginAs,
    token_for: TokenFor,
    page: str,
    endpoint: str,
) -> None:
    reader = world.anna_af_caseworker
    headers = bearer(token_for(reader, "read", "audit"))
    api_events = _events_of(
        lambda: client.get(endpoint.format(id=world.kim.public_id), headers=headers)
    )
    login(reader)
    page_events = _events_of(lambda: client.get(reverse(page, args=[world.kim.public_id])))
    assert api_events, "the API read left no access event"
    assert {c for *_, c in api_events} == {"api"}
    assert [e[:3] for e in api_events] == [e[:3] for e in page_events]
