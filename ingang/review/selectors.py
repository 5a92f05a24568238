"""Reading the access log for log review: samples, findings, the breach query, the
monthly report. Callers are auditors; reads of people's data are logged through
ingang.review.services."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import CharField, Count, Max, Min, QuerySet, Value
from django.db.models.functions import MD5, Cast, Concat

from ingang.accounts.models import User
from ingang.audit.models import AccessEvent, AccessEventFlag
from ingang.review.checks import (
    EVENT_CHECKS,
    VOLUME_CODE,
    VOLUME_LABEL,
    event_check,
    volume_day_events,
    volume_findings,
)
from ingang.review.models import Conclusion, LogReview
from ingang.review.scope import Scope


def sample_events(scope: Scope, *, seed: str, size: int) -> QuerySet[AccessEvent]:
    """A random sample of the scope's reads, drawn in the database and reproducible:
    events are ordered by MD5(seed:seq), so the same seed gives the same sample."""
    key = MD5(Concat(Value(f"{seed}:"), Cast("seq", CharField())))
    return scope.reads().annotate(sample_key=key).order_by("sample_key", "seq")[:size]


@dataclass(frozen=True)
class Finding:
    event: AccessEvent
    explanation: str


def findings_for(check_code: str, events: list[AccessEvent]) -> list[Finding]:
    check = event_check(check_code)
    if check is None:
        return []
    return [Finding(event, check.explain(event)) for event in events]


def examined_events(
    *, kind: str, scope: Scope, check_code: str = "", seed: str = "", size: int = 0, limit: int
) -> tuple[list[AccessEvent], int]:
    """What a review covers, recomputed on the server: (events, up to `limit`; full count)."""
    if kind == "sample":
        events = list(sample_events(scope, seed=seed, size=size))
        return events, len(events)
    if check_code == VOLUME_CODE:
        found: list[AccessEvent] = []
        total = 0
        for finding in volume_findings(scope):
            day_events = volume_day_events(scope, finding)
            total += finding.reads
            found.extend(day_events.order_by("seq")[: max(limit - len(found), 0)])
        return found, total
    check = event_check(check_code)
    if check is None:
        return [], 0
    query = check.query(scope)
    return list(query.order_by("seq")[:limit]), query.count()


# --- breach query ------------------------------------------------------------------


@dataclass
class BreachRow:
    person_id: int
    categories: set[str] = field(default_factory=set)
    reads: int = 0
    first: datetime | None = None
    last: datetime | None = None


def breach_rows(*, staff: User, since: datetime, until: datetime) -> list[BreachRow]:
    """Every person whose data `staff` read in [since, until), with the categories read.

    One grouped query on the (actor, occurred_at) index; rows come back per
    person and set of categories, and are merged per person here.
    """
    grouped = (
        AccessEvent.objects.filter(
            actor=staff,
            occurred_at__gte=since,
            occurred_at__lt=until,
            outcome="allowed",
            person__isnull=False,
        )
        .values("person_id", "categories")
        .annotate(reads=Count("id"), first=Min("occurred_at"), last=Max("occurred_at"))
        .order_by()
    )
    rows: dict[int, BreachRow] = {}
    for item in grouped:
        row = rows.setdefault(item["person_id"], BreachRow(item["person_id"]))
        row.categories.update(item["categories"])
        row.reads += item["reads"]
        row.first = min(filter(None, [row.first, item["first"]]))
        row.last = max(filter(None, [row.last, item["last"]]))
    return sorted(rows.values(), key=lambda r: (r.first or since, r.person_id))


# --- monthly report ----------------------------------------------------------------


@dataclass(frozen=True)
class CheckCount:
    code: str
    label: str
    flagged: int


@dataclass
class MonthReport:
    month: date
    reviews: list[LogReview]
    conclusions: dict[str, int]
    checks: list[CheckCount]
    flags_received: int
    flags_reviewed: int
    reads: int

    @property
    def conclusion_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.conclusions.get(value, 0)) for value, label in Conclusion.choices]


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def month_report(month: date) -> MonthReport:
    first, last = month_bounds(month)
    scope = Scope(first, last)
    reviews = list(
        LogReview.objects.filter(
            reviewed_at__gte=scope.since, reviewed_at__lt=scope.until
        ).select_related("reviewer")
    )
    conclusions: dict[str, int] = defaultdict(int)
    for review in reviews:
        conclusions[review.conclusion] += 1
    checks = [CheckCount(c.code, str(c.label), c.query(scope).count()) for c in EVENT_CHECKS]
    checks.append(CheckCount(VOLUME_CODE, str(VOLUME_LABEL), len(volume_findings(scope))))
    flags = AccessEventFlag.objects.filter(flagged_at__gte=scope.since, flagged_at__lt=scope.until)
    reviewed = flags.filter(event__in=LogReview.events.through.objects.values("accessevent_id"))
    return MonthReport(
        month=first,
        reviews=reviews,
        conclusions=dict(conclusions),
        checks=checks,
        flags_received=flags.count(),
        flags_reviewed=reviewed.count(),
        reads=scope.reads().count(),
    )


def report_rows(report: MonthReport) -> list[list[Any]]:
    """The report as table rows, for CSV."""
    rows: list[list[Any]] = []
    for review in report.reviews:
        rows.append(
            [
                review.reviewed_at.date().isoformat(),
                review.reviewer.display_name,
                review.get_kind_display(),
                review.check_code,
                f"{review.period_start}–{review.period_end}",
                review.unit_label,
                review.examined_count,
                review.people_count,
                review.get_conclusion_display(),
                review.follow_up,
            ]
        )
    return rows
