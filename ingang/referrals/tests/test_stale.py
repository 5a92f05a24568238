"""A referral nobody has touched for 14 days is flagged on both sides."""

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.referrals.models import Referral, ReferralState
from ingang.referrals.selectors import referrals_waiting_for
from ingang.referrals.services import referral_accept
from ingang.testing.world import World

Login = Callable[[User], Client]

STALE = "Stale: no change in 14 days"


def _age(referral: Referral, days: int) -> None:
    Referral.objects.filter(pk=referral.pk).update(
        last_changed_at=timezone.now() - timedelta(days=days)
    )
    referral.refresh_from_db()


def test_it_flags_an_open_referral_unchanged_for_14_days(referral: Referral) -> None:
    _age(referral, 13)
    assert not referral.is_stale()
    assert not Referral.objects.stale().exists()

    _age(referral, 15)
    assert referral.is_stale()
    assert list(Referral.objects.stale()) == [referral]


def test_it_never_flags_a_finished_referral(referral: Referral) -> None:
    Referral.objects.filter(pk=referral.pk).update(state=ReferralState.REJECTED)
    _age(referral, 40)
    assert not referral.is_stale()
    assert not Referral.objects.stale().exists()


def test_a_transition_makes_it_fresh_again(referral: Referral, bo_af_receiver: User) -> None:
    _age(referral, 20)
    referral_accept(referral=referral, actor=bo_af_receiver, staff=[bo_af_receiver])
    referral.refresh_from_db()
    assert not referral.is_stale()


def test_waiting_for_lists_incoming_sent_and_stale_on_both_sides(
    world: World, referral: Referral, bo_af_receiver: User
) -> None:
    # Incoming and still sent: waiting for AF, not (yet) for the sender.
    assert list(referrals_waiting_for(bo_af_receiver)) == [referral]
    assert list(referrals_waiting_for(world.mia_ame_coordinator)) == []

    referral_accept(referral=referral, actor=bo_af_receiver, staff=[bo_af_receiver])
    assert list(referrals_waiting_for(bo_af_receiver)) == []

    _age(referral, 15)
    assert list(referrals_waiting_for(bo_af_receiver)) == [referral]
    assert list(referrals_waiting_for(world.mia_ame_coordinator)) == [referral]
    assert list(referrals_waiting_for(world.farid_fk_officer)) == []
    row = referrals_waiting_for(world.mia_ame_coordinator).get()
    assert (row.person_id, row.owning_agency_id) == (world.kim.pk, world.ame.pk)


def test_the_flag_shows_on_the_case_list_and_in_the_inbox(
    world: World,
    referral: Referral,
    bo_af_receiver: User,
    login: Login,
) -> None:
    _age(referral, 15)
    client: Client = login(world.mia_ame_coordinator)
    page = client.get(reverse("referrals:list", args=[world.kim.public_id])).content.decode()
    assert gettext(STALE) in page

    client = login(bo_af_receiver)
    page = client.get(reverse("referrals:inbox")).content.decode()
    assert gettext(STALE) in page
