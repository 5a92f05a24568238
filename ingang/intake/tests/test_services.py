"""The one door in: one registration per person, and nobody leaves without a next meeting."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from ingang.audit.models import AccessEvent, Outcome
from ingang.cases.models import Case, CaseMember
from ingang.intake.models import Contact, ContactChannel, ContactState
from ingang.intake.services import (
    contact_close,
    contact_close_with_meeting,
    contact_register,
    contact_register_new_person,
    contact_route,
)
from ingang.meetings.models import Meeting, MeetingChannel
from ingang.meetings.services import meeting_cancel
from ingang.meetings.tests.helpers import book, local
from ingang.people.models import Person
from ingang.testing.factories import identity_number
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

NEW_NUMBER = identity_number(date(1991, 3, 14), 456)
# The same number with a wrong check digit.
BAD_NUMBER = NEW_NUMBER[:-1] + str((int(NEW_NUMBER[-1]) + 1) % 10)


def register_new(world: World, **overrides: str) -> Contact:
    fields = {
        "channel": ContactChannel.PHONE,
        "need": "Jag vill ha hjälp att komma tillbaka till jobb.",
        "personal_number": NEW_NUMBER,
        "given_name": "Nora",
        "family_name": "Lund",
        **overrides,
    }
    return contact_register_new_person(actor=world.frida_front_desk, **fields)


def test_it_registers_a_new_person_with_a_case_coordinated_by_the_front_desk(
    world: World,
) -> None:
    contact = register_new(world)

    person = Person.objects.get(personal_number=NEW_NUMBER)
    case = Case.objects.get(person=person)
    assert contact.person == person
    assert contact.case == case
    assert case.coordinator == world.frida_front_desk
    assert contact.owning_agency == world.ame
    assert contact.state == ContactState.OPEN
    event = TimelineEvent.objects.get(person=person, kind="intake.contact_registered")
    assert event.category == "notes"


def test_it_refuses_a_second_registration_of_the_same_person_and_logs_it(
    world: World,
) -> None:
    with pytest.raises(ValidationError) as caught:
        register_new(world, personal_number=world.kim.personal_number)

    assert caught.value.message_dict["personal_number"] == [
        gettext(
            "This person is already registered and has a team you are not on. "
            "A contact is recorded by the person's team: ask the person who their "
            "coordinator is and hand over to them, or ask the coordinator to add "
            "you to the team."
        )
    ]
    assert Person.objects.filter(personal_number=world.kim.personal_number).count() == 1
    assert not Contact.objects.exists()
    assert AccessEvent.objects.filter(
        actor=world.frida_front_desk,
        person=world.kim,
        action="person.register_duplicate",
        outcome=Outcome.DENIED,
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"personal_number": BAD_NUMBER}, "personal_number"),
        ({"need": "   "}, "need"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(
    world: World, overrides: dict[str, str], field: str
) -> None:
    people_before = Person.objects.count()

    with pytest.raises(ValidationError) as caught:
        register_new(world, **overrides)

    assert field in caught.value.message_dict
    assert Person.objects.count() == people_before
    assert not Contact.objects.exists()
    assert not Case.objects.exclude(pk=world.kim_case.pk).exists()


def test_it_records_a_contact_only_for_staff_on_the_team(world: World) -> None:
    with pytest.raises(PermissionDenied):
        contact_register(
            actor=world.frida_front_desk,
            case=world.kim_case,
            channel=ContactChannel.VISIT,
            need="Behöver hjälp",
        )
    assert not Contact.objects.exists()

    contact = contact_register(
        actor=world.mia_ame_coordinator,
        case=world.kim_case,
        channel=ContactChannel.LETTER,
        need="Behöver hjälp",
    )
    assert contact.registered_by == world.mia_ame_coordinator


def test_it_routes_to_a_named_staff_member_who_joins_the_team(world: World) -> None:
    contact = register_new(world)

    contact_route(contact=contact, actor=world.frida_front_desk, staff=world.anna_af_caseworker)

    contact.refresh_from_db()
    assert contact.routed_to == world.anna_af_caseworker
    assert CaseMember.objects.filter(case=contact.case, staff=world.anna_af_caseworker).exists()
    assert TimelineEvent.objects.filter(
        person=contact.person, kind="intake.contact_routed"
    ).exists()


def test_it_cannot_close_a_contact_without_a_next_step_and_a_meeting(world: World) -> None:
    contact = register_new(world)
    frida = world.frida_front_desk
    meeting = book(frida, contact.case, [frida])

    with pytest.raises(ValidationError) as no_step:
        contact_close(contact=contact, actor=frida, next_step=" ", meeting=meeting)
    assert no_step.value.message_dict["next_step"] == [
        gettext("Write the next step for the person.")
    ]
    with pytest.raises(ValidationError) as no_meeting:
        contact_close(contact=contact, actor=frida, next_step="Träffa AF", meeting=None)
    assert no_meeting.value.messages == [
        gettext("Book the next meeting: a contact cannot be closed without one.")
    ]
    other = book(world.mia_ame_coordinator, world.kim_case, [world.mia_ame_coordinator])
    with pytest.raises(ValidationError):
        contact_close(contact=contact, actor=frida, next_step="Träffa AF", meeting=other)
    past = meeting.starts_at + timedelta(minutes=1)
    with pytest.raises(ValidationError) as started:
        contact_close(
            contact=contact, actor=frida, next_step="Träffa AF", meeting=meeting, now=past
        )
    assert started.value.messages == [gettext("The next meeting must be in the future.")]
    contact.refresh_from_db()
    assert contact.state == ContactState.OPEN

    contact_close(contact=contact, actor=frida, next_step="Träffa AF", meeting=meeting)

    contact.refresh_from_db()
    assert contact.state == ContactState.CLOSED
    assert contact.next_meeting == meeting
    assert contact.next_step == "Träffa AF"


def test_it_cannot_close_with_a_cancelled_meeting(world: World) -> None:
    contact = register_new(world)
    frida = world.frida_front_desk
    meeting = book(frida, contact.case, [frida])
    meeting_cancel(meeting=meeting, actor=frida, reason="Fel tid")

    with pytest.raises(ValidationError):
        contact_close(contact=contact, actor=frida, next_step="Träffa AF", meeting=meeting)


def test_it_books_and_closes_together_or_not_at_all(world: World) -> None:
    contact = register_new(world)
    frida = world.frida_front_desk
    booking: dict[str, Any] = {
        "starts_at": local(2, 10),
        "ends_at": local(2, 9),
        "channel": MeetingChannel.VISIT,
        "place": "Kanalgatan 4",
        "purpose": "Första mötet",
        "participants": [frida],
    }

    with pytest.raises(ValidationError) as caught:
        contact_close_with_meeting(contact=contact, actor=frida, next_step="Träffa AF", **booking)
    assert caught.value.message_dict["ends_at"] == [
        gettext("The meeting must end after it starts.")
    ]
    assert not Meeting.objects.exists()
    contact.refresh_from_db()
    assert contact.state == ContactState.OPEN

    with pytest.raises(ValidationError):
        contact_close_with_meeting(
            contact=contact, actor=frida, next_step="", **{**booking, "ends_at": local(2, 11)}
        )
    assert not Meeting.objects.exists()

    contact_close_with_meeting(
        contact=contact, actor=frida, next_step="Träffa AF", **{**booking, "ends_at": local(2, 11)}
    )
    contact.refresh_from_db()
    assert contact.state == ContactState.CLOSED
    assert contact.next_meeting == Meeting.objects.get()
