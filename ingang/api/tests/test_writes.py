"""Writes through the API go through the same services as the pages: validated whole,
owned by the caller's agency, emitting timeline events, effective on the next request."""

from django.test import Client

from ingang.api.tests.data import Filled, bearer
from ingang.api.tests.fixtures import TokenFor
from ingang.consent.models import Consent
from ingang.plans.models import Activity, Clash
from ingang.testing.factories import add_member
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent


def test_it_registers_and_withdraws_a_consent_with_effect_on_the_next_read(
    world: World, client: Client, token_for: TokenFor
) -> None:
    mia = bearer(token_for(world.mia_ame_coordinator, "read", "write:consents"))
    henrik = world.henrik_region_nurse
    add_member(world.kim_case, henrik)
    region = bearer(token_for(henrik))
    url = f"/api/v1/people/{world.kim.public_id}"
    assert client.get(f"{url}/overview", headers=region).json()["person"]["identity"] is None
    response = client.post(
        f"{url}/consents",
        {
            "categories": ["identity", "health"],
            "agency_ids": [world.region.pk],
            "valid_from": "2025-01-01",
            "source": "signed_form",
        },
        content_type="application/json",
        headers=mia,
    )
    assert response.status_code == 201, response.content
    consent_id = response.json()["id"]
    assert client.get(f"{url}/overview", headers=region).json()["person"]["identity"] is not None
    assert TimelineEvent.objects.filter(kind="consent.registered").exists()
    withdrawn = client.post(
        f"{url}/consents/{consent_id}/withdraw",
        {"reason": "Ångrat"},
        content_type="application/json",
        headers=mia,
    )
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.get(f"{url}/overview", headers=region).json()["person"]["identity"] is None


def test_it_refuses_an_invalid_consent_whole_with_structured_errors(
    world: World, client: Client, token_for: TokenFor
) -> None:
    mia = bearer(token_for(world.mia_ame_coordinator, "read", "write:consents"))
    before = Consent.objects.count()
    response = client.post(
        f"/api/v1/people/{world.kim.public_id}/consents",
        {
            "categories": ["plan"],
            "valid_from": "2026-02-01",
            "valid_until": "2026-01-01",
            "source": "oral_with_witness",
        },
        content_type="application/json",
        headers=mia,
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and {"message_sv", "message_en"} <= set(body)
    assert {"agencies", "valid_until", "witness"} <= set(body["fields"])
    assert all({"message_sv", "message_en"} == set(m) for ms in body["fields"].values() for m in ms)
    assert Consent.objects.count() == before


def test_it_writes_activities_only_for_the_callers_own_agency(
    world: World, filled: Filled, client: Client, token_for: TokenFor
) -> None:
    anna = bearer(token_for(world.anna_af_caseworker, "read", "write:plans"))
    url = f"/api/v1/people/{world.kim.public_id}/plan/activities"
    created = client.post(
        url,
        {"type": "job_search", "start_date": "2026-03-01", "hours_per_week": 10},
        content_type="application/json",
        headers=anna,
    )
    assert created.status_code == 201, created.content
    assert created.json()["owning_agency"]["id"] == world.af.pk
    own = client.patch(
        f"{url}/{filled.af_activity.pk}",
        {"status": "ongoing", "percent": 50},
        content_type="application/json",
        headers=anna,
    )
    assert own.status_code == 200, own.content
    assert own.json()["status"] == "ongoing" and own.json()["percent"] == 50
    others = client.patch(
        f"{url}/{filled.fk_activity.pk}",
        {"status": "done"},
        content_type="application/json",
        headers=anna,
    )
    assert others.status_code == 422
    assert Activity.objects.get(pk=filled.fk_activity.pk).status == "planned"
    kinds = set(TimelineEvent.objects.values_list("kind", flat=True))
    assert {"plan.activity_added", "plan.activity_changed", "plan.activity_status"} <= kinds


def test_it_runs_clash_detection_on_activities_written_through_the_api(
    world: World, client: Client, token_for: TokenFor
) -> None:
    anna = bearer(token_for(world.anna_af_caseworker, "read", "write:plans"))
    farid = bearer(token_for(world.farid_fk_officer, "read", "write:plans"))
    url = f"/api/v1/people/{world.kim.public_id}/plan"
    for headers, body in (
        (anna, {"type": "internship", "start_date": "2026-03-01", "percent": 100}),
        (farid, {"type": "sick_leave", "start_date": "2026-03-01", "percent": 100}),
    ):
        response = client.post(
            f"{url}/activities", body, content_type="application/json", headers=headers
        )
        assert response.status_code == 201, response.content
    assert Clash.objects.filter(rule="exclusive", resolved_at__isnull=True).exists()
    plan = client.get(url, headers=anna).json()
    assert "exclusive" in {c["rule"] for c in plan["clashes"]}


def test_it_pages_with_an_opaque_cursor_and_refuses_a_forged_one(
    world: World, filled: Filled, client: Client, token_for: TokenFor
) -> None:
    headers = bearer(token_for(world.mia_ame_coordinator))
    url = f"/api/v1/people/{world.kim.public_id}/plan/activities"
    first = client.get(f"{url}?limit=1", headers=headers).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    assert "total" not in first
    second = client.get(f"{url}?limit=1&cursor={first['next_cursor']}", headers=headers).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    assert second["next_cursor"] is None
    forged = client.get(f"{url}?cursor=bm9wZQ", headers=headers)
    assert forged.status_code == 400 and forged.json()["code"] == "bad_cursor"
    other_list = client.get(
        f"/api/v1/people/{world.kim.public_id}/consents?cursor={first['next_cursor']}",
        headers=headers,
    )
    assert other_list.status_code == 400


def test_it_finds_a_person_by_number_only_among_the_callers_people(
    world: World, client: Client, token_for: TokenFor
) -> None:
    body = {"personal_number": world.kim.formatted_number}
    found = client.post(
        "/api/v1/people/lookup",
        body,
        content_type="application/json",
        headers=bearer(token_for(world.anna_af_caseworker)),
    )
    assert found.json() == {"id": str(world.kim.public_id)}
    refused = client.post(
        "/api/v1/people/lookup",
        body,
        content_type="application/json",
        headers=bearer(token_for(world.henrik_region_nurse)),
    )
    assert refused.status_code == 404
    bad = client.post(
        "/api/v1/people/lookup",
        {"personal_number": "19800101-0000"},
        content_type="application/json",
        headers=bearer(token_for(world.anna_af_caseworker)),
    )
    assert bad.status_code == 422 and "personal_number" in bad.json()["fields"]


def test_it_refuses_a_body_that_is_not_a_json_object(
    world: World, filled: Filled, client: Client, token_for: TokenFor
) -> None:
    anna = bearer(token_for(world.anna_af_caseworker, "read", "write:plans"))
    url = f"/api/v1/people/{world.kim.public_id}/plan/activities/{filled.af_activity.pk}"
    for body in ("0.0", "[]", '"text"'):
        response = client.patch(url, body, content_type="application/json", headers=anna)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"
