import pytest

from ingang.accounts.models import User
from ingang.referrals.models import Referral
from ingang.referrals.services import referral_send
from ingang.testing.factories import StaffFactory
from ingang.testing.world import World


@pytest.fixture
def bo_af_receiver(world: World) -> User:
    """A caseworker at Arbetsförmedlingen who is NOT on Kim's team (yet)."""
    user: User = StaffFactory.create(
        username="bo.af", first_name="Bo", last_name="Ström", unit=world.af_unit
    )
    return user


@pytest.fixture
def referral(world: World) -> Referral:
    """Mia (AME, coordinator) refers Kim to Arbetsförmedlingen; Kim's consent covers AF."""
    return referral_send(
        case=world.kim_case,
        actor=world.mia_ame_coordinator,
        receiving_agency=world.af,
        reason="Vill pröva praktik inom vården.",
        requested_activity="Praktik med handledare",
        urgency="soon",
    )
