"""The deterministic demo world that `make run` serves (see docs/demo.md).

Every person is synthetic test data: the identity numbers pass the checksum
but are made up, and each person is marked `is_test_data`. The staff are
demo logins with one shared, documented password and TOTP keys derived from
their usernames, which is why the command refuses to run unless DEMO_MODE.

Data is written through the write services, so the timeline shows the demo
world the same way it shows real work. Names, numbers and choices come from
a seeded random generator; only dates move with today's date (consents,
plans, meetings, referrals, assessments), so that "expires within 30 days",
"upcoming" and "stale" stay true whenever the world is built. Plans,
meetings, assessments and referrals come from each app's own `demo.py`.
"""

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.models import User
from ingang.agencies.models import Agency, AgencyKind, Role, Unit
from ingang.assessments import demo as assessments_demo
from ingang.cases.models import Case
from ingang.cases.services import case_member_add
from ingang.consent.models import STAFF_SOURCES, Consent, ConsentSource
from ingang.consent.services import block_create, consent_register, consent_withdraw
from ingang.core.categories import Category
from ingang.finsam import demo as finsam_demo
from ingang.followup import demo as followup_demo
from ingang.intake.models import Contact, ContactChannel
from ingang.intake.services import contact_close_with_meeting, contact_register, contact_route
from ingang.meetings import demo as meetings_demo
from ingang.meetings.models import MeetingChannel
from ingang.meetings.services import meeting_book
from ingang.people.models import Person
from ingang.people.services import person_register
from ingang.plans import demo as plans_demo
from ingang.plans.models import Clash
from ingang.plans.services import clash_acknowledge
from ingang.records.models import Entry
from ingang.records.services import entry_create
from ingang.referrals import demo as referrals_demo

SEED = 20260114
# Documented in docs/demo.md; the command refuses to run outside DEMO_MODE.
DEMO_PASSWORD = "ingang-demo-2026"  # noqa: S105
DEMO_EMAIL_DOMAIN = "demo.ingang.invalid"
# With the ten key personas this makes 200 people.
BULK_PEOPLE = 190

AF, FK, SOC, AME, REGION, PROVIDER, FINSAM = (
    "af",
    "fk",
    "soc",
    "ame",
    "region",
    "provider",
    "finsam",
)


@dataclass(frozen=True)
class AgencySpec:
    key: str
    kind: AgencyKind
    name: str
    short_name: str
    units: tuple[str, ...]


AGENCIES = (
    AgencySpec(AF, AgencyKind.EMPLOYMENT_SERVICE, "Arbetsförmedlingen", "AF", ("Skellefteå",)),
    AgencySpec(
        FK, AgencyKind.SOCIAL_INSURANCE, "Försäkringskassan", "FK", ("Lokalt försäkringscenter",)
    ),
    AgencySpec(
        SOC,
        AgencyKind.SOCIAL_SERVICES,
        "Skellefteå kommun, socialtjänsten",
        "Soc",
        ("Ekonomiskt bistånd", "Mottagningen"),
    ),
    AgencySpec(
        AME,
        AgencyKind.LABOUR_MARKET_UNIT,
        "Skellefteå kommun, arbetsmarknadsenheten",
        "AME",
        ("Ingången",),
    ),
    AgencySpec(
        REGION,
        AgencyKind.HEALTH_CARE,
        "Region Västerbotten",
        "Region",
        ("Vårdcentral Centrum", "Psykiatrisk öppenvård"),
    ),
    AgencySpec(
        PROVIDER, AgencyKind.PROVIDER, "Bryggan arbetsträning", "Bryggan", ("Arbetsträning",)
    ),
    AgencySpec(
        FINSAM,
        AgencyKind.COORDINATION_ASSOCIATION,
        "Samordningsförbundet Skellefteå",
        "Finsam",
        ("Kansliet",),
    ),
)


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    agency: str
    unit: str
    role: Role
    title: str


STAFF = (
    StaffSpec("anna.af", "Anna", "Lind", AF, "Skellefteå", Role.CASEWORKER, "Arbetsförmedlare"),
    StaffSpec(
        "johan.af", "Johan", "Sundberg", AF, "Skellefteå", Role.CASEWORKER, "Arbetsförmedlare"
    ),
    StaffSpec("lena.af", "Lena", "Forsberg", AF, "Skellefteå", Role.MANAGER, "Sektionschef"),
    StaffSpec(
        "farid.fk",
        "Farid",
        "Haddad",
        FK,
        "Lokalt försäkringscenter",
        Role.CASEWORKER,
        "Handläggare sjukpenning",
    ),
    StaffSpec(
        "maria.fk",
        "Maria",
        "Öberg",
        FK,
        "Lokalt försäkringscenter",
        Role.CASEWORKER,
        "Handläggare aktivitetsersättning",
    ),
    StaffSpec(
        "sara.soc", "Sara", "Berg", SOC, "Ekonomiskt bistånd", Role.CASEWORKER, "Socialsekreterare"
    ),
    StaffSpec(
        "nils.soc",
        "Nils",
        "Marklund",
        SOC,
        "Ekonomiskt bistånd",
        Role.CASEWORKER,
        "Socialsekreterare",
    ),
    StaffSpec(
        "tove.soc",
        "Tove",
        "Lundmark",
        SOC,
        "Mottagningen",
        Role.FRONT_DESK,
        "Mottagningssekreterare",
    ),
    StaffSpec("mia.ame", "Mia", "Nilsson", AME, "Ingången", Role.COORDINATOR, "Samordnare"),
    StaffSpec("omar.ame", "Omar", "Hassan", AME, "Ingången", Role.COORDINATOR, "Samordnare"),
    StaffSpec("hanna.ame", "Hanna", "Sjöberg", AME, "Ingången", Role.CASEWORKER, "Jobbcoach"),
    StaffSpec("frida.ame", "Frida", "Holm", AME, "Ingången", Role.FRONT_DESK, "Första kontakt"),
    StaffSpec("karin.ame", "Karin", "Boström", AME, "Ingången", Role.MANAGER, "Enhetschef"),
    StaffSpec("ada.admin", "Ada", "Admin", AME, "Ingången", Role.ADMINISTRATOR, "Systemförvaltare"),
    StaffSpec(
        "henrik.region",
        "Henrik",
        "Ek",
        REGION,
        "Vårdcentral Centrum",
        Role.CASEWORKER,
        "Sjuksköterska",
    ),
    StaffSpec(
        "linnea.region",
        "Linnea",
        "Wikström",
        REGION,
        "Psykiatrisk öppenvård",
        Role.CASEWORKER,
        "Arbetsterapeut",
    ),
    StaffSpec(
        "ingrid.region",
        "Ingrid",
        "Holmgren",
        REGION,
        "Vårdcentral Centrum",
        Role.AUDITOR,
        "Loggranskare",
    ),
    StaffSpec(
        "erik.bryggan",
        "Erik",
        "Nyström",
        PROVIDER,
        "Arbetsträning",
        Role.CASEWORKER,
        "Arbetshandledare",
    ),
    StaffSpec("alex.finsam", "Alex", "Stark", FINSAM, "Kansliet", Role.ANALYST, "Analytiker"),
    StaffSpec(
        "olle.revisor", "Olle", "Granath", FINSAM, "Kansliet", Role.AUDITOR, "Revisor, loggkontroll"
    ),
)

FEMALE_NAMES = (
    "Anna", "Maria", "Sara", "Emma", "Elin", "Johanna", "Karin", "Sofia", "Linnéa", "Ida",
    "Malin", "Jenny", "Lisa", "Hanna", "Amira", "Fatima", "Aisha", "Ebba", "Maja", "Kristina",
    "Helena", "Petra", "Jessica", "Therese", "Nadia", "Saga", "Wilma", "Alva", "Lejla", "Ingrid",
)  # fmt: skip
MALE_NAMES = (
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Daniel", "Fredrik", "Jonas",
    "Andreas", "Niklas", "Oskar", "Viktor", "Ahmed", "Mohammed", "Ali", "Hassan", "Emil", "Filip",
    "Marcus", "Tobias", "Robin", "Sebastian", "Jesper", "Dawit", "Omid", "Kevin", "Linus", "Rasmus",
)  # fmt: skip
FAMILY_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindström", "Lundgren",
    "Bergström", "Öberg", "Marklund", "Lundmark", "Holmström", "Burman", "Sandström", "Nordlund",
    "Ahmadi", "Mohammadi", "Hussein", "Abdi", "Tesfay", "Nyberg", "Wikström", "Forsgren", "Åström",
)  # fmt: skip
STREETS = (
    "Storgatan", "Kanalgatan", "Nygatan", "Torggatan", "Stationsgatan", "Skolgatan", "Parkgatan",
    "Strandgatan", "Järnvägsgatan", "Björkvägen", "Tallvägen", "Granvägen", "Solbacken",
)  # fmt: skip
PLACES = (
    ("931 30", "Skellefteå"),
    ("931 31", "Skellefteå"),
    ("931 33", "Skellefteå"),
    ("931 36", "Skellefteå"),
    ("932 31", "Skelleftehamn"),
    ("932 32", "Ursviken"),
    ("934 31", "Kåge"),
    ("937 31", "Burträsk"),
)
WITNESSES = ("Frida Holm, AME", "Hanna Sjöberg, AME", "Tove Lundmark, socialtjänsten")

# Which category each agency records in, and believable titles for the entries.
ENTRY_TITLES: dict[Category, tuple[str, ...]] = {
    Category.EMPLOYMENT: (
        "Inskriven som arbetssökande",
        "Praktik påbörjad inom handel",
        "Deltar i Rusta och matcha",
        "Arbetsmarknadsutbildning: truckkort",
        "Aktivitetsrapport inlämnad",
        "Lönebidragsanställning utreds",
    ),
    Category.INSURANCE: (
        "Sjukpenning beviljad 50 %",
        "Sjukpenning beviljad 100 %",
        "Aktivitetsersättning beviljad",
        "Avstämningsmöte genomfört",
        "Aktivitetsstöd beviljat",
    ),
    Category.SOCIAL: (
        "Försörjningsstöd beviljat",
        "Ansökan om ekonomiskt bistånd",
        "Boendestöd beviljat",
        "Skuldrådgivning påbörjad",
    ),
    Category.HEALTH: (
        "Läkarbedömning",
        "Sjukskrivning 50 % i åtta veckor",
        "Remiss till fysioterapeut",
        "Kontakt med psykiatrisk öppenvård",
        "Arbetsterapeutisk bedömning",
    ),
    Category.PLAN: (
        "Mål: arbete inom vården",
        "Mål: studier på Komvux",
        "Mål: praktik inom lager och logistik",
        "Delmål: svenska för invandrare",
        "Delmål: körkortsteori",
    ),
    Category.ASSESSMENT: (
        "Kartläggning av anställningsbarhet",
        "Uppföljande bedömning efter praktik",
    ),
    Category.NOTES: (
        "Telefonkontakt, nästa möte bokat",
        "Arbetsträning 20 h/vecka påbörjad",
        "Frånvaro anmäld",
        "Trepartssamtal genomfört",
    ),
}
AGENCY_CATEGORIES: dict[str, tuple[Category, ...]] = {
    AF: (Category.EMPLOYMENT,),
    FK: (Category.INSURANCE,),
    SOC: (Category.SOCIAL,),
    REGION: (Category.HEALTH,),
    PROVIDER: (Category.NOTES, Category.ASSESSMENT),
    AME: (Category.NOTES, Category.ASSESSMENT, Category.PLAN),
}
ALL_CATEGORIES = tuple(c.value for c in Category)
WITHDRAWAL_REASONS = (
    "Återkallat muntligt vid besök på Ingången.",
    "Återkallat per telefon.",
    "Personen vill inte längre att uppgifter delas.",
)


@dataclass(frozen=True)
class KeyPersona:
    given_name: str
    family_name: str
    born: date
    serial: int
    coordination: bool = False


# The people docs/demo.md walks through, one per rule; their numbers must never change.
KIM = KeyPersona("Kim", "Andersson", date(1985, 3, 14), 238)
JOHANNA = KeyPersona("Johanna", "Lindqvist", date(1979, 11, 2), 364)
LEYLA = KeyPersona("Leyla", "Karimi", date(1992, 6, 21), 446)
MATTIAS = KeyPersona("Mattias", "Johansson", date(1971, 9, 8), 157)
AMANDA = KeyPersona("Amanda", "Nordin", date(1996, 1, 30), 582)
SANNA = KeyPersona("Sanna", "Eklund", date(1988, 4, 17), 724)
LINDA = KeyPersona("Linda", "Gustafsson", date(1983, 12, 5), 318)
OSKAR = KeyPersona("Oskar", "Berglund", date(1990, 8, 26), 473)
NORA = KeyPersona("Nora", "Lundgren", date(2001, 2, 11), 266)
YONAS = KeyPersona("Yonas", "Tesfay", date(1994, 5, 9), 395, coordination=True)
KEY_PERSONAS = (KIM, JOHANNA, LEYLA, MATTIAS, AMANDA, SANNA, LINDA, OSKAR, NORA, YONAS)

# (consent scenario, weight) for the bulk people; the key personas are built by hand.
SCENARIOS = (
    ("full", 30),
    ("partial", 18),
    ("renewed", 8),
    ("expiring", 10),
    ("expired", 9),
    ("withdrawn", 7),
    ("not_yet_valid", 5),
    ("named_staff", 5),
    ("none", 8),
)


class CaseSeeder(Protocol):
    def __call__(
        self, *, case: Case, team: list[User], today: date, rng: random.Random
    ) -> None: ...


# The apps where a team works together, each seeding one case through its own
# services (see each app's demo.py). Referrals come last: accepting one can add
# staff to the team.
CASE_SEEDERS: tuple[tuple[str, CaseSeeder], ...] = (
    ("plans", plans_demo.seed_case),
    ("meetings", meetings_demo.seed_case),
    ("assessments", assessments_demo.seed_case),
    ("referrals", referrals_demo.seed_case),
)
# Besides the key personas, every tenth bulk person has a plan, meetings,
# assessments and referrals: enough for every caseworker's start page and
# calendar, while seeding stays quick.
WORKING_TOGETHER_EVERY = 10
FRONT_DESK = "frida.ame"
ROUTED_TO = "hanna.ame"
RECEPTION_PLACE = "Ingången, Kanalgatan 4, Skellefteå"


@dataclass(frozen=True)
class ContactSpec:
    channel: ContactChannel
    need: str
    # "waiting" for routing, "routed" (still open, no next step yet), or "closed"
    # with a next step and a booked meeting.
    outcome: str


# Today's contacts at Ingången's front desk, each for a person Frida works with.
RECEPTION = (
    ContactSpec(
        ContactChannel.VISIT,
        "Jag har fått ett brev från Försäkringskassan och förstår inte vad jag ska göra.",
        "waiting",
    ),
    ContactSpec(
        ContactChannel.PHONE,
        "Jag vill börja jobba igen men vet inte var jag ska börja.",
        "waiting",
    ),
    ContactSpec(ContactChannel.WEB_FORM, "Jag behöver hjälp att skriva ett CV.", "routed"),
    ContactSpec(
        ContactChannel.VISIT,
        "Min praktik har tagit slut och jag vill veta vad som händer nu.",
        "closed",
    ),
)


def totp_key(username: str) -> str:
    """A demo user's TOTP key: derived, so `demo_totp` and a phone app agree on every build."""
    return hashlib.sha1(username.encode(), usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class PersonDraft:
    """Who a bulk person is and who works with them, decided before anything is written."""

    personal_number: str
    given_name: str
    family_name: str
    protected: bool
    address: tuple[str, str, str]
    phone: str
    # Usernames; the first is the coordinator, who registers the person.
    team: tuple[str, ...]
    scenario: str


def _identity_number(born: date, serial: int, *, coordination: bool = False) -> str:
    # Imported here: the factories module needs factory_boy, a development
    # dependency, and the DEMO_MODE refusal must come first in any install.
    from ingang.testing.factories import identity_number

    return identity_number(born, serial, coordination=coordination)


def key_persona_number(persona: KeyPersona) -> str:
    return _identity_number(persona.born, persona.serial, coordination=persona.coordination)


def plan_bulk_people(seed: int = SEED) -> list[PersonDraft]:
    """The bulk people, from the seed alone: the same list on every run and every machine."""
    # A seeded, non-cryptographic generator is the point: the same world every time.
    rng = random.Random(seed)  # noqa: S311
    taken = {key_persona_number(p) for p in KEY_PERSONAS}
    key_names = {(p.given_name, p.family_name) for p in KEY_PERSONAS}
    earliest, latest = date(1962, 1, 1), date(2006, 12, 31)
    scenarios = [name for name, _weight in SCENARIOS]
    weights = [weight for _name, weight in SCENARIOS]

    def pick(first: str, second: str, first_share: float) -> str:
        # Key personas take the smaller share, so their start pages stay readable.
        return first if rng.random() < first_share else second

    drafts: list[PersonDraft] = []
    for i in range(BULK_PEOPLE):
        female = rng.random() < 0.5
        given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        family = rng.choice(FAMILY_NAMES)
        # The key personas' names stay unique so the walkthrough is unambiguous.
        while (given, family) in key_names:
            family = rng.choice(FAMILY_NAMES)
        born = earliest + timedelta(days=rng.randrange((latest - earliest).days))
        coordination = i % 40 == 7
        while True:
            # The serial's last digit tells sex, as in real numbers: even for women.
            serial = rng.randrange(10, 100) * 10 + rng.choice(
                (0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9)
            )
            number = _identity_number(born, serial, coordination=coordination)
            if number not in taken:
                taken.add(number)
                break
        protected = i % 60 == 13
        team = [pick("mia.ame", "omar.ame", 0.3)]
        if rng.random() < 0.85:
            team.append(pick("anna.af", "johan.af", 0.3))
        if rng.random() < 0.6:
            team.append(pick("farid.fk", "maria.fk", 0.35))
        if rng.random() < 0.5:
            team.append(pick("sara.soc", "nils.soc", 0.35))
        if rng.random() < 0.4:
            team.append(pick("henrik.region", "linnea.region", 0.35))
        if rng.random() < 0.2:
            team.append("erik.bryggan")
        if rng.random() < 0.25:
            team.append("hanna.ame")
        if rng.random() < 0.1:
            team.append("frida.ame")
        if rng.random() < 0.05:
            team.append(pick("lena.af", "karin.ame", 0.5))
        postal_code, city = rng.choice(PLACES)
        street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
        # 070-174 06 05 to 99 is the series PTS sets aside for fiction: no real phone rings.
        phone = f"070-174 06 {rng.randint(5, 99):02d}"
        drafts.append(
            PersonDraft(
                personal_number=number,
                given_name=given,
                family_name=family,
                protected=protected,
                # Protected identity: the address is not recorded at all.
                address=("", "", "") if protected else (street, postal_code, city),
                phone="" if protected else phone,
                team=tuple(team),
                scenario=rng.choices(scenarios, weights)[0],
            )
        )
    return drafts


class Command(BaseCommand):
    help = (
        "Create the deterministic demo world (synthetic people, demo staff, consents in "
        "every state, plans, meetings, referrals, assessments and front-desk contacts). "
        "Demo mode only; does nothing if the world already exists."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_demo is disabled: DEMO_MODE is off. The demo world has a shared password "
                "and predictable TOTP keys and must never exist in production."
            )
        usernames = [s.username for s in STAFF]
        if User.objects.filter(
            username__in=usernames, email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
        ).exists():
            self.stdout.write("The demo world already exists; nothing was created.")
            self._print_logins()
            return
        try:
            with transaction.atomic():
                counts = _Builder(timezone.localdate()).build()
        except (ValidationError, PermissionDenied, IntegrityError) as exc:
            raise CommandError(
                f"Could not build the demo world ({exc}). It needs a database without "
                "conflicting staff or people; remove var/ingang.sqlite3 and run `make run` again."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo world created: {counts['people']} synthetic people, "
                f"{counts['staff']} staff, {counts['entries']} entries, "
                f"{counts['consents']} consents, {counts['blocks']} blocks; plans, meetings, "
                f"assessments and referrals for {counts['working_together']} people; "
                f"{counts['contacts']} contacts at the front desk."
            )
        )
        self._print_logins()

    def _print_logins(self) -> None:
        order = {s.username: i for i, s in enumerate(STAFF)}
        users = sorted(
            User.objects.filter(
                username__in=order, email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
            ).select_related("unit__agency"),
            key=lambda u: order[u.username],
        )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"{'username':<15} {'role':<14} agency")
        for user in users:
            agency = user.agency.name if user.agency is not None else ""
            self.stdout.write(f"{user.username:<15} {user.role:<14} {agency}")
        self.stdout.write("")
        self.stdout.write("TOTP code for a login: make demo-code USER=anna.af")
        self.stdout.write(
            "My pages (the person's own portal): /mina-sidor/ — demo sign-in with a demo "
            "person's number, e.g. 19850314-2385 (Kim Andersson)"
        )
        self.stdout.write("Walkthrough: docs/demo.md")


class _Builder:
    """Builds the world in a fixed order so the seeded generator yields the same choices."""

    def __init__(self, today: date) -> None:
        # Entries, consents and blocks draw from their own seeded generator, so
        # the people plan stays the same when these details change.
        self.rng = random.Random(SEED + 1)  # noqa: S311
        self.today = today
        self.window = settings.CONSENT_EXPIRING_DAYS
        self.agencies: dict[str, Agency] = {}
        self.units: dict[tuple[str, str], Unit] = {}
        self.staff: dict[str, User] = {}
        self.counts = {
            "people": 0,
            "staff": 0,
            "entries": 0,
            "consents": 0,
            "blocks": 0,
            "working_together": 0,
            "contacts": 0,
        }
        # (case, team with the coordinator first), as the apps' demo seeders take them.
        self.key_cases: dict[KeyPersona, tuple[Case, list[User]]] = {}
        self.sample_cases: list[tuple[Case, list[User]]] = []
        self.front_desk_cases: list[tuple[Case, list[User]]] = []

    def build(self) -> dict[str, int]:
        self._agencies()
        self._staff()
        self._bulk_people()
        # Last, so the key personas top every "My coordination cases" list (newest first).
        self._key_personas()
        # After every consent: a referral goes only where a current consent covers it.
        self._working_together()
        self._reception()
        # Coordination associations and their projects (ingang/finsam/demo.py).
        self.counts["projects"] = finsam_demo.seed_finsam(
            agencies=self.agencies, analyst=self._s("alex.finsam"), today=self.today
        )
        # Participations and outcomes in those projects (ingang/followup/demo.py).
        self.counts["participations"] = followup_demo.seed_participations(
            today=self.today,
            rng=random.Random(f"{SEED}:followup"),  # noqa: S311
        )
        return self.counts

    # -- organisation ---------------------------------------------------------

    def _agencies(self) -> None:
        for spec in AGENCIES:
            agency, _created = Agency.objects.get_or_create(
                name=spec.name, defaults={"kind": spec.kind, "short_name": spec.short_name}
            )
            self.agencies[spec.key] = agency
            for unit_name in spec.units:
                unit, _created = Unit.objects.get_or_create(agency=agency, name=unit_name)
                self.units[(spec.key, unit_name)] = unit

    def _staff(self) -> None:
        # One Argon2 hash shared by all demo logins: hashing twenty times would be
        # most of the seed time, and the password is public anyway.
        password_hash = make_password(DEMO_PASSWORD)
        for spec in STAFF:
            user = User(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@{DEMO_EMAIL_DOMAIN}",
                unit=self.units[(spec.agency, spec.unit)],
                role=spec.role,
                title=spec.title,
                is_staff=spec.role is Role.ADMINISTRATOR,
            )
            user.password = password_hash
            user.save()
            TOTPDevice.objects.create(
                user=user, name="default", key=totp_key(spec.username), confirmed=True
            )
            self.staff[spec.username] = user
            self.counts["staff"] += 1

    def _a(self, *keys: str) -> list[Agency]:
        return [self.agencies[k] for k in keys]

    def _s(self, username: str) -> User:
        return self.staff[username]

    # -- helpers that go through the write services ---------------------------

    def _person(
        self,
        *,
        registrar: User,
        number: str,
        given: str,
        family: str,
        team: Sequence[User],
        protected: bool = False,
        address: tuple[str, str, str] = ("", "", ""),
        phone: str = "",
        email: str = "",
    ) -> tuple[Person, Case]:
        street, postal_code, city = address
        person, case = person_register(
            actor=registrar,
            personal_number=number,
            given_name=given,
            family_name=family,
            street_address=street,
            postal_code=postal_code,
            city=city,
            phone=phone,
            email=email,
            protected_identity=protected,
            is_test_data=True,
        )
        for member in team:
            if member != registrar:
                case_member_add(case=case, staff=member, actor=registrar)
        self.counts["people"] += 1
        return person, case

    def _key_person(
        self,
        persona: KeyPersona,
        *,
        team: Sequence[User],
        protected: bool = False,
        address: tuple[str, str, str] = ("", "", ""),
        phone: str = "",
    ) -> tuple[Person, Case]:
        # Mia coordinates every key persona, so one login sees them all by name.
        mia = self._s("mia.ame")
        person, case = self._person(
            registrar=mia,
            number=key_persona_number(persona),
            given=persona.given_name,
            family=persona.family_name,
            team=team,
            protected=protected,
            address=address,
            phone=phone,
        )
        self.key_cases[persona] = (case, [mia, *team])
        return person, case

    def _entry(self, person: Person, author: User, category: Category, title: str) -> Entry:
        self.counts["entries"] += 1
        return entry_create(
            person=person,
            actor=author,
            category=category,
            title=title,
            body=f"{title}. Registrerat av {author.get_full_name()}, {author.title.lower()}.",
        )

    def _consent(
        self,
        person: Person,
        actor: User,
        *,
        categories: Iterable[str],
        valid_from: date,
        valid_until: date | None,
        source: ConsentSource,
        agencies: Iterable[Agency] = (),
        staff: Iterable[User] = (),
        witness: str = "",
        note: str = "",
    ) -> Consent:
        self.counts["consents"] += 1
        return consent_register(
            person=person,
            actor=actor,
            categories=categories,
            agencies=agencies,
            staff=staff,
            valid_from=valid_from,
            valid_until=valid_until,
            source=source,
            witness=witness,
            note=note,
        )

    def _days(self, n: int) -> date:
        return self.today + timedelta(days=n)

    def _active_until(self, extra_days: int) -> date:
        """An end date safely beyond the expiring window, whatever the window is set to."""
        return self._days(self.window + extra_days)

    # -- the key personas, one per rule ---------------------------------------

    def _key_personas(self) -> None:
        anna, farid, sara, mia = (
            self._s("anna.af"),
            self._s("farid.fk"),
            self._s("sara.soc"),
            self._s("mia.ame"),
        )
        henrik, maria, hanna, erik = (
            self._s("henrik.region"),
            self._s("maria.fk"),
            self._s("hanna.ame"),
            self._s("erik.bryggan"),
        )
        home = ("Storgatan 12", "931 30", "Skellefteå")

        # Consent to AF, FK, the municipality and AME, but not for social or health data.
        kim, _case = self._key_person(
            KIM,
            team=[anna, farid, sara, henrik],
            address=home,
            phone="070-174 06 05",
        )
        self._entry(kim, mia, Category.PLAN, "Mål: arbete inom vården")
        self._entry(kim, mia, Category.ASSESSMENT, "Kartläggning av anställningsbarhet")
        self._entry(kim, anna, Category.EMPLOYMENT, "Inskriven som arbetssökande")
        self._entry(kim, farid, Category.INSURANCE, "Sjukpenning beviljad 50 %")
        self._entry(kim, sara, Category.SOCIAL, "Försörjningsstöd beviljat")
        self._entry(kim, henrik, Category.HEALTH, "Läkarbedömning")
        self._consent(
            kim,
            mia,
            categories=["identity", "plan", "assessment", "employment", "insurance", "notes"],
            agencies=self._a(AF, FK, SOC, AME),
            valid_from=self._days(-60),
            valid_until=self._active_until(270),
            source=ConsentSource.SIGNED_FORM,
        )

        johanna, _case = self._key_person(
            JOHANNA,
            team=[anna, farid],
            address=("Kanalgatan 4", "931 31", "Skellefteå"),
        )
        self._entry(johanna, mia, Category.PLAN, "Mål: studier på Komvux")
        self._entry(johanna, anna, Category.EMPLOYMENT, "Deltar i Rusta och matcha")
        self._entry(johanna, farid, Category.INSURANCE, "Aktivitetsstöd beviljat")
        self._consent(
            johanna,
            mia,
            categories=ALL_CATEGORIES,
            agencies=self._a(AF, FK, AME),
            valid_from=self._days(-400),
            valid_until=self._days(-14),
            source=ConsentSource.SIGNED_FORM,
        )

        leyla, _case = self._key_person(
            LEYLA,
            team=[anna, farid, sara],
            address=("Nygatan 27", "931 33", "Skellefteå"),
        )
        self._entry(leyla, mia, Category.PLAN, "Delmål: svenska för invandrare")
        self._entry(leyla, anna, Category.EMPLOYMENT, "Inskriven som arbetssökande")
        self._entry(leyla, farid, Category.INSURANCE, "Sjukpenning beviljad 100 %")
        self._entry(leyla, sara, Category.SOCIAL, "Ansökan om ekonomiskt bistånd")
        consent = self._consent(
            leyla,
            mia,
            categories=ALL_CATEGORIES,
            agencies=self._a(AF, FK, SOC, AME),
            valid_from=self._days(-90),
            valid_until=self._active_until(200),
            source=ConsentSource.DIGITAL_SIGNATURE,
        )
        consent_withdraw(consent=consent, actor=mia, reason="Återkallat vid besök på Ingången.")

        mattias, _case = self._key_person(
            MATTIAS,
            team=[anna, farid, henrik],
            address=("Tallvägen 3", "934 31", "Kåge"),
        )
        self._entry(mattias, mia, Category.PLAN, "Mål: praktik inom lager och logistik")
        self._entry(mattias, anna, Category.EMPLOYMENT, "Praktik påbörjad inom handel")
        self._entry(mattias, farid, Category.INSURANCE, "Sjukpenning beviljad 50 %")
        self._entry(mattias, henrik, Category.HEALTH, "Kontakt med psykiatrisk öppenvård")
        self._entry(mattias, henrik, Category.HEALTH, "Sjukskrivning 50 % i åtta veckor")
        self._consent(
            mattias,
            mia,
            categories=ALL_CATEGORIES,
            agencies=self._a(AF, FK, REGION, AME),
            valid_from=self._days(-30),
            valid_until=self._active_until(330),
            source=ConsentSource.SIGNED_FORM,
        )
        self.counts["blocks"] += 1
        block_create(
            person=mattias,
            actor=henrik,
            category=Category.HEALTH,
            reason="Personen vill inte att hälsouppgifter delas med andra myndigheter.",
        )

        amanda, _case = self._key_person(
            AMANDA,
            team=[anna, sara],
            address=("Strandgatan 9", "932 32", "Ursviken"),
        )
        self._entry(amanda, mia, Category.PLAN, "Mål: arbete inom vården")
        self._entry(amanda, anna, Category.EMPLOYMENT, "Arbetsmarknadsutbildning: truckkort")
        self._entry(amanda, sara, Category.SOCIAL, "Försörjningsstöd beviljat")
        hidden = self._entry(amanda, sara, Category.SOCIAL, "Skuldrådgivning påbörjad")
        self._consent(
            amanda,
            mia,
            categories=ALL_CATEGORIES,
            agencies=self._a(AF, SOC, AME),
            valid_from=self._days(-120),
            valid_until=None,
            source=ConsentSource.DIGITAL_SIGNATURE,
        )
        self.counts["blocks"] += 1
        block_create(
            person=amanda,
            actor=sara,
            entry=hidden,
            reason="Personen vill att detta stannar hos oss.",
        )

        # Protected identity: no address is recorded, and only Ingången sees who it is.
        sanna, _case = self._key_person(
            SANNA,
            team=[anna, sara],
            protected=True,
        )
        self._entry(sanna, mia, Category.PLAN, "Mål: studier på Komvux")
        self._entry(sanna, anna, Category.EMPLOYMENT, "Inskriven som arbetssökande")
        self._entry(sanna, sara, Category.SOCIAL, "Boendestöd beviljat")
        self._consent(
            sanna,
            mia,
            categories=ALL_CATEGORIES,
            agencies=self._a(AF, SOC, AME),
            valid_from=self._days(-45),
            valid_until=self._active_until(300),
            source=ConsentSource.SIGNED_FORM,
        )

        linda, _case = self._key_person(
            LINDA,
            team=[anna, farid],
            address=("Skolgatan 15", "931 36", "Skellefteå"),
        )
        self._entry(linda, mia, Category.PLAN, "Delmål: körkortsteori")
        self._entry(linda, anna, Category.EMPLOYMENT, "Aktivitetsrapport inlämnad")
        self._entry(linda, farid, Category.INSURANCE, "Avstämningsmöte genomfört")
        self._consent(
            linda,
            mia,
            categories=["identity", "plan", "employment", "insurance"],
            agencies=self._a(AF, FK, AME),
            valid_from=self._days(-340),
            valid_until=self._days(min(12, self.window)),
            source=ConsentSource.ORAL_WITH_WITNESS,
            witness="Frida Holm, AME",
        )

        # Consent to Farid by name: Maria at the same agency gets nothing from it.
        oskar, _case = self._key_person(
            OSKAR,
            team=[farid, maria],
            address=("Björkvägen 21", "937 31", "Burträsk"),
        )
        self._entry(oskar, mia, Category.PLAN, "Mål: arbete inom vården")
        self._entry(oskar, mia, Category.NOTES, "Trepartssamtal genomfört")
        self._entry(oskar, farid, Category.INSURANCE, "Sjukpenning beviljad 100 %")
        self._consent(
            oskar,
            mia,
            categories=["identity", "plan", "notes"],
            staff=[farid],
            valid_from=self._days(-20),
            valid_until=self._active_until(340),
            source=ConsentSource.SIGNED_FORM,
            note="Samtycket gäller endast Farid Haddad.",
        )

        nora, _case = self._key_person(
            NORA,
            team=[anna],
            address=("Parkgatan 6", "931 30", "Skellefteå"),
        )
        self._entry(nora, mia, Category.PLAN, "Mål: praktik inom lager och logistik")
        self._entry(nora, anna, Category.EMPLOYMENT, "Inskriven som arbetssökande")
        self._consent(
            nora,
            mia,
            categories=["identity", "plan", "employment", "notes"],
            agencies=self._a(AF, AME),
            valid_from=self._days(7),
            valid_until=self._days(372),
            source=ConsentSource.DIGITAL_SIGNATURE,
        )

        yonas, _case = self._key_person(
            YONAS,
            team=[anna, hanna, erik],
            address=("Granvägen 8", "931 33", "Skellefteå"),
        )
        self._entry(yonas, mia, Category.PLAN, "Delmål: svenska för invandrare")
        self._entry(yonas, hanna, Category.ASSESSMENT, "Kartläggning av anställningsbarhet")
        self._entry(yonas, anna, Category.EMPLOYMENT, "Praktik påbörjad inom handel")
        self._entry(yonas, erik, Category.NOTES, "Arbetsträning 20 h/vecka påbörjad")
        self._consent(
            yonas,
            mia,
            categories=ALL_CATEGORIES,
            agencies=self._a(AF, AME, PROVIDER),
            valid_from=self._days(-10),
            valid_until=self._active_until(355),
            source=ConsentSource.DIGITAL_SIGNATURE,
        )

    # -- the bulk --------------------------------------------------------------

    def _bulk_people(self) -> None:
        for index, draft in enumerate(plan_bulk_people()):
            team = [self._s(username) for username in draft.team]
            coordinator = team[0]
            person, case = self._person(
                registrar=coordinator,
                number=draft.personal_number,
                given=draft.given_name,
                family=draft.family_name,
                team=team,
                protected=draft.protected,
                address=draft.address,
                phone=draft.phone,
            )
            entries = self._bulk_entries(person, team)
            self._bulk_consents(person, coordinator, team, draft.scenario)
            if draft.scenario != "none":
                self._bulk_block(person, entries)
            if index % WORKING_TOGETHER_EVERY == 0:
                self.sample_cases.append((case, team))
            if FRONT_DESK in draft.team and len(self.front_desk_cases) < len(RECEPTION):
                self.front_desk_cases.append((case, team))

    def _bulk_entries(self, person: Person, team: list[User]) -> list[Entry]:
        rng = self.rng
        entries = [
            self._entry(person, team[0], Category.PLAN, rng.choice(ENTRY_TITLES[Category.PLAN]))
        ]
        for member in team:
            # Front desk and managers rarely record case data; caseworkers and the coordinator do.
            if member.role != Role.CASEWORKER and member is not team[0]:
                continue
            agency_key = self._agency_key(member)
            for _n in range(rng.randint(1, 2)):
                category = rng.choice(AGENCY_CATEGORIES[agency_key])
                entries.append(
                    self._entry(person, member, category, rng.choice(ENTRY_TITLES[category]))
                )
        return entries

    def _agency_key(self, user: User) -> str:
        agency = user.agency
        return next(k for k, a in self.agencies.items() if a == agency)

    def _team_agencies(self, team: list[User]) -> list[Agency]:
        keys = {self._agency_key(m) for m in team}
        return [self.agencies[s.key] for s in AGENCIES if s.key in keys]

    def _source(self) -> tuple[ConsentSource, str]:
        source = self.rng.choice(STAFF_SOURCES)
        witness = self.rng.choice(WITNESSES) if source is ConsentSource.ORAL_WITH_WITNESS else ""
        return source, witness

    def _bulk_consents(
        self, person: Person, coordinator: User, team: list[User], scenario: str
    ) -> None:
        rng = self.rng
        agencies = self._team_agencies(team)
        others = [m for m in team if m is not coordinator]
        if scenario == "named_staff" and not others:
            scenario = "full"
        if scenario == "none":
            return
        categories: Sequence[str] = ALL_CATEGORIES
        staff: list[User] = []
        valid_from = self._days(-rng.randint(10, 330))
        valid_until: date | None = (
            None if rng.random() < 0.15 else self._active_until(rng.randint(1, 365))
        )
        if scenario == "partial":
            extra = [c for c in ALL_CATEGORIES if c not in ("identity", "plan")]
            categories = ["identity", "plan", *rng.sample(extra, rng.randint(1, 4))]
            agencies = rng.sample(agencies, rng.randint(1, len(agencies)))
        elif scenario == "renewed":
            source, witness = self._source()
            self._consent(
                person,
                coordinator,
                categories=ALL_CATEGORIES,
                agencies=agencies,
                valid_from=self._days(-rng.randint(400, 700)),
                valid_until=valid_from - timedelta(days=1),
                source=source,
                witness=witness,
            )
        elif scenario == "expiring":
            valid_until = self._days(rng.randint(1, self.window))
        elif scenario == "expired":
            valid_from = self._days(-rng.randint(400, 800))
            valid_until = self._days(-rng.randint(1, 120))
        elif scenario == "not_yet_valid":
            valid_from = self._days(rng.randint(1, 20))
            valid_until = valid_from + timedelta(days=365)
        elif scenario == "named_staff":
            categories = ["identity", "plan", *rng.sample(ALL_CATEGORIES[2:], 2)]
            staff = [rng.choice(others)]
            agencies = []
        source, witness = self._source()
        consent = self._consent(
            person,
            coordinator,
            categories=categories,
            agencies=agencies,
            staff=staff,
            valid_from=valid_from,
            valid_until=valid_until,
            source=source,
            witness=witness,
        )
        if scenario == "withdrawn":
            consent_withdraw(
                consent=consent, actor=coordinator, reason=rng.choice(WITHDRAWAL_REASONS)
            )

    def _bulk_block(self, person: Person, entries: list[Entry]) -> None:
        # Blocks are most believable on social and health data, so only those get them.
        sensitive = [
            (e, e.author)
            for e in entries
            if e.category in (Category.SOCIAL, Category.HEALTH) and e.author is not None
        ]
        if not sensitive:
            return
        roll = self.rng.random()
        if roll < 0.08:
            entry, author = self.rng.choice(sensitive)
            block_create(
                person=person,
                actor=author,
                category=entry.category,
                reason="Personen vill inte att uppgifterna delas med andra myndigheter.",
            )
            self.counts["blocks"] += 1
        elif roll < 0.14:
            entry, author = self.rng.choice(sensitive)
            block_create(
                person=person,
                actor=author,
                entry=entry,
                reason="Personen vill att anteckningen stannar hos oss.",
            )
            self.counts["blocks"] += 1

    # -- working together: plans, meetings, assessments, referrals, reception --

    def _working_together(self) -> None:
        cases = [*self.key_cases.values(), *self.sample_cases]
        for case, team in cases:
            for app, seed_case in CASE_SEEDERS:
                # One generator per case and app: changing one app's demo, or the
                # sample, leaves every other choice as it was.
                rng = random.Random(f"{SEED}:{app}:{case.person.personal_number}")  # noqa: S311
                seed_case(case=case, team=team, today=self.today, rng=rng)
            self.counts["working_together"] += 1
        self._acknowledge_clashes(cases)
        self._joint_meeting(*self.key_cases[MATTIAS])

    def _acknowledge_clashes(self, cases: list[tuple[Case, list[User]]]) -> None:
        """The first clash of each plan is acknowledged by the coordinator; the rest stay open."""
        for case, team in cases:
            clash = Clash.objects.filter(plan__case=case, resolved_at__isnull=True).first()
            if clash is not None:
                clash_acknowledge(
                    clash=clash,
                    actor=team[0],
                    justification=(
                        "Avstämt på trepartsmöte: krocken är känd och planen ses över vid "
                        "nästa uppföljning."
                    ),
                )

    def _joint_meeting(self, case: Case, team: list[User]) -> None:
        # The whole team on the next working day, so the key logins' calendars
        # (including Henrik's, who has few meetings otherwise) show a joint meeting.
        starts = self._working_day_at(13)
        meeting_book(
            actor=team[0],
            case=case,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
            channel=MeetingChannel.VISIT,
            place=RECEPTION_PLACE,
            purpose="Gemensamt samordningsmöte: sjukskrivning, praktik och arbetsträning",
            participants=team,
        )

    def _working_day_at(self, hour: int) -> datetime:
        """The next working day after today (Saturday and Sunday skipped) at `hour`."""
        day = self._days(1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def _reception(self) -> None:
        front_desk, routed_to = self._s(FRONT_DESK), self._s(ROUTED_TO)
        for spec, (case, team) in zip(RECEPTION, self.front_desk_cases, strict=True):
            contact = contact_register(
                actor=front_desk, case=case, channel=spec.channel, need=spec.need
            )
            if spec.outcome == "routed":
                contact_route(contact=contact, actor=front_desk, staff=routed_to)
            elif spec.outcome == "closed":
                self._close(contact, front_desk, coordinator=team[0])
            self.counts["contacts"] += 1

    def _close(self, contact: Contact, front_desk: User, *, coordinator: User) -> None:
        starts = self._working_day_at(10)
        contact_close_with_meeting(
            contact=contact,
            actor=front_desk,
            next_step="Träffa samordnaren och gå igenom vad som finns efter praktiken.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            channel=MeetingChannel.VISIT,
            place=RECEPTION_PLACE,
            purpose="Nästa steg efter praktiken",
            participants=[front_desk, coordinator],
        )
