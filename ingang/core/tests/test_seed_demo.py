from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings
from pytest_django.plugin import DjangoDbBlocker

from ingang.accounts.models import User
from ingang.agencies.models import Agency, Role
from ingang.assessments.models import Answer, Assessment
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.consent.models import Block, Consent, ConsentStatus
from ingang.core.management.commands.seed_demo import plan_bulk_people
from ingang.intake.models import Contact, ContactState
from ingang.intake.selectors import reception_read
from ingang.meetings.models import Meeting
from ingang.meetings.selectors import meetings_upcoming_for
from ingang.notifications.models import Notification
from ingang.people.identity_numbers import parse_identity_number
from ingang.people.models import Person
from ingang.plans.models import Activity, Clash, Plan
from ingang.plans.selectors import clashes_open_for_staff
from ingang.records.models import Entry
from ingang.referrals.models import Referral, ReferralState
from ingang.timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """Seed once per module, inside a transaction rolled back when the module is done.

    Seeding takes seconds; each test's own transaction nests inside this one as a
    savepoint, so the tests share the world without disturbing it or other modules.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield seed()
        finally:
            transaction.set_rollback(True)


# The personas docs/demo.md walks through; their numbers must never change.
KEY_PERSONAS = {
    "198503142385": ("Kim", "Andersson", ConsentStatus.ACTIVE),
    "197911023641": ("Johanna", "Lindqvist", ConsentStatus.EXPIRED),
    "199206214463": ("Leyla", "Karimi", ConsentStatus.WITHDRAWN),
    "197109081575": ("Mattias", "Johansson", ConsentStatus.ACTIVE),
    "199601305825": ("Amanda", "Nordin", ConsentStatus.ACTIVE),
    "198804177247": ("Sanna", "Eklund", ConsentStatus.ACTIVE),
    "198312053187": ("Linda", "Gustafsson", ConsentStatus.EXPIRING),
    "199008264732": ("Oskar", "Berglund", ConsentStatus.ACTIVE),
    "200102112661": ("Nora", "Lundgren", ConsentStatus.NOT_YET_VALID),
    "199405693954": ("Yonas", "Tesfay", ConsentStatus.ACTIVE),
}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (
        User,
        Agency,
        Person,
        Case,
        CaseMember,
        Entry,
        Consent,
        Block,
        TimelineEvent,
        Plan,
        Activity,
        Clash,
        Meeting,
        Referral,
        Assessment,
        Contact,
    )
    return {m.__name__: m.objects.count() for m in models}


KIM = "198503142385"
LINDA = "198312053187"
# The logins docs/demo.md sends to person pages, each of whom must find work waiting.
WORKING_LOGINS = (
    "anna.af",
    "farid.fk",
    "maria.fk",
    "sara.soc",
    "henrik.region",
    "linnea.region",
    "mia.ame",
    "frida.ame",
)


def test_it_creates_staff_in_every_role_each_with_a_confirmed_demo_device(seeded: str) -> None:

    staff = list(User.objects.select_related("unit"))
    assert {u.role for u in staff} == set(Role.values)
    assert len(staff) >= 20
    assert all(u.email.endswith("@demo.ingang.invalid") and u.unit for u in staff)
    assert all(u.check_password("ingang-demo-2026") for u in staff)
    assert [u.username for u in staff if u.is_staff] == ["ada.admin"]
    assert TOTPDevice.objects.filter(confirmed=True).count() == len(staff)
    assert Agency.objects.filter(name="Samordningsförbundet Skellefteå").exists()


def test_it_lets_demo_totp_print_a_code_that_the_device_accepts(seeded: str) -> None:
    out = StringIO()

    call_command("demo_totp", "anna.af", stdout=out)

    device = TOTPDevice.objects.get(user__username="anna.af")
    assert device.verify_token(out.getvalue().strip())


def test_it_creates_about_200_synthetic_people_with_valid_numbers_and_teams(seeded: str) -> None:

    people = list(Person.objects.all())
    assert 190 <= len(people) <= 210
    assert all(p.is_test_data for p in people)
    for person in people:
        assert parse_identity_number(person.personal_number).digits == person.personal_number
    assert sum(p.is_coordination_number for p in people) >= 3
    assert Case.objects.filter(state=CaseState.OPEN).count() == len(people)
    agencies_per_case = [
        len({m.staff.unit.agency_id for m in case.members.select_related("staff__unit")})  # type: ignore[union-attr]
        for case in Case.objects.all()
    ]
    assert max(agencies_per_case) >= 4
    assert sum(n >= 2 for n in agencies_per_case) > len(people) * 0.8


def test_it_creates_consents_in_every_status_with_sources_blocks_and_protected_people(
    seeded: str,
) -> None:
    today = timezone.localdate()

    consents = list(Consent.objects.all())
    assert {c.status(today) for c in consents} == set(ConsentStatus)
    assert all(c.source for c in consents)
    assert all(c.witness for c in consents if c.source == "oral_with_witness")
    assert Block.objects.exclude(category="").exists()
    assert Block.objects.filter(entry__isnull=False).exists()
    protected = Person.objects.filter(protected_identity=True)
    assert protected.exists()
    assert all(p.responsible_unit is not None for p in protected)


def test_it_builds_the_key_personas_with_fixed_numbers_and_consent_states(seeded: str) -> None:
    today = timezone.localdate()

    for number, (given, family, status) in KEY_PERSONAS.items():
        person = Person.objects.get(personal_number=number)
        assert (person.given_name, person.family_name) == (given, family)
        assert [c.status(today) for c in person.consents.all()] == [status]
    assert Person.objects.get(personal_number="198804177247").protected_identity
    assert Person.objects.get(personal_number="199405693954").is_coordination_number
    assert Block.objects.filter(person__personal_number="197109081575", category="health").exists()
    assert Block.objects.filter(
        person__personal_number="199601305825", entry__isnull=False
    ).exists()


def test_it_records_the_seeded_work_on_the_timeline(seeded: str) -> None:

    kinds = set(TimelineEvent.objects.values_list("kind", flat=True))

    assert {
        "person.registered",
        "case.opened",
        "case.member_added",
        "entry.recorded",
        "consent.registered",
        "consent.withdrawn",
        "block.created",
        "plan.goal_set",
        "plan.clash_acknowledged",
        "meeting.booked",
        "meeting.outcome_recorded",
        "referral.sent",
        "assessment.recorded",
        "intake.contact_registered",
        "intake.contact_routed",
        "intake.contact_closed",
    } <= kinds
    assert TimelineEvent.objects.filter(kind="entry.recorded").count() == Entry.objects.count()


def test_it_builds_plans_with_clashes_some_acknowledged_and_some_open(seeded: str) -> None:

    clashes = Clash.objects.filter(resolved_at__isnull=True)

    assert clashes.filter(acknowledged_at__isnull=False).exclude(justification="").exists()
    assert clashes.filter(acknowledged_at__isnull=True).exists()
    # The walkthrough's plan with clashes shows both kinds.
    linda = clashes.filter(person__personal_number=LINDA)
    assert linda.filter(acknowledged_at__isnull=False).exists()
    assert linda.filter(acknowledged_at__isnull=True).exists()
    assert Plan.objects.filter(person__personal_number=KIM).exclude(goal="").exists()
    assert Activity.objects.filter(person__personal_number=KIM).count() >= 3


def test_it_sends_referrals_waiting_accepted_and_stale(seeded: str) -> None:
    anna = User.objects.get(username="anna.af")

    assert Referral.objects.stale().exists()
    assert Referral.objects.filter(state=ReferralState.ACCEPTED).exists()
    assert Referral.objects.filter(receiving_agency=anna.agency, state=ReferralState.SENT).exists()
    assert Referral.objects.filter(person__personal_number=KIM).count() == 3


def test_it_records_assessments_that_show_progress(seeded: str) -> None:
    assessments = list(
        Assessment.objects.filter(person__personal_number=KIM).order_by("assessed_on")
    )

    assert len(assessments) >= 2

    def total(assessment: Assessment) -> int:
        return sum(Answer.objects.filter(assessment=assessment).values_list("score", flat=True))

    assert total(assessments[-1]) > total(assessments[0])


def test_it_gives_every_working_login_upcoming_meetings_and_unread_news(seeded: str) -> None:
    for username in WORKING_LOGINS:
        user = User.objects.get(username=username)

        assert meetings_upcoming_for(user).exists(), username
        assert Notification.objects.filter(recipient=user, read_at__isnull=True).exists(), username
    assert clashes_open_for_staff(User.objects.get(username="anna.af")).exists()
    assert Meeting.objects.filter(outcome__gt="").exists()


def test_it_fills_the_front_desk_with_todays_contacts(seeded: str) -> None:
    frida = User.objects.get(username="frida.ame")

    lists = reception_read(reader=frida)

    assert len(lists["today"]) == 4
    assert all(row.item is not None for row in lists["today"])
    assert len(lists["open"]) == 3
    assert len(lists["unrouted"]) == 2
    closed = Contact.objects.get(state=ContactState.CLOSED)
    assert closed.next_step
    assert closed.next_meeting is not None
    assert closed.next_meeting.starts_at > timezone.now()


def test_it_creates_nothing_new_and_prints_the_logins_when_run_again(seeded: str) -> None:
    before = counts()

    output = seed()

    assert counts() == before
    assert "already exists" in output
    assert "anna.af" in output
    assert "make demo-code USER=anna.af" in output
    assert "ingang-demo-2026" in output


def test_it_plans_the_same_people_every_time_and_seeds_exactly_that_plan(seeded: str) -> None:
    plan = plan_bulk_people()

    assert plan == plan_bulk_people()
    seeded_people = {
        p.personal_number: (p.given_name, p.family_name, p.protected_identity)
        for p in Person.objects.exclude(personal_number__in=list(KEY_PERSONAS))
    }
    assert seeded_people == {
        d.personal_number: (d.given_name, d.family_name, d.protected) for d in plan
    }
    first = plan[0]
    team = CaseMember.objects.filter(case__person__personal_number=first.personal_number)
    # Accepting a referral later adds the receiving staff member to the team.
    assert set(first.team) <= set(team.values_list("staff__username", flat=True))


def test_it_refuses_to_run_without_demo_mode(settings: Settings) -> None:
    settings.DEMO_MODE = False
    before = counts()

    with pytest.raises(CommandError, match="DEMO_MODE"):
        seed()

    assert counts() == before
