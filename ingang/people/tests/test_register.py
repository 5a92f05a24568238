"""Registering a person: bad input gets a clear Swedish message and saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from ingang.audit.models import AccessEvent
from ingang.cases.models import Case
from ingang.people.models import Person
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World

URL = reverse("people:register")


def post(client: Client, number: str) -> str:
    response = client.post(
        URL, {"personal_number": number, "given_name": "Eva", "family_name": "Ek"}
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("19800101-0018", "Kontrollsiffran eller datumet är fel"),
        ("hello", "ÅÅÅÅMMDD-NNNN"),
        ("19801301-0013", "Kontrollsiffran eller datumet är fel"),
        ("", "Detta fält måste fyllas i"),
    ],
)
def test_it_rejects_a_malformed_or_invalid_number(
    world: World, login: LoginAs, number: str, message: str
) -> None:
    people = Person.objects.count()
    assert message in post(login(world.mia_ame_coordinator), number)
    assert Person.objects.count() == people


def test_it_rejects_a_birth_date_in_the_future(world: World, login: LoginAs) -> None:
    assert "framtiden" in post(login(world.mia_ame_coordinator), "20991231-0019")


def test_it_registers_a_person_and_opens_a_case(world: World, login: LoginAs) -> None:
    client = login(world.frida_front_desk)
    response = client.post(
        URL, {"personal_number": "19900315-2387", "given_name": "Eva", "family_name": "Ek"}
    )
    person = Person.objects.get(personal_number="199003152387")
    assert response.status_code == 302
    case = Case.objects.get(person=person)
    assert case.coordinator == world.frida_front_desk and case.state == "open"


def test_it_accepts_a_coordination_number(world: World, login: LoginAs) -> None:
    client = login(world.mia_ame_coordinator)
    client.post(
        URL, {"personal_number": "19900375-2384", "given_name": "Ali", "family_name": "Noor"}
    )
    assert Person.objects.get(personal_number="199003752384").is_coordination_number


def test_it_refuses_a_duplicate_and_logs_the_attempt(world: World, login: LoginAs) -> None:
    page = post(login(world.henrik_region_nurse), world.kim.formatted_number)
    assert "Det finns redan en person" in page
    assert Person.objects.filter(personal_number=world.kim.personal_number).count() == 1
    event = AccessEvent.objects.get(action="person.register_duplicate")
    assert (event.actor, event.person, event.outcome) == (
        world.henrik_region_nurse,
        world.kim,
        "denied",
    )


def test_roles_without_person_data_cannot_register(world: World, login: LoginAs) -> None:
    response = login(world.alex_analyst).get(URL)
    assert response.status_code == 403
