"""The pages: the team's referral pages through the gate, and the receiver's limited inbox."""

import uuid
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from ingang.accounts.models import User
from ingang.audit.models import AccessEvent, Outcome
from ingang.cases.models import CaseMember
from ingang.consent.services import consent_withdraw
from ingang.referrals.models import Referral, ReferralState
from ingang.testing.world import World

Login = Callable[[User], Client]


def test_it_sends_a_referral_from_the_case_form(world: World, login: Login) -> None:
    client: Client = login(world.mia_ame_coordinator)

    response = client.post(
        reverse("referrals:new", args=[world.kim.public_id]),
        {
            "receiving_agency": world.fk.pk,
            "requested_activity": "Avstämningsmöte",
            "reason": "Planen ändras",
            "urgency": "urgent",
        },
    )

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert (referral.receiving_agency, referral.owning_agency, referral.urgency) == (
        world.fk,
        world.ame,
        "urgent",
    )


def test_it_shows_the_referral_with_its_history_to_the_team(
    world: World,
    referral: Referral,
    login: Login,
) -> None:
    client: Client = login(world.anna_af_caseworker)

    response = client.get(
        reverse("referrals:detail", args=[world.kim.public_id, referral.public_id])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Praktik med handledare" in page
    assert world.mia_ame_coordinator.display_name in page
    event = AccessEvent.objects.filter(action="referral.detail", outcome=Outcome.ALLOWED).get()
    assert event.basis["plan"] == f"consent:{world.kim_consent.public_id}"


def test_it_hides_the_referral_pages_from_staff_not_on_the_team(
    world: World,
    referral: Referral,
    login: Login,
) -> None:
    client: Client = login(world.henrik_region_nurse)

    for url in (
        reverse("referrals:list", args=[world.kim.public_id]),
        reverse("referrals:new", args=[world.kim.public_id]),
        reverse("referrals:detail", args=[world.kim.public_id, referral.public_id]),
    ):
        assert client.get(url).status_code == 404
    assert (
        AccessEvent.objects.filter(
            actor=world.henrik_region_nurse, outcome=Outcome.DENIED, basis__identity="not_on_team"
        ).count()
        == 3
    )


def test_the_sender_withdraws_from_the_detail_page(
    world: World,
    referral: Referral,
    login: Login,
) -> None:
    client: Client = login(world.mia_ame_coordinator)
    url = reverse("referrals:detail", args=[world.kim.public_id, referral.public_id])

    response = client.post(
        url, {"transition": "withdrawn", "withdrawn-to_state": "withdrawn", "withdrawn-note": "X"}
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.WITHDRAWN


def test_the_receiver_sees_only_what_the_referral_carries_and_it_is_logged(
    world: World,
    referral: Referral,
    bo_af_receiver: User,
    login: Login,
) -> None:
    client: Client = login(bo_af_receiver)

    inbox = client.get(reverse("referrals:inbox")).content.decode()
    detail = client.get(reverse("referrals:incoming", args=[referral.public_id])).content.decode()

    for page in (inbox, detail):
        assert "Praktik med handledare" in page
        assert world.ame.name in page
        assert "Kim" not in page and "Andersson" not in page
        assert world.kim.formatted_number not in page
    assert "Vill pröva praktik inom vården." in detail
    events = AccessEvent.objects.filter(actor=bo_af_receiver, person=world.kim)
    assert {e.action for e in events} == {"referral.inbox", "referral.incoming"}
    for event in events:
        assert event.outcome == Outcome.ALLOWED
        assert event.categories == ["plan"]
        assert event.basis["plan"] == (
            f"referral:{referral.public_id};consent:{world.kim_consent.public_id}"
        )
    # Not on the team yet: the person's record stays closed.
    overview = reverse("people:overview", args=[world.kim.public_id])
    assert client.get(overview).status_code == 404


def test_accepting_in_the_inbox_opens_the_record_to_the_assigned_staff(
    world: World,
    referral: Referral,
    bo_af_receiver: User,
    login: Login,
) -> None:
    client: Client = login(bo_af_receiver)

    response = client.post(
        reverse("referrals:incoming", args=[referral.public_id]),
        {
            "transition": "accepted",
            "accepted-to_state": "accepted",
            "accepted-staff": [bo_af_receiver.pk],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "referrals:detail", args=[world.kim.public_id, referral.public_id]
    )
    assert CaseMember.objects.filter(case=world.kim_case, staff=bo_af_receiver).exists()
    assert client.get(reverse("people:overview", args=[world.kim.public_id])).status_code == 200


def test_the_inbox_withholds_the_content_once_consent_is_withdrawn(
    world: World,
    referral: Referral,
    bo_af_receiver: User,
    login: Login,
) -> None:
    consent_withdraw(consent=world.kim_consent, actor=world.mia_ame_coordinator, reason="")
    client: Client = login(bo_af_receiver)

    page = client.get(reverse("referrals:inbox")).content.decode()

    assert "Praktik med handledare" not in page
    event = AccessEvent.objects.get(actor=bo_af_receiver, action="referral.inbox")
    assert event.outcome == Outcome.DENIED
    assert "consent_withdrawn" in event.basis["plan"]


def test_staff_of_another_agency_cannot_open_an_incoming_referral(
    world: World,
    referral: Referral,
    login: Login,
) -> None:
    client: Client = login(world.farid_fk_officer)

    assert client.get(reverse("referrals:incoming", args=[referral.public_id])).status_code == 404
    assert client.get(reverse("referrals:incoming", args=[uuid.uuid4()])).status_code == 404
    assert "Praktik" not in client.get(reverse("referrals:inbox")).content.decode()
    denied = AccessEvent.objects.filter(
        actor=world.farid_fk_officer, action="referral.incoming", outcome=Outcome.DENIED
    )
    assert {e.basis["plan"] for e in denied} == {"not_on_team", "not_found"}


def test_the_inbox_is_closed_to_roles_that_read_no_person_data(
    world: World,
    login: Login,
) -> None:
    client: Client = login(world.alex_analyst)
    assert client.get(reverse("referrals:inbox")).status_code == 403
