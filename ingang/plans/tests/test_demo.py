"""The demo plan: goal, sub-goals, 4–6 activities of the team's agencies, a clash for some."""

import random

from django.utils import timezone

from ingang.cases.models import Case
from ingang.plans.demo import seed_case
from ingang.plans.models import Activity, Clash, Plan, SubGoal
from ingang.testing.factories import CaseFactory, PersonFactory, add_member
from ingang.testing.world import World


def seed(world: World, rng_seed: int) -> Case:
    team = [
        world.mia_ame_coordinator,
        world.anna_af_caseworker,
        world.farid_fk_officer,
        world.sara_social_services,
        world.henrik_region_nurse,
    ]
    case: Case = CaseFactory.create(
        person=PersonFactory.create(registering_agency=world.ame), coordinator=team[0]
    )
    for member in team:
        add_member(case, member)
    seed_case(case=case, team=team, today=timezone.localdate(), rng=random.Random(rng_seed))
    return case


def test_it_seeds_a_plan_with_clashes_for_some_cases_and_none_for_others(world: World) -> None:
    clashing = set()
    for rng_seed in range(6):
        case = seed(world, rng_seed)
        plan = Plan.objects.get(case=case)
        activities = Activity.objects.filter(plan=plan)
        assert plan.goal
        assert SubGoal.objects.filter(plan=plan).count() == 2
        assert 4 <= activities.count() <= 6
        assert len({a.owning_agency_id for a in activities}) >= 3
        open_rules = set(
            Clash.objects.filter(plan=plan, resolved_at__isnull=True).values_list("rule", flat=True)
        )
        assert open_rules <= {"exclusive", "over_capacity"}
        clashing.add("exclusive" in open_rules)
    assert clashing == {True, False}
