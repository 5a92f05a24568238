"""The breach query: everyone whose data one staff member read between two times."""

from datetime import datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ingang.audit.models import AccessEvent, Channel, Outcome
from ingang.people.models import Person
from ingang.review.scope import STOCKHOLM
from ingang.review.services import breach_report
from ingang.review.tests.helpers import read_at
from ingang.testing.factories import PersonFactory
from ingang.testing.world import World

START = datetime(2026, 11, 2, 8, 0, tzinfo=STOCKHOLM)
END = START + timedelta(hours=8)


def scenario(world: World) -> dict[str, Person]:
    inside, protected, before, refused, other_reader = PersonFactory.create_batch(5)
    protected.protected_identity = True
    protected.responsible_unit = world.af_unit
    protected.save()
    anna = world.anna_af_caseworker
    read_at(START + timedelta(hours=1), anna, inside, categories=("identity",))
    read_at(START + timedelta(hours=2), anna, inside, categories=("employment", "plan"))
    read_at(START + timedelta(hours=3), anna, protected)
    read_at(START - timedelta(minutes=1), anna, before)
    read_at(START + timedelta(hours=1), anna, refused, outcome=Outcome.DENIED)
    read_at(START + timedelta(hours=1), world.farid_fk_officer, other_reader)
    return {"inside": inside, "protected": protected}


def test_it_finds_everyone_read_in_the_window_with_categories(world: World) -> None:
    people = scenario(world)
    found = breach_report(
        auditor=world.olle_auditor, staff=world.anna_af_caseworker, since=START, until=END
    )
    by_ref = {p.public_id: p for p in found}
    inside = by_ref[str(people["inside"].public_id)]
    assert set(by_ref) == {str(people["inside"].public_id), str(people["protected"].public_id)}
    assert inside.categories == ["employment", "identity", "plan"] and inside.reads == 2
    assert inside.first == START + timedelta(hours=1) and inside.last == START + timedelta(hours=2)
    hidden = by_ref[str(people["protected"].public_id)]
    assert hidden.protected_identity and hidden.personal_number == "" and hidden.name == ""
    logged = AccessEvent.objects.filter(actor=world.olle_auditor, action="breach.query")
    assert {e.person_id for e in logged} == {people["inside"].pk, people["protected"].pk}


def test_the_page_and_its_csv(world: World, login) -> None:  # type: ignore[no-untyped-def]
    people = scenario(world)
    client: Client = login(world.olle_auditor)
    query: dict[str, str | int] = {
        "staff": world.anna_af_caseworker.pk,
        "since": "2026-11-02T08:00",
        "until": "2026-11-02T16:00",
    }
    page = client.get(reverse("review:breach"), query).content.decode()
    assert people["inside"].formatted_number in page
    assert "Protected identity: contact through" in page
    text = client.get(reverse("review:breach"), {**query, "format": "csv"}).content.decode()
    assert text.startswith("\ufeff")
    assert f"{people['inside'].formatted_number};" in text
    assert "employment, identity, plan" in text


def test_the_page_refuses_an_end_before_the_start(world: World, login) -> None:  # type: ignore[no-untyped-def]
    client: Client = login(world.olle_auditor)
    query: dict[str, str | int] = {
        "staff": world.anna_af_caseworker.pk,
        "since": "2026-11-02T16:00",
        "until": "2026-11-02T08:00",
    }
    response = client.get(reverse("review:breach"), query)
    assert "error-summary" in response.content.decode()
    assert not AccessEvent.objects.filter(action="breach.query").exists()


def test_the_command_writes_csv_and_logs_as_the_auditor(world: World) -> None:
    people = scenario(world)
    out = StringIO()
    call_command(
        "breach_query",
        "--staff=anna.af",
        "--from=2026-11-02T08:00",
        "--to=2026-11-02T16:00",
        "--by=olle.revisor",
        stdout=out,
        stderr=StringIO(),
    )
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 3
    assert any(people["inside"].formatted_number in line for line in lines)
    assert AccessEvent.objects.filter(action="breach.query", channel=Channel.COMMAND).count() == 2
