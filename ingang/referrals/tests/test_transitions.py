"""The state machine: every allowed transition works, every other one is refused."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.cases.models import CaseMember
from ingang.referrals.models import Referral, ReferralState, ReferralTransition
from ingang.referrals.services import (
    referral_accept,
    referral_reject,
    referral_transition,
    referral_withdraw,
)
from ingang.referrals.transitions import SIDE_MESSAGES, TRANSITIONS, Side
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

CASES = list(itertools.product(ReferralState, ReferralState, Side))


def _actor(side: Side, world: World, receiver: User) -> User:
    return world.mia_ame_coordinator if side is Side.SENDER else receiver


@pytest.mark.parametrize(("current", "target", "side"), CASES)
def test_it_allows_exactly_the_transitions_in_the_table(
    world: World,
    referral: Referral,
    bo_af_receiver: User,
    current: ReferralState,
    target: ReferralState,
    side: Side,
) -> None:
    Referral.objects.filter(pk=referral.pk).update(state=current)
    actor = _actor(side, world, bo_af_receiver)
    history = ReferralTransition.objects.filter(referral=referral).count()

    def attempt() -> Referral:
        return referral_transition(
            referral=referral,
            to_state=target,
            actor=actor,
            note="Anteckning",
            staff=[bo_af_receiver],
        )

    if TRANSITIONS.get((current, target)) is side:
        attempt()
        referral.refresh_from_db()
        assert referral.state == target
        last = ReferralTransition.objects.filter(referral=referral).last()
        assert last is not None
        assert (last.from_state, last.to_state, last.actor, last.note) == (
            current,
            target,
            actor,
            "Anteckning",
        )
        assert TimelineEvent.objects.filter(
            person=world.kim, kind=f"referral.{target.value}"
        ).exists()
    else:
        with pytest.raises(ValidationError) as refused:
            attempt()
        referral.refresh_from_db()
        assert referral.state == current
        assert ReferralTransition.objects.filter(referral=referral).count() == history
        expected = (
            str(SIDE_MESSAGES[TRANSITIONS[(current, target)]])
            if (current, target) in TRANSITIONS
            else gettext("A referral that is %(current)s cannot become %(target)s.")
            % {"current": current.label.lower(), "target": target.label.lower()}
        )
        assert refused.value.messages == [expected]


def test_it_puts_the_staff_chosen_on_acceptance_on_the_case_team(
    world: World, referral: Referral, bo_af_receiver: User
) -> None:
    referral_accept(referral=referral, actor=bo_af_receiver, staff=[bo_af_receiver])

    assert CaseMember.objects.filter(case=world.kim_case, staff=bo_af_receiver).exists()
    assert list(referral.assigned_staff.all()) == [bo_af_receiver]
    assert TimelineEvent.objects.filter(person=world.kim, kind="case.member_added").exists()


def test_it_refuses_to_assign_staff_of_another_agency_and_saves_nothing(
    world: World, referral: Referral, bo_af_receiver: User
) -> None:
    with pytest.raises(ValidationError) as refused:
        referral_accept(referral=referral, actor=bo_af_receiver, staff=[world.henrik_region_nurse])

    assert "staff" in refused.value.message_dict
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    assert not CaseMember.objects.filter(
        case=world.kim_case, staff=world.henrik_region_nurse
    ).exists()


def test_it_needs_a_reason_to_reject(referral: Referral, bo_af_receiver: User) -> None:
    with pytest.raises(ValidationError) as refused:
        referral_reject(referral=referral, actor=bo_af_receiver, note="  ")

    assert refused.value.message_dict["note"] == [gettext("Say why the referral is rejected.")]


def test_it_lets_no_outsider_act_on_either_side(world: World, referral: Referral) -> None:
    # Henrik (region) is neither the sender's nor the receiver's agency.
    with pytest.raises(ValidationError):
        referral_withdraw(referral=referral, actor=world.henrik_region_nurse)
    with pytest.raises(ValidationError):
        referral_reject(referral=referral, actor=world.henrik_region_nurse, note="Nej")


def test_it_refuses_withdrawal_by_sending_agency_staff_not_on_the_team(
    world: World, referral: Referral
) -> None:
    # Frida works at AME, the sending agency, but is not on Kim's team.
    with pytest.raises(ValidationError) as refused:
        referral_withdraw(referral=referral, actor=world.frida_front_desk)

    assert refused.value.messages == [str(SIDE_MESSAGES[Side.SENDER])]
