"""Signing in to My pages, and keeping the person's session apart from staff sessions."""

import time
from typing import Any

import pytest
from django.test import Client, override_settings

from ingang.portal.auth import SEEN_AT
from ingang.portal.tests.conftest import Portal, PortalLogin
from ingang.testing.factories import PersonFactory
from ingang.testing.world import World

pytestmark = pytest.mark.django_db


def test_pages_ask_for_sign_in(client: Client) -> None:
    response = client.get("/mina-sidor/plan/")
    assert response.status_code == 302
    assert response["Location"].startswith("/mina-sidor/logga-in/?next=/mina-sidor/plan/")


def test_a_demo_person_signs_in_and_lands_on_the_page_asked_for(
    client: Client, portal: Portal
) -> None:
    kim = portal.world.kim
    response = client.post(
        "/mina-sidor/logga-in/",
        {"personal_number": kim.formatted_number, "next": "/mina-sidor/plan/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/mina-sidor/plan/"
    cookie = response.cookies["ingang_mina_sidor"]
    assert cookie["path"] == "/mina-sidor/"
    assert cookie["httponly"]
    assert client.get("/mina-sidor/").status_code == 200


def test_the_next_page_is_never_outside_my_pages(client: Client, world: World) -> None:
    response = client.post(
        "/mina-sidor/logga-in/",
        {"personal_number": world.kim.formatted_number, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/mina-sidor/"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("19800101-1000", "Kontrollsiffran eller datumet är fel"),
        ("hello", "ÅÅÅÅMMDD-NNNN"),
        ("", "Detta fält måste fyllas i"),
    ],
)
def test_bad_numbers_get_a_clear_message(
    client: Client, world: World, number: str, message: str
) -> None:
    response = client.post("/mina-sidor/logga-in/", {"personal_number": number})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "ingang_mina_sidor" not in response.cookies


def test_the_demo_sign_in_never_opens_a_real_persons_pages(client: Client, world: World) -> None:
    real = PersonFactory.create(is_test_data=False)
    response = client.post("/mina-sidor/logga-in/", {"personal_number": real.formatted_number})
    assert response.status_code == 200
    assert "Det finns ingen demoperson med det numret" in response.content.decode()
    assert client.get("/mina-sidor/").status_code == 302


@override_settings(DEMO_MODE=False)
def test_without_demo_mode_there_is_no_demo_sign_in(client: Client, world: World) -> None:
    page = client.get("/mina-sidor/logga-in/")
    assert "personal_number" not in page.content.decode()
    response = client.post("/mina-sidor/logga-in/", {"personal_number": world.kim.formatted_number})
    assert response.status_code == 404
    assert client.get("/mina-sidor/").status_code == 302


def test_a_staff_session_does_not_open_my_pages(login, world: World) -> None:  # type: ignore[no-untyped-def]
    client = login(world.mia_ame_coordinator)
    response = client.get("/mina-sidor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/mina-sidor/logga-in/")


def test_a_portal_session_does_not_open_staff_pages(
    portal_login: PortalLogin, world: World
) -> None:
    client = portal_login(world.kim)
    response = client.get(f"/personer/{world.kim.public_id}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_signing_out_ends_the_session(portal_login: PortalLogin, world: World) -> None:
    client = portal_login(world.kim)
    response = client.post("/mina-sidor/logga-ut/")
    assert response.status_code == 302
    assert client.get("/mina-sidor/").status_code == 302


def test_an_idle_session_times_out(portal_login: PortalLogin, world: World, settings: Any) -> None:
    client = portal_login(world.kim)
    store = client.get("/mina-sidor/").wsgi_request.portal_session  # type: ignore[attr-defined]
    store[SEEN_AT] = int(time.time()) - settings.PORTAL_SESSION_IDLE_TIMEOUT - 5
    store.save()
    assert client.get("/mina-sidor/").status_code == 302
