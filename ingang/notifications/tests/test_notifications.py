"""The team's inbox: who is told of an event, and what each sees of it."""

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from ingang.audit.models import AccessEvent, Outcome
from ingang.consent.services import consent_withdraw
from ingang.core.categories import Category
from ingang.notifications.models import Notification, Preference, Topic
from ingang.notifications.selectors import inbox_read, unread_count
from ingang.notifications.services import preferences_save
from ingang.records.services import entry_create
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World


def recipients_of(kind_title: str) -> set[str]:
    return set(
        Notification.objects.filter(event__summary__contains=kind_title).values_list(
            "recipient__username", flat=True
        )
    )


def test_an_event_reaches_the_team_but_not_the_actor_nor_staff_off_the_team(world: World) -> None:
    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="Praktik"
    )

    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    # Kim's consent carries plan data to FK and social services, not to the
    # coordinator's labour-market unit: Mia is not told what she may not read.
    assert notified == {"farid.fk", "sara.soc"}


def test_an_event_of_a_category_the_recipient_may_not_read_does_not_reach_them(
    world: World,
) -> None:
    # Social data crosses to no other agency: Kim consented to no social data.
    entry_create(
        person=world.kim,
        actor=world.sara_social_services,
        category=Category.SOCIAL,
        title="Hembesök",
    )

    assert not Notification.objects.exists()


def test_staff_who_turned_a_topic_off_are_not_notified_of_it(world: World) -> None:
    preferences_save(
        user=world.farid_fk_officer,
        choices={Topic.RECORD: (False, False)},
    )

    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="Praktik"
    )

    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {"sara.soc"}


def test_the_inbox_hides_an_event_once_consent_is_withdrawn_and_logs_the_read(
    world: World, login: LoginAs
) -> None:
    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="Praktik"
    )
    farid = world.farid_fk_officer
    client = login(farid)

    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Kim Andersson" in page
    summary = gettext("New %(category)s entry") % {"category": Category.PLAN.label.lower()}
    assert summary in page
    allowed = AccessEvent.objects.get(actor=farid, action="notification.inbox")
    assert allowed.outcome == Outcome.ALLOWED
    assert set(allowed.basis) == {"identity", "plan"}

    consent_withdraw(consent=world.kim_consent, actor=world.mia_ame_coordinator)
    page = client.get(reverse("notifications:inbox")).content.decode()

    assert "Kim Andersson" not in page
    assert summary not in page
    assert gettext("Not shown.") in page
    denied = AccessEvent.objects.filter(
        actor=farid, action="notification.inbox", outcome=Outcome.DENIED
    ).latest("seq")
    assert denied.basis["plan"] == "consent_withdrawn"


def test_unread_count_is_shown_in_the_menu_and_falls_when_read(
    world: World, login: LoginAs
) -> None:
    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="Praktik"
    )
    farid = world.farid_fk_officer
    client = login(farid)
    assert unread_count(user=farid) == 1
    assert 'class="badge"' in client.get(reverse("core:home")).content.decode()

    response = client.post(reverse("notifications:mark_read"), {})

    assert response.status_code == 302
    assert unread_count(user=farid) == 0
    assert 'class="badge"' not in client.get(reverse("core:home")).content.decode()


def test_a_recipient_cannot_mark_someone_elses_notification(world: World, login: LoginAs) -> None:
    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="Praktik"
    )
    saras = Notification.objects.get(recipient=world.sara_social_services)

    login(world.farid_fk_officer).post(
        reverse("notifications:mark_read"), {"notification": saras.pk}
    )

    saras.refresh_from_db()
    assert saras.read_at is None


def test_the_inbox_costs_the_same_queries_for_one_event_as_for_many(world: World) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            inbox_read(reader=world.sara_social_services)
        return len(captured)

    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="1"
    )
    one = queries()
    for n in range(15):
        entry_create(
            person=world.kim, actor=world.farid_fk_officer, category=Category.PLAN, title=f"{n}"
        )

    assert queries() == one


def test_the_daily_digest_counts_without_naming_anyone_and_is_sent_once(world: World) -> None:
    sara = world.sara_social_services
    Preference.objects.create(user=sara, topic=Topic.RECORD, email_digest=True)
    entry_create(
        person=world.kim, actor=world.anna_af_caseworker, category=Category.PLAN, title="Praktik"
    )

    call_command("notifications_digest")
    call_command("notifications_digest")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [sara.email]
    assert "Kim" not in message.body
    assert "Andersson" not in message.body
    assert "Praktik" not in message.body
    assert reverse("notifications:inbox") in message.body


def test_the_timeline_shows_other_agencies_events_only_where_consent_covers_them(
    world: World, login: LoginAs
) -> None:
    entry_create(
        person=world.kim, actor=world.farid_fk_officer, category=Category.PLAN, title="Plan"
    )
    entry_create(
        person=world.kim,
        actor=world.sara_social_services,
        category=Category.SOCIAL,
        title="Hembesök",
    )
    anna = world.anna_af_caseworker

    response = login(anna).get(reverse("timeline:person", args=[world.kim.public_id]))

    events = response.context["events"]
    assert {e.category for e in events} == {"plan"}
    denied = AccessEvent.objects.get(actor=anna, action="timeline.view", outcome=Outcome.DENIED)
    assert denied.basis["social"] == "no_consent"


def test_staff_off_the_team_cannot_open_the_timeline(world: World, login: LoginAs) -> None:
    henrik = world.henrik_region_nurse

    response = login(henrik).get(reverse("timeline:person", args=[world.kim.public_id]))

    assert response.status_code == 404
    assert AccessEvent.objects.filter(actor=henrik, outcome=Outcome.DENIED).exists()
