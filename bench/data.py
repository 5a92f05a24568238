"""The benchmark's data: the test personas plus two people for the query-count check."""

from dataclasses import dataclass
from itertools import cycle
from typing import cast

from django.db import transaction

from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.testing.factories import (
    CaseFactory,
    ConsentFactory,
    EntryFactory,
    PersonFactory,
    add_member,
)
from ingang.testing.world import World, build_world

# The consent Kim gave in the world, repeated for the query-count people.
_CONSENTED = ["identity", "plan", "employment", "insurance", "notes"]


@dataclass
class BenchData:
    world: World
    # Same case, team and consent as Kim; one with 1 entry, one with `many` entries.
    one: Person
    many: Person
    many_count: int


def _person_like_kim(world: World, given_name: str) -> Person:
    person = cast(
        Person,
        PersonFactory(given_name=given_name, family_name="Bench", registering_agency=world.ame),
    )
    case = cast(Case, CaseFactory(person=person, coordinator=world.mia_ame_coordinator))
    for member in (
        world.mia_ame_coordinator,
        world.anna_af_caseworker,
        world.farid_fk_officer,
        world.sara_social_services,
    ):
        add_member(case, member)
    ConsentFactory(
        person=person,
        categories=_CONSENTED,
        agencies=[world.af, world.fk, world.social],
        registered_by=world.mia_ame_coordinator,
    )
    return person


def _writers(world: World) -> list[tuple[Category, Agency, User]]:
    """Entry kinds across agencies and authors: own, consented and withheld data."""
    return [
        (Category.EMPLOYMENT, world.af, world.anna_af_caseworker),
        (Category.INSURANCE, world.fk, world.farid_fk_officer),
        (Category.PLAN, world.ame, world.mia_ame_coordinator),
        (Category.NOTES, world.social, world.sara_social_services),
        (Category.SOCIAL, world.social, world.sara_social_services),
        (Category.HEALTH, world.region, world.henrik_region_nurse),
        (Category.ASSESSMENT, world.af, world.anna_af_caseworker),
    ]


def bench_data_build(many: int = 100) -> BenchData:
    with transaction.atomic():
        world = build_world()
        one = _person_like_kim(world, "Ett")
        lots = _person_like_kim(world, "Hundra")
        writers = _writers(world)
        category, agency, author = writers[0]
        EntryFactory(person=one, category=category, owning_agency=agency, author=author)
        for _n, (category, agency, author) in zip(range(many), cycle(writers), strict=False):
            EntryFactory(person=lots, category=category, owning_agency=agency, author=author)
    return BenchData(world=world, one=one, many=lots, many_count=many)
