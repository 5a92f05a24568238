"""The meeting pages: what each reader sees through the gate, and what they leave in the log."""

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.audit.models import AccessEvent, Outcome
from ingang.meetings.models import Meeting
from ingang.meetings.selectors import meetings_upcoming_for
from ingang.testing.factories import CaseFactory, PersonFactory, add_member
from ingang.testing.world import World

from .helpers import book, local

Login = Callable[[User], Client]


def test_it_shows_another_agencys_meeting_only_with_consent_and_says_why_not(
    world: World, login: Login
) -> None:
    mia, anna = world.mia_ame_coordinator, world.anna_af_caseworker
    by_mia = book(mia, world.kim_case, [mia, anna], purpose="Mias möte")
    by_anna = book(anna, world.kim_case, [mia, anna], purpose="Annas möte")
    url = reverse("meetings:person", args=[world.kim.public_id])

    # Kim's consent carries plan data to AF: Anna sees both.
    page = login(anna).get(url).content.decode()
    assert "Mias möte" in page and "Annas möte" in page

    # No consent to AME: Mia sees her own agency's meeting and the reason for the rest.
    page = login(mia).get(url).content.decode()
    assert "Mias möte" in page
    assert "Annas möte" not in page
    assert 'data-reason="no_consent"' in page
    detail = reverse("meetings:detail", args=[world.kim.public_id, by_anna.public_id])
    assert login(mia).get(detail).status_code == 404
    mine = reverse("meetings:detail", args=[world.kim.public_id, by_mia.public_id])
    assert login(mia).get(mine).status_code == 200


def test_it_gives_staff_outside_the_team_404_and_logs_the_attempt(
    world: World, login: Login
) -> None:
    meeting = book(world.mia_ame_coordinator, world.kim_case, [world.mia_ame_coordinator])
    client = login(world.henrik_region_nurse)

    for url in (
        reverse("meetings:person", args=[world.kim.public_id]),
        reverse("meetings:book", args=[world.kim.public_id]),
        reverse("meetings:detail", args=[world.kim.public_id, meeting.public_id]),
    ):
        assert client.get(url).status_code == 404

    denied = AccessEvent.objects.filter(
        actor=world.henrik_region_nurse, person=world.kim, outcome=Outcome.DENIED
    )
    assert set(denied.values_list("action", flat=True)) == {
        "meeting.list",
        "meeting.book",
        "meeting.view",
    }


def test_it_books_through_the_form_and_refuses_an_end_before_the_start(
    world: World, login: Login
) -> None:
    client = login(world.mia_ame_coordinator)
    url = reverse("meetings:book", args=[world.kim.public_id])
    day = local(4).date().isoformat()
    form = {
        "date": day,
        "start_time": "10:00",
        "end_time": "09:00",
        "channel": "visit",
        "place": "Kanalgatan 4",
        "purpose": "Uppstart",
        "participants": [world.mia_ame_coordinator.pk, world.anna_af_caseworker.pk],
        "person_attends": "on",
    }

    refused = client.post(url, form)
    assert refused.status_code == 200
    assert gettext("The meeting must end after it starts.") in refused.content.decode()
    assert not Meeting.objects.exists()

    booked = client.post(url, {**form, "end_time": "11:00"})
    meeting = Meeting.objects.get()
    assert booked["Location"] == reverse(
        "meetings:detail", args=[world.kim.public_id, meeting.public_id]
    )
    assert meeting.starts_at == local(4, 10)


def test_it_refuses_a_participant_from_outside_the_team_in_the_form(
    world: World, login: Login
) -> None:
    client = login(world.mia_ame_coordinator)
    response = client.post(
        reverse("meetings:book", args=[world.kim.public_id]),
        {
            "date": local(4).date().isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "channel": "phone",
            "purpose": "Uppstart",
            "participants": [world.henrik_region_nurse.pk],
        },
    )

    assert response.status_code == 200
    assert not Meeting.objects.exists()


def calendar_url(world: World) -> str:
    return reverse("meetings:calendar") + f"?vecka={local(4).date().isoformat()}"


def meetings_for_new_people(anna: User, count: int) -> None:
    for _n in range(count):
        case = CaseFactory.create(person=PersonFactory.create(registering_agency=anna.agency))
        add_member(case, anna)
        book(anna, case, [anna], starts_at=local(4, 9))


def test_it_shows_my_calendar_with_names_through_the_gate_and_logs_each_person(
    world: World, login: Login
) -> None:
    anna = world.anna_af_caseworker
    book(world.mia_ame_coordinator, world.kim_case, [anna], starts_at=local(4, 13))
    book(
        world.mia_ame_coordinator, world.kim_case, [world.farid_fk_officer], starts_at=local(4, 14)
    )

    page = login(anna).get(calendar_url(world)).content.decode()

    assert page.count('class="meeting"') == 1
    assert "Kim Andersson" in page
    event = AccessEvent.objects.get(actor=anna, action="meeting.calendar")
    assert event.person == world.kim
    assert event.outcome == Outcome.ALLOWED
    assert set(event.basis) == {"identity", "plan"}


def test_it_hides_a_calendar_meeting_the_gate_withholds_and_says_why(
    world: World, login: Login
) -> None:
    anna, mia = world.anna_af_caseworker, world.mia_ame_coordinator
    book(anna, world.kim_case, [mia], starts_at=local(4, 13), purpose="Hemligt syfte")

    page = login(mia).get(calendar_url(world)).content.decode()

    assert "Hemligt syfte" not in page
    assert 'data-reason="no_consent"' in page
    assert AccessEvent.objects.filter(
        actor=mia, action="meeting.calendar", outcome=Outcome.DENIED, person=world.kim
    ).exists()


def test_it_reads_the_calendar_in_the_same_number_of_queries_for_one_or_many_people(
    world: World, login: Login
) -> None:
    anna = world.anna_af_caseworker
    client = login(anna)
    meetings_for_new_people(anna, 1)
    client.get(calendar_url(world))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(calendar_url(world))
    meetings_for_new_people(anna, 6)
    with CaptureQueriesContext(connection) as many:
        page = client.get(calendar_url(world)).content.decode()

    assert page.count('class="meeting"') == 7
    assert len(many) == len(one)


def test_it_offers_upcoming_meetings_as_candidate_rows(world: World) -> None:
    anna = world.anna_af_caseworker
    soon = book(world.mia_ame_coordinator, world.kim_case, [anna], starts_at=local(2))
    book(world.mia_ame_coordinator, world.kim_case, [anna], starts_at=local(20))
    book(world.mia_ame_coordinator, world.kim_case, [world.farid_fk_officer], starts_at=local(2))

    rows = list(meetings_upcoming_for(anna, days=14))

    assert rows == [soon]
    assert rows[0].person_id == world.kim.pk
    assert rows[0].owning_agency_id == world.ame.pk
    assert local(2) - timedelta(days=1) < rows[0].starts_at
