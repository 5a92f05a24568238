import random

from django.utils import timezone

from ingang.assessments.demo import seed_case
from ingang.assessments.models import Assessment
from ingang.testing.world import World


def test_the_demo_seeds_assessments_months_apart_that_show_progress(world: World) -> None:
    team = [world.mia_ame_coordinator, world.anna_af_caseworker, world.farid_fk_officer]

    seed_case(case=world.kim_case, team=team, today=timezone.localdate(), rng=random.Random(1))

    assessments = list(Assessment.objects.order_by("assessed_on"))
    assert 2 <= len(assessments) <= 3
    assert (assessments[-1].assessed_on - assessments[0].assessed_on).days >= 60
    first = sum(a.score for a in assessments[0].answers.all())
    last = sum(a.score for a in assessments[-1].answers.all())
    assert last >= first
