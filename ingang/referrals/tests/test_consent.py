"""A referral needs the person's current consent for identity and plan data to the receiver."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.consent.services import consent_withdraw
from ingang.core.categories import Category
from ingang.referrals.models import Referral, ReferralState
from ingang.referrals.services import referral_accept, referral_send
from ingang.testing.world import World

Login = Callable[[User], Client]


def _missing(template: str, category: Category, agency: str) -> str:
    return gettext(template).format(data=category.data_phrase, agency=agency)


def test_it_refuses_a_referral_the_consent_does_not_cover_and_names_what_is_missing(
    world: World,
) -> None:
    with pytest.raises(ValidationError) as refused:
        referral_send(
            case=world.kim_case,
            actor=world.mia_ame_coordinator,
            receiving_agency=world.region,
            reason="Bedömning",
            requested_activity="Läkarbedömning",
        )

    assert refused.value.message_dict["receiving_agency"] == [
        _missing("No consent: {data} to {agency}", Category.IDENTITY, "Region Västerbotten"),
        _missing("No consent: {data} to {agency}", Category.PLAN, "Region Västerbotten"),
    ]
    assert not Referral.objects.exists()


def test_it_says_the_consent_was_withdrawn(world: World) -> None:
    consent_withdraw(consent=world.kim_consent, actor=world.mia_ame_coordinator, reason="")

    with pytest.raises(ValidationError) as refused:
        referral_send(
            case=world.kim_case,
            actor=world.mia_ame_coordinator,
            receiving_agency=world.af,
            reason="Praktik",
            requested_activity="Praktik",
        )

    assert (
        _missing("Consent withdrawn: {data} to {agency}", Category.PLAN, "Arbetsförmedlingen")
        in (refused.value.message_dict["receiving_agency"])
    )


def test_it_shows_the_missing_consent_on_the_form(world: World, login: Login) -> None:
    client: Client = login(world.mia_ame_coordinator)

    response = client.post(
        reverse("referrals:new", args=[world.kim.public_id]),
        {
            "receiving_agency": world.region.pk,
            "requested_activity": "Läkarbedömning",
            "reason": "Ryggsmärta",
            "urgency": "routine",
        },
    )

    assert response.status_code == 200
    assert (
        _missing("No consent: {data} to {agency}", Category.PLAN, "Region Västerbotten")
        in response.content.decode()
    )
    assert not Referral.objects.exists()


def test_it_refuses_acceptance_once_the_consent_is_withdrawn(
    world: World, referral: Referral, bo_af_receiver: User
) -> None:
    consent_withdraw(consent=world.kim_consent, actor=world.mia_ame_coordinator, reason="")

    with pytest.raises(ValidationError):
        referral_accept(referral=referral, actor=bo_af_receiver, staff=[bo_af_receiver])

    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
