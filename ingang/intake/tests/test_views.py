"""The front desk's pages: search first, register once, and close only with a booked meeting."""

from collections.abc import Callable
from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.audit.models import AccessEvent, Outcome
from ingang.intake.models import Contact, ContactChannel, ContactState
from ingang.intake.services import contact_register, contact_register_new_person
from ingang.meetings.models import Meeting
from ingang.meetings.tests.helpers import local
from ingang.people.models import Person
from ingang.testing.factories import identity_number
from ingang.testing.world import World

Login = Callable[[User], Client]
NEW_NUMBER = identity_number(date(1991, 3, 14), 456)
DUPLICATE = gettext(
    "This person is already registered and has a team you are not on. "
    "A contact is recorded by the person's team: ask the person who their "
    "coordinator is and hand over to them, or ask the coordinator to add "
    "you to the team."
)


def new_contact(world: World, serial: int = 456) -> Contact:
    return contact_register_new_person(
        actor=world.frida_front_desk,
        channel=ContactChannel.VISIT,
        need="Jag behöver hjälp med ekonomin och att hitta jobb.",
        personal_number=identity_number(date(1991, 3, 14), serial),
        given_name="Nora",
        family_name=f"Lund{serial}",
    )


def test_it_takes_a_new_person_from_the_first_contact_to_a_booked_meeting(
    world: World, login: Login
) -> None:
    client = login(world.frida_front_desk)
    start = reverse("intake:start")

    searched = client.post(
        start, {"step": "search", "personal_number": NEW_NUMBER, "channel": "phone"}
    )
    assert searched.status_code == 200
    assert 'name="step" value="register"' in searched.content.decode()

    registered = client.post(
        start,
        {
            "step": "register",
            "personal_number": NEW_NUMBER,
            "given_name": "Nora",
            "family_name": "Lund",
            "channel": "phone",
            "need": "Jag vill börja jobba igen.",
        },
    )
    contact = Contact.objects.get()
    assert contact.channel == ContactChannel.PHONE
    contact_url = reverse("intake:contact", args=[contact.person.public_id, contact.public_id])
    assert registered["Location"] == contact_url

    routed = client.post(contact_url, {"username": world.anna_af_caseworker.username})
    assert routed["Location"] == contact_url

    close_url = reverse("intake:close", args=[contact.person.public_id, contact.public_id])
    closing = {
        "next_step": "Anna på AF ringer dig om praktik.",
        "date": local(3).date().isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "channel": "visit",
        "place": "Kanalgatan 4, Skellefteå",
        "purpose": "Planera praktik",
        "participants": [world.frida_front_desk.pk, world.anna_af_caseworker.pk],
        "person_attends": "on",
    }
    refused = client.post(close_url, {**closing, "date": ""})
    assert refused.status_code == 200
    assert not Meeting.objects.exists()
    contact.refresh_from_db()
    assert contact.state == ContactState.OPEN

    closed = client.post(close_url, closing)
    summary_url = reverse("intake:summary", args=[contact.person.public_id, contact.public_id])
    assert closed["Location"] == summary_url
    contact.refresh_from_db()
    assert contact.state == ContactState.CLOSED

    summary = client.get(summary_url).content.decode()
    assert "Anna på AF ringer dig om praktik." in summary
    assert "Kanalgatan 4, Skellefteå" in summary
    assert local(3, 10).strftime("%Y-%m-%d 10:00") in summary
    assert world.anna_af_caseworker.display_name in summary


def test_it_refuses_a_bad_number_with_a_clear_message_and_saves_nothing(
    world: World, login: Login
) -> None:
    response = login(world.frida_front_desk).post(
        reverse("intake:start"), {"step": "search", "personal_number": "123", "channel": "visit"}
    )

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert Person.objects.count() == 1
    assert not Contact.objects.exists()


def test_it_sends_team_members_straight_to_the_person_they_searched_for(
    world: World, login: Login
) -> None:
    response = login(world.mia_ame_coordinator).post(
        reverse("intake:start"),
        {"step": "search", "personal_number": world.kim.personal_number, "channel": "letter"},
    )

    assert response["Location"] == (
        reverse("intake:contact_new", args=[world.kim.public_id]) + "?kanal=letter"
    )


def test_it_tells_the_front_desk_when_the_person_has_a_team_they_are_not_on(
    world: World, login: Login
) -> None:
    client = login(world.frida_front_desk)

    response = client.post(
        reverse("intake:start"),
        {
            "step": "register",
            "personal_number": world.kim.personal_number,
            "given_name": "Kim",
            "family_name": "Andersson",
            "channel": "visit",
            "need": "Hjälp",
        },
    )

    assert response.status_code == 200
    assert escape(DUPLICATE) in response.content.decode()
    assert Person.objects.count() == 1
    assert not Contact.objects.exists()
    assert AccessEvent.objects.filter(
        actor=world.frida_front_desk, person=world.kim, outcome=Outcome.DENIED
    ).exists()


def test_it_gives_staff_outside_the_team_404_and_logs_it(world: World, login: Login) -> None:
    contact = contact_register(
        actor=world.mia_ame_coordinator,
        case=world.kim_case,
        channel=ContactChannel.PHONE,
        need="Hjälp",
    )
    client = login(world.henrik_region_nurse)

    for name in ("intake:contact", "intake:close", "intake:summary"):
        url = reverse(name, args=[world.kim.public_id, contact.public_id])
        assert client.get(url).status_code == 404
    assert client.get(reverse("intake:contact_new", args=[world.kim.public_id])).status_code == 404

    assert set(
        AccessEvent.objects.filter(
            actor=world.henrik_region_nurse, outcome=Outcome.DENIED
        ).values_list("action", flat=True)
    ) == {"intake.contact", "intake.contact_close", "intake.summary", "intake.contact_new"}


def test_it_shows_other_agencies_contacts_only_with_consent(world: World, login: Login) -> None:
    contact = contact_register(
        actor=world.anna_af_caseworker,
        case=world.kim_case,
        channel=ContactChannel.PHONE,
        need="Hjälp med CV",
    )
    url = reverse("intake:contact", args=[world.kim.public_id, contact.public_id])

    # Kim's consent carries notes to FK, not to AME.
    assert "Hjälp med CV" in login(world.farid_fk_officer).get(url).content.decode()
    assert login(world.mia_ame_coordinator).get(url).status_code == 404


def test_it_shows_the_reception_dashboard_with_names_only_through_the_gate(
    world: World, login: Login
) -> None:
    mine = new_contact(world)
    # A colleague at the same desk records a contact for Kim, whose team Frida is not on.
    contact_register(
        actor=world.mia_ame_coordinator,
        case=world.kim_case,
        channel=ContactChannel.LETTER,
        need="Brev",
    )

    page = login(world.frida_front_desk).get(reverse("intake:reception")).content.decode()

    assert "Nora Lund456" in page
    assert "Kim Andersson" not in page
    assert 'data-reason="not_on_team"' in page
    assert AccessEvent.objects.filter(
        actor=world.frida_front_desk,
        action="intake.reception",
        person=mine.person,
        outcome=Outcome.ALLOWED,
    ).exists()
    assert AccessEvent.objects.filter(
        actor=world.frida_front_desk,
        action="intake.reception",
        person=world.kim,
        outcome=Outcome.DENIED,
    ).exists()
    assert gettext("Waiting for routing") in page


def test_it_reads_the_dashboard_in_the_same_number_of_queries_for_one_or_many_contacts(
    world: World, login: Login
) -> None:
    client = login(world.frida_front_desk)
    url = reverse("intake:reception")
    new_contact(world, 500)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for serial in range(501, 508):
        new_contact(world, serial)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert page.count("Nora Lund5") == 3 * 8  # today, open and unrouted
    assert len(many) == len(one)
