"""The start page: a page of own cases and the consents expiring soon, read through the gate."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ingang.access.selectors import CASES_PER_PAGE
from ingang.audit.models import AccessEvent
from ingang.testing.factories import CaseFactory, ConsentFactory, PersonFactory, add_member
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World

HOME = reverse("core:home")


def give_anna_cases(world: World, count: int) -> None:
    for _ in range(count):
        person = PersonFactory.create(registering_agency=world.af)
        case = CaseFactory.create(person=person, coordinator=world.mia_ame_coordinator)
        add_member(case, world.anna_af_caseworker)


def queries_for_home(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


def test_it_costs_the_same_queries_for_one_case_or_a_full_page(
    world: World, login: LoginAs
) -> None:
    client = login(world.anna_af_caseworker)
    client.get(HOME)  # the first request also refreshes the session
    few = queries_for_home(client)
    give_anna_cases(world, CASES_PER_PAGE + 5)
    assert queries_for_home(client) == few


def test_it_reads_and_logs_only_the_people_on_the_page_shown(world: World, login: LoginAs) -> None:
    give_anna_cases(world, CASES_PER_PAGE + 5)
    client = login(world.anna_af_caseworker)
    before = AccessEvent.objects.count()
    response = client.get(HOME)
    listed = AccessEvent.objects.filter(seq__gt=before, action="case.list")
    assert len(response.context["cases"]) == CASES_PER_PAGE
    assert listed.count() == CASES_PER_PAGE
    second = client.get(HOME, {"sida": 2})
    assert len(second.context["cases"]) == 6  # Kim plus the five beyond the first page


def test_it_names_people_with_expiring_consent_even_beyond_the_first_page(
    world: World, login: LoginAs
) -> None:
    give_anna_cases(world, CASES_PER_PAGE + 5)
    oldest = world.kim  # Kim's case is the oldest, so it is not on the first page
    ConsentFactory.create(
        person=oldest,
        categories=["identity"],
        agencies=[world.af],
        valid_until=timezone.localdate() + timedelta(days=10),
        registered_by=world.mia_ame_coordinator,
    )
    response = login(world.anna_af_caseworker).get(HOME)
    [(_consent, person)] = response.context["expiring"]
    assert person.name == "Kim Andersson"
    assert "Kim Andersson" in response.content.decode()
