"""The benchmark's data: the test personas, two people for the overview's query-count
check (P3), and three people with a joint plan written through the plan services: a
realistic plan for the plan page's throughput (P2) and a plan of 1 and of `activities`
activities for its query count (P3b)."""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import cycle
from typing import cast

from django.db import transaction
from django.utils import timezone

from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.plans.catalogue import ActivityType
from ingang.plans.models import ActivityStatus, Clash
from ingang.plans.services import activity_create, plan_goal_set, sub_goal_add
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
    # Same case, team and consent as Kim, each with a goal and two sub-goals: a realistic
    # plan (8 activities of four agencies, with clashes), and plans of 1 and of
    # `plan_many_count` activities for the query-count check.
    plan: Person
    plan_one: Person
    plan_many: Person
    plan_many_count: int


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


@dataclass(frozen=True)
class _Activity:
    """One activity of the realistic plan: who writes it, what, when (days from today)."""

    actor: str
    type: ActivityType
    start: int
    weeks: int
    hours: int | None = None
    percent: int | None = None
    # Index into the plan's two sub-goals; None serves the main goal.
    sub_goal: int | None = None
    description: str = ""


# Full sick leave at FK over the start of an internship at AF: they exclude each other,
# and the internship's hours exceed the capacity the sick leave leaves (two open clashes,
# both AF's to acknowledge). The rest follow on without clashing.
_REALISTIC_PLAN = [
    _Activity("farid", ActivityType.SICK_LEAVE, 0, 6, percent=100),
    _Activity("anna", ActivityType.INTERNSHIP, 28, 12, hours=20, sub_goal=1),
    _Activity(
        "sara", ActivityType.SOCIAL_SUPPORT, 42, 26, hours=2, description="Samtal varannan vecka"
    ),
    _Activity("mia", ActivityType.SFI, 42, 20, hours=6, sub_goal=0),
    _Activity("sara", ActivityType.DEBT_COUNSELLING, 56, 8, hours=1),
    _Activity("mia", ActivityType.WORK_TRAINING, 84, 10, hours=8, sub_goal=1),
    _Activity("anna", ActivityType.JOB_SEARCH, 112, 12, hours=8),
    _Activity("anna", ActivityType.LABOUR_MARKET_PROGRAMME, 168, 12, percent=50),
]

# What the query-count plans cycle through, one activity of each team agency a week. The
# first starts the day before the case opened (a clash of its own, so even the 1-activity
# plan shows one); each full sick leave runs into the next week's social support (more
# hours than the person can manage), so the larger plan's clashes grow with it.
_ROTATION = [
    _Activity("anna", ActivityType.JOB_SEARCH, 0, 1, hours=2),
    _Activity("farid", ActivityType.SICK_LEAVE, 0, 2, percent=100),
    _Activity("sara", ActivityType.SOCIAL_SUPPORT, 0, 1, hours=2, sub_goal=0),
    _Activity("mia", ActivityType.WORK_TRAINING, 0, 1, hours=4, sub_goal=1),
]


def _team(world: World) -> dict[str, User]:
    return {
        "anna": world.anna_af_caseworker,
        "farid": world.farid_fk_officer,
        "sara": world.sara_social_services,
        "mia": world.mia_ame_coordinator,
    }


def _plan_write(world: World, person: Person, activities: list[_Activity]) -> None:
    """A goal and two sub-goals by the coordinator, then the activities, all through the
    plan services (which check the actor, keep the history and recompute clashes)."""
    case = Case.objects.get(person=person)
    team = _team(world)
    mia = world.mia_ame_coordinator
    plan_goal_set(
        case=case, actor=mia, goal="Jag vill jobba inom vården, kanske som undersköterska."
    )
    sub_goals = [
        sub_goal_add(case=case, actor=mia, text=text)
        for text in ("Klara SFI kurs C", "Prova på arbete på en arbetsplats")
    ]
    today = timezone.localdate()
    for spec in activities:
        actor = team[spec.actor]
        start = today + timedelta(days=spec.start)
        end: date = start + timedelta(weeks=spec.weeks) - timedelta(days=1)
        activity_create(
            case=case,
            actor=actor,
            type=spec.type,
            responsible=actor,
            start_date=start,
            end_date=end,
            hours_per_week=Decimal(spec.hours) if spec.hours is not None else None,
            percent=spec.percent,
            status=ActivityStatus.ONGOING if start <= today else ActivityStatus.PLANNED,
            description=spec.description,
            sub_goal=sub_goals[spec.sub_goal] if spec.sub_goal is not None else None,
        )


def _rotation(count: int) -> list[_Activity]:
    """`count` activities in turn across the team's agencies, a week apart."""
    return [
        replace(spec, start=7 * n - (1 if n == 0 else 0))
        for n, spec in zip(range(count), cycle(_ROTATION), strict=False)
    ]


def open_clashes(person: Person) -> int:
    return Clash.objects.filter(
        person=person, resolved_at__isnull=True, acknowledged_at__isnull=True
    ).count()


def bench_data_build(many: int = 100, activities: int = 20) -> BenchData:
    with transaction.atomic():
        world = build_world()
        one = _person_like_kim(world, "Ett")
        lots = _person_like_kim(world, "Hundra")
        writers = _writers(world)
        category, agency, author = writers[0]
        EntryFactory(person=one, category=category, owning_agency=agency, author=author)
        for _n, (category, agency, author) in zip(range(many), cycle(writers), strict=False):
            EntryFactory(person=lots, category=category, owning_agency=agency, author=author)
        plan = _person_like_kim(world, "Plan")
        _plan_write(world, plan, _REALISTIC_PLAN)
        plan_one = _person_like_kim(world, "Enaktivitet")
        _plan_write(world, plan_one, _rotation(1))
        plan_many = _person_like_kim(world, "Mångaaktiviteter")
        _plan_write(world, plan_many, _rotation(activities))
    return BenchData(
        world=world,
        one=one,
        many=lots,
        many_count=many,
        plan=plan,
        plan_one=plan_one,
        plan_many=plan_many,
        plan_many_count=activities,
    )
