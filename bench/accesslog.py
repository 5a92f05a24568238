"""The access log at national size: `python -m bench.accesslog [--scale N]`.

P5  A person's access-log extract (the "who has read my data" page: the first
    page of 50 events with the total, and the whole extract) for a person with
    the same number of events, when the log holds --small events and when it
    holds --scale events. Ratio large ÷ small, target ≤ 1.5 (PostgreSQL).
P6  The breach query (everyone whose data one reader read, with categories)
    for a heavy reader — an API client doing 2 % of all reads — over the whole
    year, at --scale events. Target < 60 s. The plan is printed.

The log is generated with a valid hash chain (digests, salted commitments,
HMAC links, checkpoints, head) and loaded with COPY on PostgreSQL (bulk
inserts on SQLite, for small scales only), into a database of its own
(`<name>_accesslog`, or a temporary SQLite file) that is removed afterwards
unless --keep. Each measured person has their events spread over the whole
log, so the extract pays for scattered rows, not a lucky cluster. Prints the
figures and writes bench/results/accesslog.json; exit status 0 whatever the
figures.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

RESULTS = Path(__file__).resolve().parent / "results" / "accesslog.json"
P5_RATIO, P6_SECONDS = 1.5, 60.0
EVENTS_PER_PERSON = 200
CATEGORY_SETS = (
    ["identity"],
    ["identity", "plan"],
    ["employment", "identity", "plan"],
    ["insurance"],
    ["notes", "social"],
)
COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_agency",
    "actor_agency_id_snapshot",
    "actor_unit",
    "actor_role",
    "person_id",
    "subject_ref",
    "action",
    "categories",
    "outcome",
    "basis",
    "channel",
    "digest",
    "chain_hash",
    "salt",
    "commitments",
    "erased_at",
)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.accesslog", description=__doc__)
    parser.add_argument(
        "--scale", type=int, default=10_000_000, help="events in the large log (default 10M)"
    )
    parser.add_argument("--small", type=int, default=100_000, help="events in the small log")
    parser.add_argument("--rounds", type=int, default=9, help="timed runs per measure")
    parser.add_argument("--staff", type=int, default=4000, help="staff members who read")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    return parser.parse_args(argv)


@dataclass(slots=True)
class _Row:
    """Quacks like an AccessEvent for ingang.audit.services.event_content."""

    seq: int
    occurred_at: datetime
    actor_id: int
    actor_name: str
    actor_agency: str
    actor_agency_id_snapshot: int
    actor_unit: str
    actor_role: str
    person_id: int
    subject_ref: str
    action: str
    categories: list[str]
    outcome: str
    basis: dict[str, str]
    channel: str
    salt: str
    commitments: None = None
    digest: str = ""
    chain_hash: str = ""


@dataclass(frozen=True)
class _Reader:
    pk: int
    name: str
    agency: str
    agency_id: int
    unit: str
    role: str


def _median(action: Callable[[], object], rounds: int) -> tuple[float, list[float]]:
    action()
    runs = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), runs


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["TEST"]["NAME"] = str(Path(db["TEST"]["NAME"]).with_suffix(".accesslog.sqlite3"))
        Path(db["TEST"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_accesslog"
    original_name = db["NAME"]
    test_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    try:
        return _run(args, str(test_name))
    finally:
        if args.keep:
            print(f"Kept the bench database {test_name}.")
        else:
            connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=False)


def _readers(count: int) -> list[_Reader]:
    from ingang.accounts.models import User
    from ingang.agencies.models import Role, Unit
    from ingang.testing.world import build_world

    world = build_world()
    units = list(Unit.objects.select_related("agency"))
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench.reader{n}",
                first_name="Läsare",
                last_name=str(n),
                unit=units[n % len(units)],
                role=Role.CASEWORKER,
                password="!",  # noqa: S106 (an unusable password)
            )
            for n in range(count)
        ]
    )
    api = User.objects.create(
        username="bench.api-client",
        first_name="API",
        last_name="Client",
        unit=world.af_unit,
        role=Role.CASEWORKER,
        password="!",  # noqa: S106 (an unusable password)
    )
    readers = [
        _Reader(
            u.pk,
            u.display_name,
            u.unit.agency.name if u.unit else "",
            u.unit.agency_id if u.unit else 0,
            u.unit.name if u.unit else "",
            u.role,
        )
        for u in [api, *users]
    ]
    return readers


def _people(count: int) -> list[tuple[int, str]]:
    from ingang.agencies.models import Agency
    from ingang.people.models import Person

    agency = Agency.objects.first()
    # Unique numbers matter here, not valid check digits: they are never shown.
    created = Person.objects.bulk_create(
        [
            Person(
                personal_number=f"19{n:010d}",
                given_name="Bench",
                family_name=f"Person{n}",
                registering_agency=agency,
                is_test_data=True,
            )
            for n in range(count)
        ],
        batch_size=5000,
    )
    return [(p.pk, str(p.public_id)) for p in created]


class _Log:
    """Appends generated events with a valid chain, continuing from the head."""

    def __init__(self, readers: list[_Reader], seed: int) -> None:
        from ingang.audit.models import ChainHead

        self.readers = readers
        self.rng = random.Random(seed)
        head = ChainHead.objects.get(pk=1)
        self.seq = head.seq
        self.previous = head.chain_hash
        self.checkpoints: list[tuple[int, str]] = []

    def rows(
        self,
        count: int,
        people: list[tuple[int, str]],
        start: datetime,
        span: timedelta,
        fixed: dict[int, tuple[int, str]],
    ) -> Iterator[tuple[Any, ...]]:
        """`count` events in time order over `span`; `fixed` puts given people at offsets."""
        from ingang.audit.chain import content_digest, link
        from ingang.audit.services import event_content

        rng = self.rng
        interval = _checkpoint_interval()
        step = span / max(count, 1)
        heavy = self.readers[0]
        for n in range(count):
            reader = (
                heavy if rng.random() < 0.02 else self.readers[rng.randrange(1, len(self.readers))]
            )
            person_id, public_id = fixed.get(n) or people[rng.randrange(len(people))]
            categories = CATEGORY_SETS[rng.randrange(len(CATEGORY_SETS))]
            basis = {
                c: ("own_agency" if i == 0 else f"consent:{person_id}")
                for i, c in enumerate(categories)
            }
            self.seq += 1
            row = _Row(
                seq=self.seq,
                occurred_at=start + step * n,
                actor_id=reader.pk,
                actor_name=reader.name,
                actor_agency=reader.agency,
                actor_agency_id_snapshot=reader.agency_id,
                actor_unit=reader.unit,
                actor_role=reader.role,
                person_id=person_id,
                subject_ref=public_id,
                action="person.overview",
                categories=list(categories),
                outcome="allowed",
                basis=basis,
                channel="api" if reader is heavy else "web",
                salt=f"{rng.getrandbits(128):032x}",
            )
            row.digest = content_digest(event_content(cast(Any, row)))
            row.chain_hash = link(self.previous, row.digest)
            self.previous = row.chain_hash
            if self.seq % interval == 0:
                self.checkpoints.append((self.seq, row.chain_hash))
            yield (
                row.seq,
                row.occurred_at,
                row.actor_id,
                row.actor_name,
                row.actor_agency,
                row.actor_agency_id_snapshot,
                row.actor_unit,
                row.actor_role,
                row.person_id,
                row.subject_ref,
                row.action,
                json.dumps(row.categories),
                row.outcome,
                json.dumps(row.basis),
                row.channel,
                row.digest,
                row.chain_hash,
                row.salt,
                None,
                None,
            )

    def close(self) -> None:
        from ingang.audit.models import ChainHead, Checkpoint

        Checkpoint.objects.bulk_create(
            [Checkpoint(seq=s, chain_hash=h) for s, h in self.checkpoints], batch_size=5000
        )
        self.checkpoints = []
        ChainHead.objects.filter(pk=1).update(seq=self.seq, chain_hash=self.previous)


def _checkpoint_interval() -> int:
    from django.conf import settings

    return int(settings.AUDIT_CHECKPOINT_INTERVAL)


def _load(rows: Iterator[tuple[Any, ...]]) -> int:
    from django.db import connection, transaction

    from ingang.audit.models import AccessEvent

    count = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                statement = f"COPY audit_accessevent ({', '.join(COLUMNS)}) FROM STDIN"
                with cursor.cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
        else:
            batch: list[AccessEvent] = []
            for row in rows:
                values = dict(zip(COLUMNS, row, strict=True))
                values["categories"] = json.loads(values["categories"])
                values["basis"] = json.loads(values["basis"])
                batch.append(AccessEvent(**values))
                if len(batch) >= 5000:
                    AccessEvent.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            AccessEvent.objects.bulk_create(batch)
            count += len(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE audit_accessevent")
    return count


def _spread(person: tuple[int, str], total: int, rng: random.Random) -> dict[int, tuple[int, str]]:
    return {offset: person for offset in rng.sample(range(total), EVENTS_PER_PERSON)}


def _extract(person_id: int) -> Callable[[], int]:
    from django.core.paginator import Paginator

    from ingang.audit.queries import access_events_filtered
    from ingang.people.models import Person

    person = Person.objects.get(pk=person_id)

    def run() -> int:
        events = access_events_filtered(person=person)
        page = Paginator(events, 50).get_page(1)
        first = list(page)
        whole = list(events.values_list("seq", "occurred_at", "actor_name", "categories"))
        return len(first) + page.paginator.count + len(whole)

    return run


def _run(args: argparse.Namespace, database: str) -> int:
    import django
    from django.db import connection

    from ingang.review.selectors import breach_rows

    print(
        f"Access-log benchmark: {connection.vendor} ({database}), Django {django.get_version()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"{args.small} then {args.scale} events"
    )
    started = time.perf_counter()
    readers = _readers(args.staff)
    people = _people(max(1000, args.scale // 33))
    small_person, large_person = people[0], people[1]
    rest = people[2:]
    log = _Log(readers, seed=5)
    year_start = datetime.now(tz=UTC) - timedelta(days=365)
    span = timedelta(days=365)
    # The small log covers the year thinly; the large log appends the rest of the same year
    # densely after it (time keeps increasing so the chain's order matches time).
    small_span = span * (args.small / args.scale)
    fixed = _spread(small_person, args.small, log.rng)
    loaded = _load(log.rows(args.small, rest, year_start, small_span, fixed))
    log.close()
    load_small = time.perf_counter() - started
    print(f"\nLoaded {loaded} events in {load_small:.0f} s")

    small_ms, small_runs = _median(_extract(small_person[0]), args.rounds)

    remaining = args.scale - args.small
    fixed = _spread(large_person, remaining, log.rng)
    t0 = time.perf_counter()
    loaded += _load(log.rows(remaining, rest, year_start + small_span, span - small_span, fixed))
    log.close()
    load_large = time.perf_counter() - t0
    print(f"Loaded up to {loaded} events in {load_large:.0f} s more")

    large_ms, large_runs = _median(_extract(large_person[0]), args.rounds)
    if connection.vendor == "postgresql":
        from ingang.audit.queries import access_events_filtered
        from ingang.people.models import Person

        first_page = access_events_filtered(person=Person.objects.get(pk=large_person[0]))[:50]
        print(
            "    extract plan (first page):\n      "
            + first_page.explain().replace("\n", "\n      ")
        )
    ratio = large_ms / small_ms
    p5_pass = ratio <= P5_RATIO
    print(f"\nP5  A person's access-log extract ({EVENTS_PER_PERSON} events), medians")
    print(f"    {args.small:>10} events  {small_ms:8.2f} ms")
    print(f"    {args.scale:>10} events  {large_ms:8.2f} ms")
    print(f"    ratio {ratio:.2f} (target ≤ {P5_RATIO}): {'PASS' if p5_pass else 'BELOW TARGET'}")

    from ingang.accounts.models import User

    api = User.objects.get(pk=readers[0].pk)
    since, until = year_start - timedelta(days=1), datetime.now(tz=UTC) + timedelta(days=1)

    def breach() -> int:
        return len(breach_rows(staff=api, since=since, until=until))

    t0 = time.perf_counter()
    people_found = breach()
    breach_s = time.perf_counter() - t0
    warm_ms, _warm_runs = _median(breach, 3)
    p6_pass = breach_s < P6_SECONDS
    print(f"\nP6  Breach query for one API client over a year at {loaded} events")
    print(
        f"    {people_found} people; first run {breach_s:.2f} s, warm median {warm_ms / 1000:.2f} s"
    )
    print(f"    target < {P6_SECONDS:.0f} s: {'PASS' if p6_pass else 'BELOW TARGET'}")
    plan = ""
    if connection.vendor == "postgresql":
        from ingang.audit.models import AccessEvent

        query = (
            AccessEvent.objects.filter(
                actor=api,
                occurred_at__gte=since,
                occurred_at__lt=until,
                outcome="allowed",
                person__isnull=False,
            )
            .values("person_id", "categories")
            .order_by()
        )
        plan = query.explain(analyze=False)
        print("    plan:\n      " + plan.replace("\n", "\n      "))

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "when": datetime.now(tz=UTC).isoformat(),
        "vendor": connection.vendor,
        "small_events": args.small,
        "large_events": loaded,
        "p5": {
            "small_ms": small_ms,
            "large_ms": large_ms,
            "ratio": ratio,
            "pass": p5_pass,
            "small_runs": small_runs,
            "large_runs": large_runs,
        },
        "p6": {
            "people": people_found,
            "first_s": breach_s,
            "warm_ms": warm_ms,
            "pass": p6_pass,
            "plan": plan,
        },
        "load_seconds": {"small": load_small, "large": load_large},
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWritten to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
