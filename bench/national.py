"""A national-size dataset, bulk loaded: `python -m bench.national --scale 0.01`.

At scale 1 on PostgreSQL: 300 000 people, 60 000 cases with plans, 600 000
activities, 1 000 000 participations with outcomes and 10 000 000 access
events; on SQLite a tenth of that. Around them: 80 coordination associations
with 10 projects each, their municipalities and regions, AF and FK, and 4 000
staff (scaled alike, with floors so small scales still make sense).

It fills the database DATABASE_URL names (migrating it first) and refuses one
that already holds people. Rows are bulk loaded: COPY through psycopg on
PostgreSQL, bulk_create in batches on SQLite. Model instances are built first
so every field default applies whatever the schema says today. Choices come
from a seeded generator (--seed), so the same scale gives the same data; only
the access log's per-event salts are random, as in production.

The access log is a valid hash chain: each event is sealed by the audit app's
own builder, the chain head and checkpoints are written as the app would, and
`manage.py audit_verify` passes afterwards. Nothing here bypasses the
append-only triggers: events are only ever inserted.

Written for benchmarks (bench.followup), never for a database with real data.
"""

import argparse
import os
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import batched
from typing import Any

FULL = {
    "people": 300_000,
    "cases": 60_000,
    "activities": 600_000,
    "participations": 1_000_000,
    "access_events": 10_000_000,
    "staff": 4_000,
}
ASSOCIATIONS = 80
PROJECTS_PER_ASSOCIATION = 10
BATCH = 5_000


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.national", description=__doc__)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of national size (default 1)"
    )
    parser.add_argument("--seed", type=int, default=20260501, help="random seed")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    return parser.parse_args(argv)


def volumes(scale: float, vendor: str) -> dict[str, int]:
    """Row counts for a scale; SQLite gets a tenth of PostgreSQL's."""
    factor = scale * (0.1 if vendor == "sqlite" else 1.0)
    counts = {name: max(1, round(n * factor)) for name, n in FULL.items()}
    counts["staff"] = max(counts["staff"], 50)
    counts["cases"] = min(counts["cases"], counts["people"])
    return counts


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from ingang.people.models import Person

    call_command("migrate", verbosity=0, interactive=False)
    if Person.objects.exists():
        print("The database already holds people; use an empty one.", file=sys.stderr)
        return 2
    counts = volumes(args.scale, connection.vendor)
    print(f"National dataset on {connection.vendor} at scale {args.scale}: {counts}")
    started = time.perf_counter()
    _Generator(counts, random.Random(args.seed), progress=not args.no_progress).run()
    print(f"Done in {time.perf_counter() - started:.0f} s")
    return 0


# -- bulk loading ------------------------------------------------------------------


def load(model: Any, instances: Iterable[Any], *, total: int, progress: bool) -> int:
    """Insert instances (explicit primary keys set) by COPY or bulk_create; returns the count."""
    from django.db import connection
    from psycopg import sql
    from tqdm import tqdm

    label = model._meta.label
    rows = tqdm(instances, total=total, desc=label, unit=" rows", disable=not progress)
    written = 0
    if connection.vendor == "postgresql":
        fields = model._meta.concrete_fields
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(model._meta.db_table),
            sql.SQL(", ").join(sql.Identifier(f.column) for f in fields),
        )
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for obj in rows:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
                written += 1
    else:
        for chunk in batched(rows, BATCH):
            model.objects.bulk_create(chunk)
            written += len(chunk)
    return written


def reset_sequences(models: list[Any]) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


# -- the data ------------------------------------------------------------------------

ENTRY_SOURCES = (
    ("income_support", 28),
    ("sickness_benefit", 18),
    ("sickness_compensation", 12),
    ("activity_support", 14),
    ("unemployment_benefit", 6),
    ("establishment_benefit", 8),
    ("none", 6),
    ("other", 3),
    ("unknown", 5),
)
EXIT_STATUSES = (
    ("unsubsidised_work", 18),
    ("subsidised_work", 12),
    ("studies", 14),
    ("job_seeking", 20),
    ("other_programme", 10),
    ("sick", 10),
    ("parental_leave", 3),
    ("moved", 3),
    ("dropped_out", 6),
    ("unknown", 4),
)
# Income source at exit by status; None keeps the source at entry.
INCOME_BY_STATUS = {
    "unsubsidised_work": "unsubsidised_wage",
    "subsidised_work": "subsidised_wage",
    "studies": "student_finance",
    "parental_leave": "other",
}
GENDERS = (("woman", 52), ("man", 46), ("other", 2))
EDUCATION = (
    ("compulsory_incomplete", 15),
    ("compulsory", 30),
    ("upper_secondary", 35),
    ("post_secondary", 12),
    ("unknown", 8),
)
ACTIONS = (
    "person.overview",
    "plan.view",
    "timeline.view",
    "dashboard.view",
    "case.list",
    "meeting.detail",
)
CATEGORIES = ("identity", "plan", "employment", "insurance", "social", "health", "notes")
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
FIRST = date(2019, 1, 1)
LAST = date(2025, 12, 31)


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> Callable[[], str]:
    names = [n for n, _w in table]
    cumulative: list[float] = []
    total = 0
    for _n, w in table:
        total += w
        cumulative.append(total)

    def pick() -> str:
        return rng.choices(names, cum_weights=cumulative)[0]

    return pick


def _reference(index: int) -> str:
    """A unique reference from a row number (base 31, the app's own alphabet)."""
    digits = []
    for _ in range(8):
        index, rest = divmod(index, len(REFERENCE_ALPHABET))
        digits.append(REFERENCE_ALPHABET[rest])
    code = "".join(reversed(digits))
    return f"{code[:4]}-{code[4:]}"


def person_uuid(pk: int) -> uuid.UUID:
    """A person's public id from their row id, so the access log can name it cheaply."""
    return uuid.UUID(int=(0xB3AC << 112) | pk, version=4)


def _personal_number(index: int) -> tuple[str, int]:
    """A unique, checksum-valid number for row `index`, and the birth year."""
    from ingang.testing.factories import luhn_check_digit

    year = 1961 + index % 45
    day = 1 + (index // 45) % 28
    month = 1 + (index // (45 * 28)) % 12
    serial = (index // (45 * 28 * 12)) % 1000
    core = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    return f"{year}{month:02d}{day:02d}{serial:03d}{luhn_check_digit(core)}", year


@dataclass
class Organisation:
    agencies: list[Any]
    af: Any
    fk: Any
    # Per association: its municipal agencies, its region and its projects.
    municipal: list[list[Any]]
    projects: list[Any]
    project_association: dict[int, int]
    staff: list[Any]
    staff_by_agency: dict[int, list[Any]]


class _Generator:
    def __init__(self, counts: dict[str, int], rng: random.Random, *, progress: bool) -> None:
        self.counts = counts
        self.rng = rng
        self.progress = progress
        self.now = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def run(self) -> None:
        from django.db import transaction

        from ingang.audit.models import AccessEvent, ChainHead, Checkpoint
        from ingang.cases.models import Case, CaseMember
        from ingang.followup.models import Participation
        from ingang.people.models import Person
        from ingang.plans.models import Activity, Plan

        with transaction.atomic():
            org = self._organisation()
            self._load(Person, self._people(org), self.counts["people"])
            self._load(Case, self._cases(org), self.counts["cases"])
            self._load(CaseMember, self._members(org), self.counts["cases"] * 2)
            self._load(Plan, self._plans(org), self.counts["cases"])
            self._load(Activity, self._activities(org), self.counts["activities"])
            self._load(Participation, self._participations(org), self.counts["participations"])
            reset_sequences([Person, Case, CaseMember, Plan, Activity, Participation])
        # The log in its own transaction, holding the chain head's lock as the app does.
        with transaction.atomic():
            head = ChainHead.objects.select_for_update().get(pk=1)
            sealed = _Sealed(head.seq, head.chain_hash)
            self._load(AccessEvent, self._events(org, sealed), self.counts["access_events"])
            self._load(Checkpoint, sealed.checkpoint_rows(), len(sealed.checkpoints))
            head.seq, head.chain_hash = sealed.seq, sealed.previous
            head.save(update_fields=["seq", "chain_hash"])
            reset_sequences([AccessEvent, Checkpoint])
        from django.db import connection

        if connection.vendor == "postgresql":
            # What autovacuum would do after a load: statistics, and the visibility
            # map that lets the reports use index-only scans.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def _load(self, model: Any, instances: Iterable[Any], total: int) -> None:
        load(model, instances, total=total, progress=self.progress)

    # -- organisation (small: ordinary bulk_create) ----------------------------------

    def _organisation(self) -> Organisation:
        from ingang.accounts.models import User
        from ingang.agencies.models import Agency, AgencyKind, Role, Unit
        from ingang.finsam.models import Association, Project, ProjectStatus

        kinds = AgencyKind
        agencies = [
            Agency(
                kind=kinds.EMPLOYMENT_SERVICE, name="Arbetsförmedlingen (national)", short_name="AF"
            ),
            Agency(
                kind=kinds.SOCIAL_INSURANCE, name="Försäkringskassan (national)", short_name="FK"
            ),
        ]
        regions = [
            Agency(kind=kinds.HEALTH_CARE, name=f"Region {r:02d}", short_name=f"R{r:02d}")
            for r in range(21)
        ]
        per_association: list[list[Agency]] = []
        for a in range(ASSOCIATIONS):
            per_association.append(
                [
                    Agency(
                        kind=kinds.SOCIAL_SERVICES,
                        name=f"Kommun {a:02d}, socialtjänsten",
                        short_name=f"Soc{a:02d}",
                    ),
                    Agency(
                        kind=kinds.LABOUR_MARKET_UNIT,
                        name=f"Kommun {a:02d}, arbetsmarknadsenheten",
                        short_name=f"AME{a:02d}",
                    ),
                    Agency(
                        kind=kinds.COORDINATION_ASSOCIATION,
                        name=f"Samordningsförbundet {a:02d}",
                        short_name=f"Finsam{a:02d}",
                    ),
                ]
            )
        everyone = agencies + regions + [x for group in per_association for x in group]
        Agency.objects.bulk_create(everyone)
        units = Unit.objects.bulk_create([Unit(agency=a, name="Enheten") for a in everyone])
        unit_of = {u.agency_id: u for u in units}

        associations = Association.objects.bulk_create(
            [
                Association(name=f"Samordningsförbundet {a:02d} (bench)", agency=group[2])
                for a, group in enumerate(per_association)
            ]
        )
        groups = ("Unga 16–29", "Långtidssjukskrivna", "Försörjningsstöd", "Nyanlända", "")
        projects = Project.objects.bulk_create(
            [
                Project(
                    association=assoc,
                    name=f"Projekt {a:02d}-{p}",
                    target_group=groups[(a + p) % len(groups)],
                    owner=per_association[a][1],
                    starts_on=FIRST,
                    status=ProjectStatus.ONGOING,
                )
                for a, assoc in enumerate(associations)
                for p in range(PROJECTS_PER_ASSOCIATION)
            ]
        )
        # Staff: caseworkers spread over the agencies that work with people.
        working = [*agencies, *regions] + [x for g in per_association for x in g[:2]]
        password = "!"  # noqa: S105 (unusable: bench staff never sign in)
        staff = User.objects.bulk_create(
            [
                User(
                    username=f"bench{i:05d}",
                    first_name="Bench",
                    last_name=f"Staff {i}",
                    password=password,
                    unit=unit_of[working[i % len(working)].pk],
                    role=Role.COORDINATOR if i % 10 == 0 else Role.CASEWORKER,
                )
                for i in range(self.counts["staff"])
            ],
            batch_size=BATCH,
        )
        by_agency: dict[int, list[User]] = {}
        for user in staff:
            unit = unit_of[user.unit.agency_id if user.unit is not None else 0]
            by_agency.setdefault(unit.agency_id, []).append(user)
        return Organisation(
            agencies=everyone,
            af=agencies[0],
            fk=agencies[1],
            municipal=[[*g, regions[i % 21]] for i, g in enumerate(per_association)],
            projects=projects,
            project_association={
                p.pk: i // PROJECTS_PER_ASSOCIATION for i, p in enumerate(projects)
            },
            staff=staff,
            staff_by_agency=by_agency,
        )

    def _association_of(self, person_index: int) -> int:
        return person_index % ASSOCIATIONS

    # -- people, cases, plans ------------------------------------------------------------

    def _people(self, org: Organisation) -> Iterator[Any]:
        from ingang.people.models import Person

        for i in range(self.counts["people"]):
            number, _year = _personal_number(i)
            group = org.municipal[self._association_of(i)]
            yield Person(
                id=i + 1,
                public_id=person_uuid(i + 1),
                personal_number=number,
                given_name=f"Bench{i}",
                family_name="Nationell",
                registering_agency_id=group[1].pk,
                is_test_data=True,
                created_at=self.now,
            )

    def _coordinator(self, org: Organisation, person_index: int) -> Any:
        group = org.municipal[self._association_of(person_index)]
        staff = org.staff_by_agency.get(group[1].pk) or org.staff
        return staff[person_index % len(staff)]

    def _cases(self, org: Organisation) -> Iterator[Any]:
        from ingang.cases.models import Case

        for c in range(self.counts["cases"]):
            yield Case(
                id=c + 1,
                public_id=self._uuid(),
                person_id=c + 1,
                coordinator=self._coordinator(org, c),
                opened_at=self.now,
            )

    def _team_member(self, org: Organisation, case_index: int) -> Any:
        pool = org.staff_by_agency.get(org.af.pk) or org.staff
        return pool[case_index % len(pool)]

    def _members(self, org: Organisation) -> Iterator[Any]:
        from ingang.cases.models import CaseMember

        pk = 0
        for c in range(self.counts["cases"]):
            coordinator = self._coordinator(org, c)
            member = self._team_member(org, c)
            for staff in (coordinator, member) if member.pk != coordinator.pk else (coordinator,):
                pk += 1
                yield CaseMember(
                    id=pk, case_id=c + 1, staff=staff, added_by=coordinator, added_at=self.now
                )

    def _plans(self, org: Organisation) -> Iterator[Any]:
        from ingang.plans.models import Plan

        for c in range(self.counts["cases"]):
            yield Plan(
                id=c + 1,
                case_id=c + 1,
                person_id=c + 1,
                owning_agency_id=self._coordinator(org, c).unit.agency_id,
                goal="Arbete eller studier",
                created_at=self.now,
                updated_at=self.now,
            )

    def _activities(self, org: Organisation) -> Iterator[Any]:
        from ingang.plans.catalogue import ActivityType
        from ingang.plans.models import Activity

        types = list(ActivityType.values)
        cases = self.counts["cases"]
        for a in range(self.counts["activities"]):
            c = a % cases
            owner = self._team_member(org, c) if a % 3 else self._coordinator(org, c)
            start = FIRST + timedelta(days=self.rng.randrange(2000))
            yield Activity(
                id=a + 1,
                plan_id=c + 1,
                person_id=c + 1,
                owning_agency_id=owner.unit.agency_id,
                responsible=owner,
                type=types[a % len(types)],
                start_date=start,
                end_date=start + timedelta(days=self.rng.randrange(30, 300)),
                percent=50,
                created_at=self.now,
            )

    # -- participations ------------------------------------------------------------------

    def _participations(self, org: Organisation) -> Iterator[Any]:
        from ingang.followup.models import Participation

        rng = self.rng
        entry_source = _weighted(rng, ENTRY_SOURCES)
        exit_status = _weighted(rng, EXIT_STATUSES)
        gender = _weighted(rng, GENDERS)
        education = _weighted(rng, EDUCATION)
        people = self.counts["people"]
        span = (LAST - FIRST).days
        referring = [org.af.pk, org.fk.pk]
        for i in range(self.counts["participations"]):
            person_index = rng.randrange(people)
            assoc = self._association_of(person_index)
            project = org.projects[assoc * PROJECTS_PER_ASSOCIATION + rng.randrange(10)]
            group = org.municipal[assoc]
            _number, born = _personal_number(person_index)
            entered = FIRST + timedelta(days=rng.randrange(span))
            # Working age at entry, as registration requires.
            born = min(max(born, entered.year - 64), entered.year - 16)
            named = rng.random() < 0.6
            source = entry_source()
            exited = entered + timedelta(days=rng.randrange(30, 540))
            row: dict[str, Any] = {}
            if exited <= LAST and rng.random() < 0.85:
                status = exit_status()
                row = {
                    "exited_on": exited,
                    "exit_status": status,
                    "exit_income_source": INCOME_BY_STATUS.get(status, source),
                }
                followed = exited + timedelta(days=90 + rng.randrange(30))
                if followed <= LAST and rng.random() < 0.7:
                    later = exit_status() if rng.random() < 0.3 else status
                    row |= {
                        "followed_up_on": followed,
                        "followup_status": later,
                        "followup_income_source": INCOME_BY_STATUS.get(later, source),
                    }
            owner = group[1]
            yield Participation(
                id=i + 1,
                public_id=self._uuid(),
                reference=_reference(i),
                project_id=project.pk,
                person_id=person_index + 1 if named else None,
                gender=gender(),
                birth_year=born,
                education_level=education(),
                referring_agency_id=rng.choice([*referring, group[0].pk, group[3].pk]),
                entered_on=entered,
                entry_income_source=source,
                owning_agency_id=owner.pk,
                registered_by_id=self._coordinator(org, person_index).pk,
                registered_at=self.now,
                **row,
            )

    # -- the access log ------------------------------------------------------------------

    def _events(self, org: Organisation, sealed: "_Sealed") -> Iterator[Any]:
        from ingang.audit.models import Channel, Outcome
        from ingang.audit.services import PendingEvent, _build
        from ingang.people.models import Person

        rng = self.rng
        cases = self.counts["cases"]
        total = self.counts["access_events"]
        # A year of reads, in order: the chain is sealed in time order as in production.
        step = timedelta(days=365) / total
        at = self.now - timedelta(days=365)
        # One unsaved stand-in per person read (the builder needs only id and public id).
        people: dict[int, Person] = {}
        for _n in range(total):
            c = rng.randrange(cases)
            reader = self._coordinator(org, c) if rng.random() < 0.5 else self._team_member(org, c)
            person = people.get(c)
            if person is None:
                person = people[c] = Person(id=c + 1, public_id=person_uuid(c + 1))
            allowed = rng.random() < 0.93
            categories = rng.sample(CATEGORIES, rng.randint(1, 3))
            basis = (
                {cat: "own_agency" if rng.random() < 0.6 else "consent:bench" for cat in categories}
                if allowed
                else dict.fromkeys(categories, "no_consent")
            )
            pending = PendingEvent(
                actor=reader,
                person=person,
                subject_ref=str(person.public_id),
                action=rng.choice(ACTIONS),
                outcome=Outcome.ALLOWED if allowed else Outcome.DENIED,
                basis=basis,
                channel=Channel.WEB,
            )
            at += step
            # The audit app's own builder seals the event, so the chain is the app's chain.
            event = _build(pending, seq=sealed.seq + 1, at=at, previous=sealed.previous)
            sealed.add(event.seq, event.chain_hash)
            event.id = event.seq
            yield event


class _Sealed:
    """The chain's position while events are generated, and the checkpoints due."""

    def __init__(self, seq: int, previous: str) -> None:
        from django.conf import settings

        self.seq = seq
        self.previous = previous
        self.interval = settings.AUDIT_CHECKPOINT_INTERVAL
        self.checkpoints: list[tuple[int, str]] = []

    def add(self, seq: int, chain_hash: str) -> None:
        self.seq, self.previous = seq, chain_hash
        if seq % self.interval == 0:
            self.checkpoints.append((seq, chain_hash))

    def checkpoint_rows(self) -> Iterator[Any]:
        from ingang.audit.models import Checkpoint

        now = datetime.now(UTC)
        for n, (seq, chain_hash) in enumerate(self.checkpoints, start=1):
            yield Checkpoint(id=n, seq=seq, chain_hash=chain_hash, created_at=now)


if __name__ == "__main__":
    sys.exit(main())
