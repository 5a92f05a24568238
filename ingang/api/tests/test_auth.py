"""Who may call at all: sessions with a second factor, usable tokens, and scopes."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from ingang.api.api import api
from ingang.api.models import ApiToken
from ingang.api.services import api_token_revoke
from ingang.api.tests.data import bearer
from ingang.api.tests.fixtures import TokenFor
from ingang.audit.models import AccessEvent
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World

BODIES = {
    "/api/v1/people/lookup": {"personal_number": "19800101-0019"},
    "/api/v1/people/{person_id}/consents": {
        "categories": ["plan"],
        "agency_ids": [1],
        "valid_from": "2026-01-01",
        "source": "signed_form",
    },
    "/api/v1/people/{person_id}/consents/{consent_id}/withdraw": {"reason": "x"},
    "/api/v1/people/{person_id}/plan/goal": {"goal": "Arbete"},
    "/api/v1/people/{person_id}/plan/sub-goals": {"text": "Delmål"},
    "/api/v1/people/{person_id}/plan/activities": {
        "type": "internship",
        "start_date": "2026-02-01",
        "percent": 50,
    },
    "/api/v1/people/{person_id}/plan/activities/{activity_id}": {"status": "ongoing"},
}
WRITE_SCOPES = {
    "/api/v1/people/{person_id}/consents": "write:consents",
    "/api/v1/people/{person_id}/consents/{consent_id}/withdraw": "write:consents",
    "/api/v1/people/{person_id}/plan/goal": "write:plans",
    "/api/v1/people/{person_id}/plan/sub-goals": "write:plans",
    "/api/v1/people/{person_id}/plan/activities": "write:plans",
    "/api/v1/people/{person_id}/plan/activities/{activity_id}": "write:plans",
}


def operations(world: World, activity_id: int = 1) -> list[tuple[str, str, str]]:
    """(method, template, url) of every operation in the OpenAPI document."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    consent_id = world.kim_consent.public_id
    found = []
    for template, methods in schema["paths"].items():
        url = template.format(
            person_id=world.kim.public_id, consent_id=consent_id, activity_id=activity_id
        )
        for method in methods:
            found.append((method, template, url))
    assert len(found) >= 20
    return found


def call(  # type: ignore[no-untyped-def]
    client: Client, method: str, template: str, url: str, headers: dict[str, str] | None = None
):
    body = BODIES.get(template)
    return (
        getattr(client, method)(url, body, content_type="application/json", headers=headers)
        if body is not None and method != "get"
        else getattr(client, method)(url, headers=headers)
    )


def _templates_as_paths(world: World) -> list[tuple[str, str, str]]:
    return operations(world)


def test_it_refuses_every_operation_without_credentials(world: World, client: Client) -> None:
    for method, template, url in _templates_as_paths(world):
        before = AccessEvent.objects.count()
        response = call(client, method, template, url)
        assert response.status_code == 401, (method, url)
        assert response.json()["code"] == "not_authenticated"
        assert {"message_sv", "message_en"} <= set(response.json())
        assert AccessEvent.objects.count() == before  # nothing was read


@pytest.mark.parametrize("kind", ["wrong", "expired", "revoked", "actor_left", "malformed"])
def test_it_refuses_a_token_that_is_not_usable(
    world: World, client: Client, token_for: TokenFor, kind: str
) -> None:
    reader = world.anna_af_caseworker
    plain = token_for(reader, "read", "write:plans", "write:consents", "audit")
    token = ApiToken.objects.get()
    if kind == "wrong":
        plain = plain[:-4] + "AAAA"
    elif kind == "expired":
        token.expires_at = timezone.now() - timedelta(seconds=1)
        token.save()
    elif kind == "revoked":
        api_token_revoke(token=token)
    elif kind == "actor_left":
        reader.is_active = False
        reader.save()
    else:
        plain = "not-a-token"
    for method, template, url in _templates_as_paths(world):
        response = call(client, method, template, url, headers=bearer(plain))
        assert response.status_code == 401, (kind, method, url)
        assert response.json()["code"] == "not_authenticated"


def test_it_refuses_operations_outside_the_tokens_scopes(
    world: World, client: Client, token_for: TokenFor
) -> None:
    read_only = bearer(token_for(world.anna_af_caseworker, "read"))
    for method, template, url in _templates_as_paths(world):
        scope = WRITE_SCOPES.get(template) if method != "get" else None
        scope = scope or ("audit" if "access-events" in template else None)
        response = call(client, method, template, url, headers=read_only)
        if scope is None:
            assert response.status_code in (200, 404), (method, url, response.content)
        else:
            assert response.status_code == 403, (method, url)
            assert response.json()["code"] == "forbidden_scope"
    write_only = bearer(token_for(world.farid_fk_officer, "write:plans"))
    response = client.get(f"/api/v1/people/{world.kim.public_id}/plan", headers=write_only)
    assert response.status_code == 403


def test_it_stores_only_a_digest_of_the_token(world: World, token_for: TokenFor) -> None:
    plain = token_for(world.anna_af_caseworker)
    token = ApiToken.objects.get()
    secret = plain.rsplit("_", 1)[1]
    assert secret not in token.digest and len(token.digest) == 64
    assert plain.startswith(f"ing_{token.prefix}_")


def test_it_prints_a_new_token_once_from_the_command(world: World, client: Client) -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "api_token_create",
        "--client=AF ärendesystem",
        "--acts-as=anna.af",
        "--scope=read",
        "--days=7",
        stdout=out,
        stderr=err,
    )
    plain = out.getvalue().strip()
    response = client.get("/api/v1/me", headers=bearer(plain))
    assert response.json()["username"] == "anna.af"
    token = ApiToken.objects.get()
    assert token.client.agency == world.af
    assert token.expires_at - timezone.now() < timedelta(days=7, minutes=1)
    assert plain not in err.getvalue()


def test_it_takes_the_staff_session_only_with_a_verified_second_factor(
    world: World, client: Client, login: LoginAs
) -> None:
    client.force_login(world.anna_af_caseworker)  # password only
    assert client.get("/api/v1/me").status_code == 401
    login(world.anna_af_caseworker)
    assert client.get("/api/v1/me").json()["username"] == "anna.af"


def test_it_needs_the_csrf_token_for_writes_with_a_session(world: World, login: LoginAs) -> None:
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = login(world.mia_ame_coordinator).cookies
    url = f"/api/v1/people/{world.kim.public_id}/plan/goal"
    response = csrf_client.put(url, {"goal": "Arbete"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    csrf_client.get("/api/v1/me")  # any page sets no cookie here; take the token from the session
    token = "a" * 32
    csrf_client.cookies["csrftoken"] = token
    response = csrf_client.put(
        url, {"goal": "Arbete"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


def test_it_shows_the_openapi_document_only_to_callers(
    world: World, client: Client, token_for: TokenFor, login: LoginAs
) -> None:
    assert client.get("/api/v1/openapi.json").status_code == 401
    assert client.get("/api/v1/docs").status_code == 401
    ok = client.get("/api/v1/openapi.json", headers=bearer(token_for(world.anna_af_caseworker)))
    assert ok.status_code == 200 and "/api/v1/people/{person_id}/plan" in ok.json()["paths"]
    login(world.anna_af_caseworker)
    assert client.get("/api/v1/docs").status_code == 200


@override_settings(API_RATE_LIMIT="3/min")
def test_it_limits_the_rate_per_token(world: World, client: Client, token_for: TokenFor) -> None:
    first = bearer(token_for(world.anna_af_caseworker))
    second = bearer(token_for(world.farid_fk_officer))
    codes = [client.get("/api/v1/me", headers=first).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/v1/me", headers=first).json()["code"] == "throttled"
    assert client.get("/api/v1/me", headers=second).status_code == 200  # its own bucket


def test_it_answers_an_unknown_person_like_a_refused_one(
    world: World, client: Client, token_for: TokenFor
) -> None:
    headers = bearer(token_for(world.henrik_region_nurse))  # not on Kim's team
    refused = client.get(f"/api/v1/people/{world.kim.public_id}/plan", headers=headers)
    missing = client.get(f"/api/v1/people/{uuid.uuid4()}/plan", headers=headers)
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
