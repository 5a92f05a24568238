"""The gate's SQL (ingang.access.sql) answers exactly what the equivalent querysets answer.

Each seed builds a small random world (several agencies and readers, open and
closed cases, teams, consents naming agencies or staff, some withdrawn or
dated, blocks lifted or not, entries by staff or by the person) and compares
every SQL function, rows and order, with the ORM query it replaces.
"""

import random
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Exists, Model, OuterRef, Q
from django.utils import timezone

from ingang.access import sql
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.consent.models import Block, Consent
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.testing.factories import (
    AgencyFactory,
    CaseFactory,
    ConsentFactory,
    EntryFactory,
    PersonFactory,
    StaffFactory,
    UnitFactory,
    add_member,
)

pytestmark = pytest.mark.django_db

SEEDS = range(12)


def _values(instance: Model) -> dict[str, Any]:
    """Every stored field of an instance, as the application sees it after conversion."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


CATEGORIES = [c.value for c in Category]
ENTRY_VALUES = [c.value for c in ENTRY_CATEGORIES]


def _world(seed: int) -> tuple[random.Random, list[Agency], list[User], list[Person]]:
    rng = random.Random(seed)
    agencies = [AgencyFactory.create(name=f"SQL agency {seed}-{i}") for i in range(3)]
    staff = [
        StaffFactory.create(unit=UnitFactory.create(agency=rng.choice(agencies))) for _ in range(4)
    ] + [StaffFactory.create(unit=None)]
    people = [PersonFactory.create() for _ in range(4)]
    for person in people:
        for state in rng.sample([CaseState.OPEN, CaseState.CLOSED], rng.randint(0, 2)):
            case = CaseFactory.create(person=person, coordinator=rng.choice(staff), state=state)
            for member in rng.sample(staff, rng.randint(0, 3)):
                add_member(case, member)
        entries = []
        for _ in range(rng.randint(0, 6)):
            entries.append(
                EntryFactory.create(
                    person=person,
                    category=rng.choice(ENTRY_VALUES),
                    owning_agency=rng.choice(agencies),
                    author=rng.choice([None, *staff]),
                )
            )
        for _ in range(rng.randint(0, 4)):
            # Few distinct start dates, so that ties put the id order to the test.
            start = date(2025, 1, 1) + timedelta(days=rng.choice([0, 0, 200, 600, 900]))
            consent = ConsentFactory.create(
                person=person,
                categories=rng.sample(CATEGORIES, rng.randint(1, 4)),
                valid_from=start,
                valid_until=rng.choice([None, start + timedelta(days=rng.randint(0, 400))]),
                agencies=rng.sample(agencies, rng.randint(0, 2)),
                staff=rng.sample(staff, rng.randint(0, 2)),
            )
            if rng.random() < 0.3:
                Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
        for _ in range(rng.randint(0, 3)):
            if entries and rng.random() < 0.5:
                block = Block.objects.create(person=person, entry=rng.choice(entries))
            else:
                block = Block.objects.create(person=person, category=rng.choice(ENTRY_VALUES))
            if rng.random() < 0.4:
                Block.objects.filter(pk=block.pk).update(lifted_at=timezone.now())
    return rng, agencies, staff, people


@pytest.mark.parametrize("seed", SEEDS)
def test_the_gate_sql_answers_as_the_querysets_do(seed: int) -> None:
    rng, _agencies, staff, people = _world(seed)
    ids = [p.pk for p in rng.sample(people, rng.randint(1, len(people)))]

    for reader in staff:
        on_team = CaseMember.objects.filter(case=OuterRef("pk"), staff=reader)
        expected_cases = Case.objects.filter(person_id__in=ids, state=CaseState.OPEN).filter(
            Q(coordinator=reader) | Exists(on_team)
        )
        found = sql.related_cases(reader_id=reader.pk, ids=ids)
        assert sorted(map(str, map(_values, found))) == sorted(
            map(str, map(_values, expected_cases))
        )

        agency_id = reader.unit.agency_id if reader.unit is not None else None
        grants = Q(pk__in=[]) if agency_id is None else Q(agency_id=agency_id)
        expected_consents = Consent.objects.filter(person_id__in=ids).annotate(
            for_agency=Exists(
                Consent.agencies.through.objects.filter(grants, consent_id=OuterRef("pk"))
            ),
            for_staff=Exists(
                Consent.staff.through.objects.filter(consent_id=OuterRef("pk"), user_id=reader.pk)
            ),
        )
        consents, blocks = sql.consents_and_blocks(agency_id=agency_id, staff_id=reader.pk, ids=ids)
        assert [(c.pk, names) for c, names in consents] == [
            (c.pk, c.for_agency or c.for_staff) for c in expected_consents
        ]
        # Columns arrive converted as the ORM converts them (dates, JSON, times).
        assert [_values(c) for c, _names in consents] == [_values(c) for c in expected_consents]

        for person in people:
            found_person, found_case = sql.person_and_related_case(
                person.public_id, reader_id=reader.pk
            )
            expected_case = (
                Case.objects.filter(person=person, state=CaseState.OPEN)
                .filter(Q(coordinator=reader) | Exists(on_team))
                .first()
            )
            assert found_person is not None
            assert _values(found_person) == _values(Person.objects.get(pk=person.pk))
            assert (None if found_case is None else _values(found_case)) == (
                None if expected_case is None else _values(expected_case)
            )

        expected_blocks = Block.objects.filter(person_id__in=ids, lifted_at__isnull=True)
        assert sorted(map(str, map(_values, blocks))) == sorted(
            map(str, map(_values, expected_blocks))
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_entries_visible_answers_as_the_queryset_does(seed: int) -> None:
    rng, agencies, _staff, people = _world(seed)
    for person in people:
        own = rng.choice(agencies)
        categories = rng.sample(ENTRY_VALUES, rng.randint(1, len(ENTRY_VALUES)))
        crossing = rng.sample(categories, rng.randint(0, len(categories)))
        expected = list(
            Entry.objects.filter(
                Q(category__in=categories, owning_agency=own) | Q(category__in=crossing),
                person=person,
            ).select_related("owning_agency", "author")
        )

        found = sql.entries_visible(
            person_id=person.pk, own_agency_id=own.pk, categories=categories, crossing=crossing
        )

        assert [_values(e) for e in found] == [_values(e) for e in expected]
        assert [_values(e.owning_agency) for e in found] == [
            _values(e.owning_agency) for e in expected
        ]
        assert [e.author_label for e in found] == [e.author_label for e in expected]


def test_person_by_public_id_finds_the_person_and_nobody_for_an_unknown_id() -> None:
    person = PersonFactory.create()

    found = sql.person_by_public_id(person.public_id)

    assert found is not None
    assert _values(found) == _values(Person.objects.get(pk=person.pk))
    assert sql.person_by_public_id(uuid.uuid4()) is None
