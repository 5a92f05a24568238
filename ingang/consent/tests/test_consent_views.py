"""Registering and withdrawing consent through the pages, including tampered posts."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from ingang.consent.models import Block, Consent
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World


def new_url(world: World) -> str:
    return reverse("consent:new", kwargs={"public_id": world.kim.public_id})


def valid(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "categories": ["social"],
        "agencies": [world.af.pk],
        "valid_from": "2026-01-01",
        "valid_until": "2027-01-01",
        "source": "signed_form",
    }
    data.update(changes)
    return data


def overview_titles(client: Client, world: World) -> set[str]:
    response = client.get(reverse("people:overview", kwargs={"public_id": world.kim.public_id}))
    return {e.title for s in response.context["record"].sections for e in s.entries}


def test_a_registered_consent_opens_and_a_withdrawal_closes_on_the_next_request(
    world: World, client: Client, login: LoginAs
) -> None:
    social = world.entries["social"].title
    login(world.anna_af_caseworker)
    assert social not in overview_titles(client, world)

    login(world.mia_ame_coordinator)
    assert client.post(new_url(world), valid(world)).status_code == 302
    consent = Consent.objects.get(categories=["social"])
    assert consent.registered_by == world.mia_ame_coordinator

    login(world.anna_af_caseworker)
    assert social in overview_titles(client, world)

    login(world.mia_ame_coordinator)
    withdraw = reverse(
        "consent:withdraw",
        kwargs={"public_id": world.kim.public_id, "consent_id": consent.public_id},
    )
    assert client.post(withdraw, {"reason": "Personen ångrade sig"}).status_code == 302

    login(world.anna_af_caseworker)
    assert social not in overview_titles(client, world)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_until": "2025-01-01"}, "kan inte sluta gälla innan det börjar gälla"),
        ({"categories": ["gossip"]}, "gossip"),
        ({"categories": []}, "Detta fält måste fyllas i"),
        ({"agencies": []}, "minst en myndighet"),
        ({"agencies": [999999]}, "999999"),
        ({"source": "oral_with_witness"}, "vittne"),
        ({"source": "telepathy"}, "telepathy"),
        ({"valid_from": "not a date"}, "giltigt datum"),
    ],
)
def test_it_rejects_bad_and_tampered_posts_and_saves_nothing(
    world: World, client: Client, login: LoginAs, changes: dict[str, object], message: str
) -> None:
    login(world.mia_ame_coordinator)
    before = Consent.objects.count()
    response = client.post(new_url(world), valid(world, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Consent.objects.count() == before


def test_staff_choices_are_limited_to_the_team(
    world: World, client: Client, login: LoginAs
) -> None:
    login(world.mia_ame_coordinator)
    response = client.post(
        new_url(world), valid(world, agencies=[], staff=[world.henrik_region_nurse.pk])
    )
    assert response.status_code == 200
    assert not Consent.objects.filter(staff=world.henrik_region_nurse).exists()


def test_a_block_hides_consented_data_from_other_agencies_only(
    world: World, client: Client, login: LoginAs
) -> None:
    login(world.farid_fk_officer)
    client.post(
        reverse("consent:block_new", kwargs={"public_id": world.kim.public_id}),
        {"category": "insurance", "reason": "Personens önskan"},
    )
    assert Block.objects.filter(category="insurance", lifted_at__isnull=True).exists()
    assert world.entries["insurance"].title in overview_titles(client, world)  # FK's own data
    login(world.anna_af_caseworker)
    assert world.entries["insurance"].title not in overview_titles(client, world)


def test_it_keeps_dates_as_given(world: World, client: Client, login: LoginAs) -> None:
    login(world.mia_ame_coordinator)
    client.post(new_url(world), valid(world))
    consent = Consent.objects.get(categories=["social"])
    assert (consent.valid_from, consent.valid_until) == (date(2026, 1, 1), date(2027, 1, 1))
