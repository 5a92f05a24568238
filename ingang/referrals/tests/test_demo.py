import random

from django.utils import timezone

from ingang.referrals.demo import seed_case
from ingang.referrals.models import Referral, ReferralState
from ingang.testing.factories import StaffFactory
from ingang.testing.world import World


def test_the_demo_seeds_a_pending_an_accepted_and_a_stale_referral(world: World) -> None:
    for agency_unit in (world.af_unit,):
        StaffFactory.create(unit=agency_unit)
    team = [world.mia_ame_coordinator, world.anna_af_caseworker]

    seed_case(case=world.kim_case, team=team, today=timezone.localdate(), rng=random.Random(3))

    assert Referral.objects.filter(state=ReferralState.SENT).count() == 2
    assert Referral.objects.filter(state=ReferralState.ACCEPTED).count() == 1
    assert Referral.objects.stale().count() == 1
