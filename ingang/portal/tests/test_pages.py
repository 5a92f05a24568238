"""What the person sees on My pages, and that every page is their own and logged."""

import io

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from pypdf import PdfReader

from ingang.audit.models import AccessEvent, Channel
from ingang.plans.tests.helpers import add
from ingang.portal.tests.conftest import LO_MARKERS, Portal, PortalLogin

pytestmark = pytest.mark.django_db

SIGN_IN_ROUTES = {"logga-in/", "logga-in/e-legitimation/", "logga-in/e-legitimation/retur/"}


def _all_routes() -> list[str]:
    resolver = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and str(p.pattern) == "mina-sidor/"
    )
    routes = []
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        routes.append(str(pattern.pattern))
    return routes


def _portal_routes() -> list[str]:
    """Every page of My pages without parameters (sign-in and sign-out aside).

    Pages taking an opaque reference (a consent's UUID, a signed token) are
    tested by their own app's tests; POST-only routes answer GET with 405.
    """
    return [
        "/mina-sidor/" + route
        for route in _all_routes()
        if route not in SIGN_IN_ROUTES and route != "logga-ut/" and "<" not in route
    ]


def _text(response) -> str:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        return " ".join(text.split())  # table cells wrap lines
    return body.decode()


def test_no_portal_url_names_a_person_or_takes_a_guessable_id() -> None:
    """The session decides whose pages these are. A URL may carry only an opaque reference."""
    for route in _all_routes():
        assert "person" not in route, route
        assert "<int:" not in route and "<path:" not in route, route


def test_every_portal_page_needs_the_persons_own_sign_in(client: Client, portal: Portal) -> None:
    for route in _portal_routes():
        response = client.get(route)
        assert response.status_code == 302, route
        assert response["Location"].startswith("/mina-sidor/logga-in/"), route


def test_no_portal_page_shows_anything_of_another_person(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    client = portal_login(portal.world.kim)
    for route in _portal_routes():
        response = client.get(route)
        if response.status_code == 405:
            continue
        assert response.status_code == 200, route
        text = _text(response)
        for marker in LO_MARKERS:
            assert marker not in text, (route, marker)
        assert portal.lo.personal_number[:8] not in text, route
        assert str(portal.lo.public_id) not in text, route


def test_every_portal_page_leaves_an_access_event(
    portal_login: PortalLogin, portal: Portal
) -> None:
    client = portal_login(portal.world.kim)
    for route in _portal_routes():
        before = AccessEvent.objects.count()
        if client.get(route).status_code == 405:
            continue
        events = list(AccessEvent.objects.order_by("seq")[before:])
        assert events, route
        assert all(e.person_id == portal.world.kim.pk for e in events), route
        assert all(e.channel == Channel.PORTAL and e.actor_id is None for e in events), route


def test_the_start_page_shows_goal_next_meeting_and_coordinator(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    text = portal_login(portal.world.kim).get("/mina-sidor/").content.decode()
    assert "Arbete inom vården" in text
    assert "Uppföljning av planen" in text
    assert "Mia Nilsson" in text


def test_the_plan_shows_each_activity_with_who_is_responsible(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    text = portal_login(portal.world.kim).get("/mina-sidor/plan/").content.decode()
    assert "Söka jobb som undersköterska" in text
    assert "Anna Lind, Arbetsförmedlingen" in text


def test_a_clash_is_explained_to_the_person(portal_login: PortalLogin, portal: Portal) -> None:
    world = portal.world
    add(world.kim_case, world.farid_fk_officer, "sick_leave", percent=100)
    response = portal_login(world.kim).get("/mina-sidor/plan/")
    text = response.content.decode()
    assert 'class="card clash-note"' in text
    assert "Försäkringskassan" in text.split('class="card clash-note"')[1]


def test_the_plan_read_is_logged_as_the_persons_own(
    portal_login: PortalLogin, portal: Portal
) -> None:
    before = AccessEvent.objects.count()
    portal_login(portal.world.kim).get("/mina-sidor/plan/")
    event = AccessEvent.objects.order_by("seq")[before:].get()
    assert event.action == "portal.plan"
    assert event.basis == {"identity": "self", "plan": "self"}
    assert event.actor_id is None
    assert event.channel == Channel.PORTAL


def test_the_plan_pdf_carries_the_plan_in_swedish(
    portal_login: PortalLogin, portal: Portal
) -> None:
    response = portal_login(portal.world.kim).get("/mina-sidor/plan/min-plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(response)
    for expected in (
        "Kim Andersson",
        "Arbete inom vården",
        "Söka jobb som undersköterska",
        "Anna Lind",
        "Arbetsförmedlingen",
        "Uppföljning av planen",
        "Mia Nilsson",
    ):
        assert expected in text, expected


def test_protected_identity_keeps_the_address_off_my_pages(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    kim = portal.world.kim
    kim.protected_identity = True
    kim.responsible_unit = portal.world.ame_unit
    kim.phone = "070-1234567"
    kim.save()
    client = portal_login(kim)
    for route in _portal_routes():
        response = client.get(route)
        if response.status_code == 405:
            continue
        text = _text(response)
        for detail in ("Storgatan 1", "931 30", "070-1234567"):
            assert detail not in text, (route, detail)
