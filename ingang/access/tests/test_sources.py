"""Data held in other tables passes the same gate as entries (person_record_read sources)."""

from django.db.models import QuerySet

from ingang.access.selectors import Source, person_record_read
from ingang.audit.models import AccessEvent, Outcome
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.testing.world import World


def social_rows(person: Person) -> QuerySet[Entry]:
    return Entry.objects.filter(person=person, category=Category.SOCIAL)


def employment_rows(person: Person) -> QuerySet[Entry]:
    return Entry.objects.filter(person=person, category=Category.EMPLOYMENT)


def test_source_without_consent_shows_only_own_agency_rows_and_logs_the_reason(
    world: World,
) -> None:
    record = person_record_read(
        reader=world.anna_af_caseworker,
        public_id=world.kim.public_id,
        categories=[Category.IDENTITY],
        action="test.sources",
        sources={"social": Source(Category.SOCIAL, social_rows)},
    )

    section = record.data["social"]
    assert section.items == []
    assert not section.cross_agency
    denied = AccessEvent.objects.get(action="test.sources", outcome=Outcome.DENIED)
    assert denied.basis == {"social": "no_consent"}


def test_source_with_consent_shows_other_agencies_rows_with_the_consent_as_basis(
    world: World,
) -> None:
    record = person_record_read(
        reader=world.farid_fk_officer,
        public_id=world.kim.public_id,
        categories=[],
        action="test.sources",
        sources={"employment": Source(Category.EMPLOYMENT, employment_rows)},
    )

    assert record.data["employment"].items == [world.entries["employment"]]
    allowed = AccessEvent.objects.get(action="test.sources", outcome=Outcome.ALLOWED)
    assert allowed.basis == {"employment": f"consent:{world.kim_consent.public_id}"}
    assert not AccessEvent.objects.filter(action="test.sources", outcome=Outcome.DENIED).exists()


def test_source_owner_reads_own_rows_on_own_agency_basis(world: World) -> None:
    record = person_record_read(
        reader=world.sara_social_services,
        public_id=world.kim.public_id,
        categories=[],
        action="test.sources",
        sources={"social": Source(Category.SOCIAL, social_rows)},
    )

    assert record.data["social"].items == [world.entries["social"]]
    allowed = AccessEvent.objects.get(action="test.sources", outcome=Outcome.ALLOWED)
    assert allowed.basis == {"social": "own_agency"}
