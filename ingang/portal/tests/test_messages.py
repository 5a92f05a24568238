"""Messages to the team: stored as the person's own notes, read by the team through the gate."""

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.models import User
from ingang.consent.services import consent_withdraw
from ingang.core.categories import Category
from ingang.notifications.models import Notification
from ingang.people.models import Person
from ingang.portal.message_forms import MESSAGE_MAX_LENGTH
from ingang.portal.message_services import MESSAGES_PER_DAY, message_send
from ingang.portal.tests.conftest import Portal
from ingang.records.models import Entry
from ingang.testing.factories import PersonFactory
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

PortalLogin = Callable[[Person], Client]

URL = "/mina-sidor/meddelanden/"
TEXT = "Hej! Jag kan inte komma på mötet på torsdag, kan vi flytta det?"


def staff_client(user: User) -> Client:
    """A staff member's own browser, signed in with a verified second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def overview(user: User, portal: Portal) -> str:
    response = staff_client(user).get(f"/personer/{portal.world.kim.public_id}/")
    assert response.status_code == 200
    return str(response.content.decode())


def _errors(response: "_MonkeyPatchedWSGIResponse") -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_it_stores_the_message_as_the_persons_note_and_tells_the_team(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    world = portal.world
    client = portal_login(world.kim)

    response = client.post(URL, {"text": TEXT})

    assert response.status_code == 302
    entry = Entry.objects.get(person=world.kim, author__isnull=True)
    assert entry.category == Category.NOTES
    assert entry.owning_agency == world.mia_ame_coordinator.agency  # the coordinator's agency
    assert entry.body == TEXT
    event = TimelineEvent.objects.get(person=world.kim, kind="portal.message")
    assert event.actor is None
    assert event.category == Category.NOTES
    assert TEXT not in event.summary  # the timeline tells that, not what
    notified = set(Notification.objects.filter(event=event).values_list("recipient", flat=True))
    assert world.mia_ame_coordinator.pk in notified
    assert world.anna_af_caseworker.pk in notified  # consent to notes covers AF
    assert world.henrik_region_nurse.pk not in notified  # not on the team
    # The person's own page lists it.
    assert TEXT in client.get(URL).content.decode()


def test_the_coordinators_agency_reads_it_on_the_overview_as_written_by_the_person(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    portal_login(portal.world.kim).post(URL, {"text": TEXT})

    page = overview(portal.world.mia_ame_coordinator, portal)

    assert TEXT in page
    with translation.override("sv"):
        assert gettext("the person, on My pages") in page


def test_other_agencies_read_it_only_with_consent_to_notes(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    world = portal.world
    portal_login(world.kim).post(URL, {"text": TEXT})
    assert TEXT in overview(world.anna_af_caseworker, portal)

    consent_withdraw(consent=world.kim_consent, actor=world.mia_ame_coordinator)

    assert TEXT not in overview(world.anna_af_caseworker, portal)
    assert TEXT in overview(world.mia_ame_coordinator, portal)  # the owning agency still does


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_message_is_refused_and_nothing_is_saved(
    portal_login: PortalLogin,
    portal: Portal,
    text: str,
) -> None:
    client = portal_login(portal.world.kim)
    entries, events = Entry.objects.count(), TimelineEvent.objects.count()

    page = _errors(client.post(URL, {"text": text}))

    with translation.override("sv"):
        assert gettext("Write a message before you send it.") in page
    assert 'role="alert"' in page
    assert (Entry.objects.count(), TimelineEvent.objects.count()) == (entries, events)


def test_a_too_long_message_is_refused_and_nothing_is_saved(
    portal_login: PortalLogin,
    portal: Portal,
) -> None:
    client = portal_login(portal.world.kim)
    entries = Entry.objects.count()

    page = _errors(client.post(URL, {"text": "x" * (MESSAGE_MAX_LENGTH + 1)}))

    assert 'role="alert"' in page
    assert str(MESSAGE_MAX_LENGTH) in page
    assert Entry.objects.count() == entries
    # Exactly the limit is fine.
    assert client.post(URL, {"text": "y" * MESSAGE_MAX_LENGTH}).status_code == 302


def test_too_many_messages_in_a_day_are_refused(portal_login: PortalLogin, portal: Portal) -> None:
    kim = portal.world.kim
    for n in range(MESSAGES_PER_DAY):
        message_send(person_id=kim.pk, text=f"Meddelande {n}")
    client = portal_login(kim)
    entries = Entry.objects.count()

    page = _errors(client.post(URL, {"text": "Ett till"}))

    assert 'role="alert"' in page
    assert str(MESSAGES_PER_DAY) in page
    assert Entry.objects.count() == entries


def test_the_page_lists_only_the_persons_own_messages(
    portal_login: PortalLogin, portal: Portal
) -> None:
    world = portal.world
    message_send(person_id=portal.lo.pk, text="Lo-hemlig fråga")
    message_send(person_id=world.kim.pk, text="Kims fråga")

    page = portal_login(world.kim).get(URL).content.decode()

    assert "Kims fråga" in page
    assert "Lo-hemlig" not in page
    # Staff notes are not the person's messages.
    assert world.entries["plan"].title not in page


def test_a_person_without_a_team_cannot_send(portal_login: PortalLogin, world: World) -> None:
    alone = PersonFactory.create(registering_agency=world.ame)
    client = portal_login(alone)

    assert 'name="text"' not in client.get(URL).content.decode()
    page = _errors(client.post(URL, {"text": TEXT}))

    assert 'role="alert"' in page
    assert not Entry.objects.filter(person=alone).exists()
