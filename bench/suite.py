"""The measurements behind `make bench`. Import only after django.setup()."""

import cProfile
import gc
import io
import pstats
import re
import statistics
import time
from dataclasses import asdict, dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.baseline import Presentation, configure
from bench.data import BenchData, open_clashes
from ingang.access.decisions import load_context
from ingang.access.selectors import person_record_read
from ingang.accounts.models import User
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.people.models import Person
from ingang.plans.models import Activity
from ingang.plans.selectors import PLAN_SOURCES, plan_page

P1_TARGET = 0.85
P2_TARGET = 0.35


class BenchError(RuntimeError):
    """The benchmark itself is broken (a page failed, or the two pages differ)."""


def signed_in_client(user: User) -> Client:
    """A client signed in with a verified second factor, as the login page would leave it."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def overview_url(person: Person) -> str:
    return reverse("people:overview", args=[person.public_id])


def baseline_url(person: Person) -> str:
    return reverse("bench_baseline", args=[person.public_id])


def plan_url(person: Person) -> str:
    return reverse("plans:plan", args=[person.public_id])


def empty_url(person: Person) -> str:
    return reverse("bench_empty", args=[person.public_id])


def layout_url(person: Person) -> str:
    return reverse("bench_layout", args=[person.public_id])


def floor_url(person: Person) -> str:
    return reverse("bench_floor", args=[person.public_id])


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code}")
    return response.content.decode()


_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
_NONCE = re.compile(r'\snonce="[^"]*"')


def _main_content(html: str) -> str:
    found = _MAIN.search(html)
    if found is None:
        raise BenchError("the page has no <main> element")
    return _NONCE.sub("", found.group(1))


def baseline_configure(reader: User, person: Person) -> None:
    """Fix what the baseline shows to what the gate shows this reader today (asked once)."""
    context = load_context(reader, person)
    configure(
        Presentation(
            sections={c: context.decide(c) for c in ENTRY_CATEGORIES},
            identity=context.decide(
                Category.IDENTITY,
                person.registering_agency_id,
            ),
            own_agency_id=reader.unit.agency_id if reader.unit is not None else None,
        )
    )


def same_page_check(client: Client, person: Person) -> int:
    """Both views must render the same content; returns the number of entries shown."""
    gated = _main_content(_get(client, overview_url(person)))
    plain = _main_content(_get(client, baseline_url(person)))
    if gated != plain:
        raise BenchError("the baseline does not render the same content as the gated overview")
    return gated.count("<h3>")


# --- P1: throughput ---------------------------------------------------------------------


def _requests_per_second(client: Client, url: str, n: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(n):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"GET {url} answered {response.status_code}")
    return n / (time.perf_counter() - start)


def _interleaved_round(client: Client, urls: list[str], n: int, block: int) -> list[float]:
    """n requests to each URL in alternating blocks, so both see the same machine load.

    Returns each URL's requests per second over its own blocks only.
    """
    elapsed = [0.0] * len(urls)
    gc.collect()
    for done in range(0, n, block):
        size = min(block, n - done)
        order = list(enumerate(urls))
        # Alternate which view goes first, so neither always follows the other.
        for i, url in order if (done // block) % 2 == 0 else reversed(order):
            start = time.perf_counter()
            for _ in range(size):
                response = client.get(url)
                if response.status_code != 200:
                    raise BenchError(f"GET {url} answered {response.status_code}")
            elapsed[i] += time.perf_counter() - start
    return [n / seconds for seconds in elapsed]


@dataclass
class Throughput:
    gated_rps: float
    baseline_rps: float
    ratio: float
    # The median of the rounds' own ratios: a cross-check that is robust to load drift.
    paired_ratio: float
    target: float
    passed: bool
    rounds: int
    requests_per_round: int
    block: int
    gated_rounds: list[float]
    baseline_rounds: list[float]
    gated_queries: int
    baseline_queries: int
    entries_shown: int


def page_queries(client: Client, url: str) -> int:
    _get(client, url)  # settles the once-a-minute session refresh
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured.captured_queries)


def _measure(
    client: Client, urls: list[str], *, rounds: int, seconds: float, warmup: int, block: int
) -> tuple[int, list[list[float]]]:
    """Warm up every URL, size the rounds from the warm-up's pace, and run `rounds`
    interleaved rounds. Returns the requests per URL per round and each URL's
    requests per second, round by round."""
    paces = [1.0 / _requests_per_second(client, url, warmup) for url in urls]
    n = max(50, min(5000, int(seconds / statistics.mean(paces))))
    per_url: list[list[float]] = [[] for _ in urls]
    for _ in range(rounds):
        for measured, rps in zip(per_url, _interleaved_round(client, urls, n, block), strict=True):
            measured.append(rps)
    return n, per_url


def _paired(numerator: list[float], denominator: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def throughput_compare(
    client: Client, person: Person, *, rounds: int, seconds: float, warmup: int, block: int = 10
) -> Throughput:
    gated, plain = overview_url(person), baseline_url(person)
    entries = same_page_check(client, person)
    n, (gated_rounds, baseline_rounds) = _measure(
        client, [gated, plain], rounds=rounds, seconds=seconds, warmup=warmup, block=block
    )
    gated_rps = statistics.median(gated_rounds)
    baseline_rps = statistics.median(baseline_rounds)
    ratio = gated_rps / baseline_rps
    return Throughput(
        gated_rps=gated_rps,
        baseline_rps=baseline_rps,
        ratio=ratio,
        paired_ratio=_paired(gated_rounds, baseline_rounds),
        target=P1_TARGET,
        passed=ratio >= P1_TARGET,
        rounds=rounds,
        requests_per_round=n,
        block=block,
        gated_rounds=gated_rounds,
        baseline_rounds=baseline_rounds,
        gated_queries=page_queries(client, gated),
        baseline_queries=page_queries(client, plain),
        entries_shown=entries,
    )


# --- P2: plan page throughput -------------------------------------------------------------


@dataclass
class PlanThroughput:
    plan_rps: float
    # The target's denominator: an HttpResponse through the same middleware and access rule.
    empty_rps: float
    # For information: base.html with an empty content block, same middleware and rule.
    layout_rps: float
    ratio: float
    paired_ratio: float
    target: float
    passed: bool
    layout_ratio: float
    # For information: one gated identity read (with its access event) on the layout page,
    # the least any page of a person's data costs; floor ÷ empty bounds P2 from above.
    floor_rps: float
    ceiling: float
    rounds: int
    requests_per_round: int
    block: int
    plan_rounds: list[float]
    empty_rounds: list[float]
    layout_rounds: list[float]
    plan_queries: int
    empty_queries: int
    layout_queries: int
    floor_queries: int
    activities_shown: int
    clashes_shown: int


_ACTIVITY_ROW = 'data-activity="'
_CLASH = 'class="card clash"'


def plan_page_check(client: Client, person: Person) -> tuple[int, int]:
    """The plan page must show the whole plan (no other agency's rows withheld) and the
    empty page must be the empty page. Returns the activities and clashes shown."""
    html = _get(client, plan_url(person))
    activities = html.count(_ACTIVITY_ROW)
    clashes = html.count(_CLASH)
    expected = Activity.objects.filter(person=person).count()
    if activities != expected or 'class="denied"' in html:
        raise BenchError(f"the plan page shows {activities} of {expected} activities")
    if clashes != open_clashes(person) or clashes == 0:
        raise BenchError(f"the plan page shows {clashes} clashes, not {open_clashes(person)}")
    if _ACTIVITY_ROW in _get(client, empty_url(person)):
        raise BenchError("the empty page is not empty")
    if "<main" not in _get(client, layout_url(person)):
        raise BenchError("the layout page does not render base.html")
    return activities, clashes


def plan_throughput_compare(
    client: Client, person: Person, *, rounds: int, seconds: float, warmup: int, block: int = 10
) -> PlanThroughput:
    plan, empty, layout = plan_url(person), empty_url(person), layout_url(person)
    floor = floor_url(person)
    activities, clashes = plan_page_check(client, person)
    n, (plan_rounds, empty_rounds, layout_rounds, floor_rounds) = _measure(
        client,
        [plan, empty, layout, floor],
        rounds=rounds,
        seconds=seconds,
        warmup=warmup,
        block=block,
    )
    plan_rps = statistics.median(plan_rounds)
    empty_rps = statistics.median(empty_rounds)
    layout_rps = statistics.median(layout_rounds)
    floor_rps = statistics.median(floor_rounds)
    ratio = plan_rps / empty_rps
    return PlanThroughput(
        plan_rps=plan_rps,
        empty_rps=empty_rps,
        layout_rps=layout_rps,
        ratio=ratio,
        paired_ratio=_paired(plan_rounds, empty_rounds),
        target=P2_TARGET,
        passed=ratio >= P2_TARGET,
        layout_ratio=plan_rps / layout_rps,
        floor_rps=floor_rps,
        ceiling=floor_rps / empty_rps,
        rounds=rounds,
        requests_per_round=n,
        block=block,
        plan_rounds=plan_rounds,
        empty_rounds=empty_rounds,
        layout_rounds=layout_rounds,
        plan_queries=page_queries(client, plan),
        empty_queries=page_queries(client, empty),
        layout_queries=page_queries(client, layout),
        floor_queries=page_queries(client, floor),
        activities_shown=activities,
        clashes_shown=clashes,
    )


# --- P3: queries independent of data size -------------------------------------------------


@dataclass
class QueryCounts:
    entries_small: int
    entries_large: int
    shown_small: int
    shown_large: int
    selector_small: int
    selector_large: int
    page_small: int
    page_large: int
    passed: bool


def _selector_queries(reader_pk: int, person: Person) -> tuple[int, int]:
    reader = User.objects.get(pk=reader_pk)  # fresh: nothing cached on the reader
    with CaptureQueriesContext(connection) as captured:
        record = person_record_read(reader=reader, public_id=person.public_id)
    return len(captured.captured_queries), sum(len(s.entries) for s in record.sections)


def query_counts_compare(client: Client, reader: User, data: BenchData) -> QueryCounts:
    selector_small, shown_small = _selector_queries(reader.pk, data.one)
    selector_large, shown_large = _selector_queries(reader.pk, data.many)
    page_small = page_queries(client, overview_url(data.one))
    page_large = page_queries(client, overview_url(data.many))
    return QueryCounts(
        entries_small=data.one.entries.count(),
        entries_large=data.many.entries.count(),
        shown_small=shown_small,
        shown_large=shown_large,
        selector_small=selector_small,
        selector_large=selector_large,
        page_small=page_small,
        page_large=page_large,
        passed=selector_small == selector_large and page_small == page_large,
    )


@dataclass
class PlanQueryCounts:
    activities_small: int
    activities_large: int
    clashes_small: int
    clashes_large: int
    # The gated read with the plan's sources, then plan_page shaping it.
    selector_small: int
    selector_large: int
    page_small: int
    page_large: int
    passed: bool


def _plan_selector_queries(reader_pk: int, person: Person) -> int:
    reader = User.objects.get(pk=reader_pk)  # fresh: nothing cached on the reader
    with CaptureQueriesContext(connection) as captured:
        record = person_record_read(
            reader=reader,
            public_id=person.public_id,
            categories=[Category.IDENTITY],
            action="plan.view",
            sources=PLAN_SOURCES,
        )
        plan_page(record, reader)
    return len(captured.captured_queries)


def plan_query_counts_compare(client: Client, reader: User, data: BenchData) -> PlanQueryCounts:
    small, large = data.plan_one, data.plan_many
    selector_small = _plan_selector_queries(reader.pk, small)
    selector_large = _plan_selector_queries(reader.pk, large)
    page_small = page_queries(client, plan_url(small))
    page_large = page_queries(client, plan_url(large))
    return PlanQueryCounts(
        activities_small=Activity.objects.filter(person=small).count(),
        activities_large=Activity.objects.filter(person=large).count(),
        clashes_small=open_clashes(small),
        clashes_large=open_clashes(large),
        selector_small=selector_small,
        selector_large=selector_large,
        page_small=page_small,
        page_large=page_large,
        passed=selector_small == selector_large and page_small == page_large,
    )


# --- Profile (optional) -----------------------------------------------------------------------

# (file path suffix, function name, label): where the gated path might spend its time.
_HOTSPOTS = [
    ("ingang/access/selectors.py", "person_record_read", "person_record_read (gate total)"),
    ("ingang/access/selectors.py", "_resolve", "  _resolve (person lookup)"),
    ("ingang/access/decisions.py", "load_context", "  load_context (case, consents, blocks)"),
    ("ingang/access/selectors.py", "_read_entries", "  _read_entries"),
    ("ingang/access/decisions.py", "decide", "  AccessContext.decide (all calls)"),
    ("ingang/audit/services.py", "access_events_record", "  access_events_record (append)"),
    ("ingang/audit/services.py", "_build", "    _build (event rows, digests)"),
    ("ingang/audit/chain.py", "content_digest", "      content_digest (sha256 + json)"),
    ("ingang/audit/chain.py", "link", "      link (hmac)"),
    ("ingang/audit/services.py", "_insert", "    _insert (one INSERT)"),
    ("django/db/transaction.py", "__exit__", "  atomic __exit__ (commit / release)"),
    ("django/db/backends/base/base.py", "_commit", "    commit"),
    ("ingang/access/selectors.py", "_read_source", "  _read_source (plan sources, all)"),
    ("ingang/plans/selectors.py", "plan_page", "plan_page (shaping)"),
    ("ingang/plans/selectors.py", "_clash_views", "  _clash_views"),
    ("django/db/models/query.py", "prefetch_related_objects", "prefetch_related (clash parties)"),
    ("django/db/backends/utils.py", "_execute", "SQL execute (all)"),
    ("django/shortcuts.py", "render", "render (template)"),
    ("django/utils/translation/trans_real.py", "gettext", "  gettext (all calls)"),
    ("ingang/core/context_processors.py", "ingang", "  context processor ingang"),
    ("django/middleware/csrf.py", "get_token", "csrf get_token"),
    ("django/contrib/sessions/backends/db.py", "load", "session load"),
    ("django/contrib/auth/__init__.py", "get_user", "auth get_user"),
    ("django_otp/middleware.py", "_verify_user", "otp device"),
]


def _cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    return sum(
        float(row[3])
        for (path, _line, func), row in raw.items()
        if func == name and path.replace("\\", "/").endswith(suffix)
    )


@dataclass
class Profile:
    url: str
    requests: int
    ms_per_request: dict[str, float]
    top: str


def profile_requests(client: Client, url: str, n: int, top: int = 25) -> Profile:
    def run() -> None:
        for _ in range(n):
            _get(client, url)

    profiler = cProfile.Profile()
    profiler.runcall(run)
    stats = pstats.Stats(profiler)
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    breakdown = {"whole request (under the profiler)": 1000 * total / n}
    for suffix, name, label in _HOTSPOTS:
        breakdown[label] = 1000 * _cumulative(stats, suffix, name) / n
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return Profile(url=url, requests=n, ms_per_request=breakdown, top=out.getvalue())


def page_statements(client: Client, url: str) -> list[str]:
    """The SQL one request runs, in order."""
    _get(client, url)
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return [q["sql"] for q in captured.captured_queries]


def as_dict(value: Any) -> dict[str, Any]:
    result: dict[str, Any] = asdict(value)
    return result
