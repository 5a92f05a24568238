"""My pages, consents and blocks: the person's own decisions reach the gate on the next request."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from ingang.audit.models import AccessEvent, Outcome
from ingang.consent.models import Block, Consent, ConsentSource
from ingang.consent.selectors import consent_agencies_for
from ingang.consent.services import (
    consent_give_by_person,
    consent_register,
    consent_withdraw_by_person,
)
from ingang.notifications.models import Notification
from ingang.people.models import Person
from ingang.portal.tests.conftest import Portal
from ingang.testing.factories import ConsentFactory, PersonFactory
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

PortalLogin = Callable[[Person], Client]
CONSENTS = "/mina-sidor/samtycken/"
NEW = "/mina-sidor/samtycken/nytt/"
BLOCK = "/mina-sidor/samtycken/sparrar/ny/"


def withdraw_url(consent: Consent) -> str:
    return reverse("portal:consent_withdraw", kwargs={"consent_id": consent.public_id})


def overview_titles(client: Client, world: World) -> set[str]:
    response = client.get(reverse("people:overview", kwargs={"public_id": world.kim.public_id}))
    assert response.status_code == 200
    return {e.title for s in response.context["record"].sections for e in s.entries}


def last_event_of(world: World, reader_pk: int) -> dict[str, str]:
    """Category -> reason of the reader's latest denied read of Kim."""
    event = (
        AccessEvent.objects.filter(person=world.kim, actor_id=reader_pk, outcome=Outcome.DENIED)
        .order_by("-seq")
        .first()
    )
    assert event is not None
    return dict(event.basis)


def test_it_shows_every_consent_with_what_and_how_and_the_blocks(
    portal: Portal, portal_login: PortalLogin
) -> None:
    world = portal.world
    ended = ConsentFactory.create(
        person=world.kim,
        categories=["health"],
        agencies=[world.region],
        registered_by=world.mia_ame_coordinator,
    )
    ended.withdrawn_at = timezone.now()
    ended.save()
    Block.objects.create(person=world.kim, category="social", created_by=world.sara_social_services)

    response = portal_login(world.kim).get(CONSENTS)

    assert response.status_code == 200
    assert [c.pk for c, _s, _c in response.context["in_force"]] == [world.kim_consent.pk]
    assert [c.pk for c, _s, _c in response.context["ended"]] == [ended.pk]
    html = response.content.decode()
    for text in ("Arbetsförmedlingen", "Försäkringskassan", "Region Västerbotten", "Sara Berg"):
        assert escape(text) in html
    assert escape(gettext("Your plan: goals, activities and meetings")) in html
    assert escape(str(ConsentSource.SIGNED_FORM.label)) in html
    # A staff block is shown, but only staff lift it.
    assert (
        escape(gettext("Staff made this block. Ask your coordinator if you want it lifted."))
        in html
    )
    # Viewing the page is a logged own read.
    assert AccessEvent.objects.filter(person=world.kim, action="portal.consents").count() == 1


def test_withdrawal_on_my_pages_denies_the_very_next_staff_read(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    plan_entry = world.entries["plan"].title  # recorded by AME; AF reads it by Kim's consent
    login(world.anna_af_caseworker)
    assert plan_entry in overview_titles(client, world)

    portal_login(world.kim)
    assert client.get(withdraw_url(world.kim_consent)).status_code == 200  # asks first
    response = client.post(withdraw_url(world.kim_consent))
    assert response.status_code == 302

    consent = Consent.objects.get(pk=world.kim_consent.pk)
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by is None  # the person themselves
    assert plan_entry not in overview_titles(client, world)
    assert last_event_of(world, world.anna_af_caseworker.pk)["plan"] == "consent_withdrawn"
    # The team is told: an event of the person's own, owned by the coordinator's agency.
    event = TimelineEvent.objects.get(person=world.kim, kind="consent.withdrawn")
    assert event.actor is None
    assert event.owning_agency == world.ame
    assert Notification.objects.filter(event=event, recipient=world.mia_ame_coordinator).exists()


def test_giving_consent_on_my_pages_allows_the_next_staff_read(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    social = world.entries["social"].title  # recorded by social services, never consented
    login(world.farid_fk_officer)
    assert social not in overview_titles(client, world)

    portal_login(world.kim)
    page = client.get(NEW)
    offered = {a.pk for a in page.context["form"].fields["agencies"].queryset}
    # The team's agencies (AME, AF, FK, social services), not the region's (Henrik is not on it).
    assert offered == {world.ame.pk, world.af.pk, world.fk.pk, world.social.pk}
    until = timezone.localdate() + timedelta(days=90)
    response = client.post(
        NEW, {"agencies": [world.fk.pk], "categories": ["social"], "valid_until": until.isoformat()}
    )
    assert response.status_code == 302

    consent = Consent.objects.get(person=world.kim, source=ConsentSource.DIGITAL)
    assert consent.registered_by is None
    assert (consent.valid_from, consent.valid_until) == (timezone.localdate(), until)
    assert list(consent.agencies.all()) == [world.fk]
    assert social in overview_titles(client, world)
    assert TimelineEvent.objects.filter(
        person=world.kim, kind="consent.registered", actor=None
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agencies": []}, "Choose at least one agency."),
        ({"categories": []}, "Choose at least one kind of information."),
        ({"categories": ["gossip"]}, "Choose among the kinds of information in the list."),
        ({"valid_until": "2001-01-01"}, "The end date cannot be before today."),
        ({"valid_until": "tomorrow"}, "Write the date as YYYY-MM-DD."),
        ({"agencies": ["region"]}, "You can give consent only to agencies on your team."),
        ({"agencies": ["999999"]}, "You can give consent only to agencies on your team."),
    ],
)
def test_bad_or_tampered_consents_are_refused_and_nothing_is_saved(
    portal: Portal,
    portal_login: PortalLogin,
    changes: dict[str, object],
    message: str,
) -> None:
    world = portal.world
    data: dict[str, object] = {"agencies": [world.fk.pk], "categories": ["social"]}
    data.update(changes)
    if data["agencies"] == ["region"]:
        data["agencies"] = [world.region.pk]  # an agency not on Kim's team
    client = portal_login(world.kim)
    before = (Consent.objects.count(), TimelineEvent.objects.count())

    response = client.post(NEW, data)

    assert response.status_code == 200
    assert escape(gettext(message)) in response.content.decode()
    assert (Consent.objects.count(), TimelineEvent.objects.count()) == before


def test_the_service_refuses_agencies_off_the_team_too(portal: Portal) -> None:
    with pytest.raises(ValidationError) as caught:
        consent_give_by_person(
            person=portal.world.kim, agencies=[portal.world.region], categories=["health"]
        )
    assert "agencies" in caught.value.message_dict
    assert not Consent.objects.filter(source=ConsentSource.DIGITAL).exists()


def test_a_person_cannot_withdraw_someone_elses_consent(
    portal: Portal, portal_login: PortalLogin
) -> None:
    world = portal.world
    los = ConsentFactory.create(
        person=portal.lo, agencies=[world.af], registered_by=world.mia_ame_coordinator
    )
    client = portal_login(world.kim)

    assert client.get(withdraw_url(los)).status_code == 404
    assert client.post(withdraw_url(los)).status_code == 404

    los.refresh_from_db()
    assert los.withdrawn_at is None
    assert not TimelineEvent.objects.filter(kind="consent.withdrawn").exists()


def test_withdrawing_twice_changes_nothing_the_second_time(
    portal: Portal, portal_login: PortalLogin
) -> None:
    world = portal.world
    client = portal_login(world.kim)
    client.post(withdraw_url(world.kim_consent))
    first = Consent.objects.get(pk=world.kim_consent.pk).withdrawn_at

    assert client.post(withdraw_url(world.kim_consent)).status_code == 302

    assert Consent.objects.get(pk=world.kim_consent.pk).withdrawn_at == first
    assert TimelineEvent.objects.filter(kind="consent.withdrawn").count() == 1


def test_a_block_made_on_my_pages_hides_the_category_until_the_person_lifts_it(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    insurance = world.entries["insurance"].title  # FK's, consented to AF
    portal_login(world.kim)
    assert client.post(BLOCK, {"category": "insurance"}).status_code == 302
    block = Block.objects.get(person=world.kim, category="insurance", lifted_at__isnull=True)
    assert block.created_by is None

    login(world.anna_af_caseworker)
    assert insurance not in overview_titles(client, world)
    assert last_event_of(world, world.anna_af_caseworker.pk)["insurance"] == "category_blocked"
    login(world.farid_fk_officer)
    assert insurance in overview_titles(client, world)  # the owner still sees it

    portal_login(world.kim)
    lift = reverse("portal:block_lift", kwargs={"block_id": block.public_id})
    assert client.post(lift).status_code == 302
    block.refresh_from_db()
    assert block.lifted_at is not None and block.lifted_by is None
    login(world.anna_af_caseworker)
    assert insurance in overview_titles(client, world)
    kinds = set(
        TimelineEvent.objects.filter(person=world.kim, actor=None).values_list("kind", flat=True)
    )
    assert kinds == {"block.created", "block.lifted"}


def test_the_person_cannot_lift_a_staff_block_or_block_twice(
    portal: Portal, portal_login: PortalLogin
) -> None:
    world = portal.world
    staff_block = Block.objects.create(
        person=world.kim, category="social", created_by=world.sara_social_services
    )
    client = portal_login(world.kim)

    client.post(reverse("portal:block_lift", kwargs={"block_id": staff_block.public_id}))
    staff_block.refresh_from_db()
    assert staff_block.lifted_at is None

    response = client.post(BLOCK, {"category": "social"})
    assert response.status_code == 200
    assert escape(gettext("That category is already blocked.")) in response.content.decode()
    assert Block.objects.filter(person=world.kim).count() == 1

    response = client.post(BLOCK, {"category": ""})
    assert escape(gettext("Choose a category to block.")) in response.content.decode()


def test_a_person_cannot_lift_someone_elses_block(
    portal: Portal, portal_login: PortalLogin
) -> None:
    world = portal.world
    los = Block.objects.create(person=portal.lo, category="plan", created_by=None)
    client = portal_login(world.kim)

    response = client.post(reverse("portal:block_lift", kwargs={"block_id": los.public_id}))

    assert response.status_code == 404
    los.refresh_from_db()
    assert los.lifted_at is None


def test_staff_pages_say_the_person_acted_when_nobody_on_staff_did(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    portal_login(world.kim)
    client.post(NEW, {"agencies": [world.af.pk], "categories": ["health"]})
    client.post(withdraw_url(world.kim_consent))
    client.post(BLOCK, {"category": "notes"})

    login(world.mia_ame_coordinator)
    response = client.get(reverse("consent:list", kwargs={"public_id": world.kim.public_id}))

    assert response.status_code == 200
    html = response.content.decode()
    # Registered (digital consent), withdrawn (Kim's consent) and blocked by the person.
    assert html.count(escape(gettext("The person, on My pages"))) == 3
    assert escape(str(ConsentSource.DIGITAL.label)) in html


def test_staff_cannot_record_a_digital_consent(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        consent_register(
            person=world.kim,
            actor=world.mia_ame_coordinator,
            categories=["health"],
            agencies=[world.af],
            valid_from=timezone.localdate(),
            valid_until=None,
            source=ConsentSource.DIGITAL,
        )
    assert "source" in caught.value.message_dict


def test_the_database_keeps_digital_consents_the_persons_own(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            person=world.kim,
            categories=["plan"],
            valid_from=timezone.localdate(),
            source=ConsentSource.DIGITAL,
            registered_by=world.mia_ame_coordinator,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            person=world.kim,
            categories=["plan"],
            valid_from=timezone.localdate(),
            source=ConsentSource.SIGNED_FORM,
            registered_by=None,
        )


def test_without_an_open_case_the_registering_agency_owns_the_persons_acts(world: World) -> None:
    alone = PersonFactory.create(registering_agency=world.social)
    consent = ConsentFactory.create(
        person=alone, agencies=[world.af], registered_by=world.sara_social_services
    )

    consent_withdraw_by_person(person=alone, consent=consent)

    event = TimelineEvent.objects.get(person=alone, kind="consent.withdrawn")
    assert (event.actor, event.owning_agency) == (None, world.social)
    assert consent_agencies_for(alone) == []  # no team: nobody to give a new consent to
    with pytest.raises(ValidationError):
        consent_give_by_person(person=alone, agencies=[world.af], categories=["plan"])
