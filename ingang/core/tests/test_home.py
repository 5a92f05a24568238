"""The start page: a page of own cases and the consents expiring soon, read through the gate."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ingang.access.selectors import CASES_PER_PAGE
from ingang.audit.models import AccessEvent
from ingang.meetings.services import meeting_book
from ingang.plans.clashes import RULES_BY_CODE
from ingang.plans.services import activity_create
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


def give_kim_work(world: World, clashes: int) -> None:
    """Clashes (FK sick leave against AF internships), meetings and notifications for Kim."""
    today = timezone.localdate()
    activity_create(
        case=world.kim_case,
        actor=world.farid_fk_officer,
        type="sick_leave",
        responsible=world.farid_fk_officer,
        start_date=today,
        end_date=today + timedelta(days=90),
        percent=100,
    )
    for n in range(clashes):
        activity_create(
            case=world.kim_case,
            actor=world.anna_af_caseworker,
            type="internship",
            responsible=world.anna_af_caseworker,
            start_date=today + timedelta(days=n + 1),
            end_date=today + timedelta(days=60),
            hours_per_week=Decimal(20),
        )
        start = timezone.now() + timedelta(days=1, hours=n)
        meeting_book(
            actor=world.farid_fk_officer,
            case=world.kim_case,
            starts_at=start,
            ends_at=start + timedelta(minutes=45),
            channel="phone",
            purpose="Avstämning",
            participants=[world.anna_af_caseworker, world.farid_fk_officer],
        )


def test_the_dashboard_shows_clashes_meetings_and_unread_events(
    world: World, login: LoginAs
) -> None:
    give_kim_work(world, clashes=1)

    response = login(world.anna_af_caseworker).get(HOME)

    dashboard = response.context["dashboard"]
    # Full sick leave excludes an internship, and leaves no hours for it either.
    assert {row.listed.person.name for row in dashboard.clashes} == {"Kim Andersson"}
    assert {row.title for row in dashboard.clashes} == {
        str(RULES_BY_CODE["exclusive"].title),
        str(RULES_BY_CODE["over_capacity"].title),
    }
    assert [m.item.purpose for m in dashboard.meetings] == ["Avstämning"]
    assert dashboard.unread, "FK's writes reach Anna's inbox"
    assert all(listed.item is not None for _n, listed in dashboard.unread)
    logged = AccessEvent.objects.get(action="dashboard.view", person=world.kim)
    assert set(logged.basis) == {"identity", "plan"}


def test_the_dashboard_costs_the_same_queries_for_one_item_or_many(
    world: World, login: LoginAs
) -> None:
    client = login(world.anna_af_caseworker)
    give_kim_work(world, clashes=1)
    client.get(HOME)
    few = queries_for_home(client)

    give_kim_work(world, clashes=6)

    assert queries_for_home(client) == few
