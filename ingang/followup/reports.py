"""The follow-up reports (macro level): aggregates only, computed in the database.

Every report is a GROUP BY over the participations the filters select; no
participation row is ever loaded into Python. Counts pass through
`suppression.suppress` before anything is shown or exported, so a report is
safe to publish as it stands. Analysts see these and nothing else.

Periods: participants and the quarterly entries count participations active
in the period (entered on or before its end, not exited before its start);
the outcome reports count participations that exited in the period.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear, TruncQuarter
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.finsam.models import Association, Project
from ingang.followup.models import (
    WORK_OR_STUDIES,
    ExitStatus,
    Gender,
    IncomeSource,
    Participation,
)
from ingang.followup.suppression import Shown, Suppressed, suppress

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("16-19", 16, 19),
    ("20-24", 20, 24),
    ("25-29", 25, 29),
    ("30-44", 30, 44),
    ("45-64", 45, 64),
)
OTHER_AGE = "other"

# Time from entry to exit, in days (upper bounds inclusive; the last is open).
DURATION_BANDS: tuple[tuple[str, Promise, int | None], ...] = (
    ("0-3", _("Up to 3 months"), 91),
    ("3-6", _("3–6 months"), 182),
    ("6-12", _("6–12 months"), 365),
    ("12-", _("More than 12 months"), None),
)


@dataclass(frozen=True)
class Filters:
    association: Association | None = None
    project: Project | None = None
    date_from: date | None = None
    date_to: date | None = None
    gender: str = ""
    age_band: str = ""
    agency: Agency | None = None
    target_group: str = ""

    def describe(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value) pairs for report headers and exports."""
        pairs: list[tuple[Any, Any]] = [
            (_("Association"), self.association),
            (_("Project"), self.project),
            (_("From"), self.date_from),
            (_("To"), self.date_to),
            (_("Gender"), Gender(self.gender).label if self.gender else ""),
            (_("Age band"), age_band_label(self.age_band) if self.age_band else ""),
            (_("Referring agency"), self.agency),
            (_("Target group"), self.target_group),
        ]
        return [(str(label), str(value)) for label, value in pairs if value]


def age_band_label(code: str) -> str:
    if code == OTHER_AGE:
        return str(_("Other age"))
    return code.replace("-", "–") + " " + str(_("years"))


def _age() -> Any:
    return ExtractYear("entered_on") - F("birth_year")


def _age_band() -> Case:
    return Case(
        *(When(age__gte=lo, age__lte=hi, then=Value(code)) for code, lo, hi in AGE_BANDS),
        default=Value(OTHER_AGE),
        output_field=CharField(),
    )


def selected(filters: Filters) -> QuerySet[Participation]:
    """The participations the filters select, before any period rule."""
    rows = Participation.objects.all()
    if filters.association is not None:
        rows = rows.filter(project__association=filters.association)
    if filters.project is not None:
        rows = rows.filter(project=filters.project)
    if filters.gender:
        rows = rows.filter(gender=filters.gender)
    if filters.agency is not None:
        rows = rows.filter(referring_agency=filters.agency)
    if filters.target_group:
        rows = rows.filter(project__target_group=filters.target_group)
    if filters.age_band:
        bands = {code: (lo, hi) for code, lo, hi in AGE_BANDS}
        lo, hi = bands[filters.age_band]
        rows = rows.annotate(age=_age()).filter(age__gte=lo, age__lte=hi)
    return rows


def active(filters: Filters) -> QuerySet[Participation]:
    rows = selected(filters)
    if filters.date_to is not None:
        rows = rows.filter(entered_on__lte=filters.date_to)
    if filters.date_from is not None:
        rows = rows.filter(Q(exited_on__isnull=True) | Q(exited_on__gte=filters.date_from))
    return rows


def exited(filters: Filters) -> QuerySet[Participation]:
    rows = selected(filters).filter(exited_on__isnull=False)
    if filters.date_from is not None:
        rows = rows.filter(exited_on__gte=filters.date_from)
    if filters.date_to is not None:
        rows = rows.filter(exited_on__lte=filters.date_to)
    return rows


def _grouped(rows: QuerySet[Participation], *fields: str) -> Iterable[dict[str, Any]]:
    """Counts per combination of `fields`: one GROUP BY, a handful of rows back."""
    grouped: Iterable[dict[str, Any]] = rows.values(*fields).annotate(n=Count("*")).order_by()
    return grouped


# -- the report as published -----------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One series of bars; None is a suppressed (or undefined) value, drawn as no bar."""

    label: str
    values: list[float | None]


def _values(shown: Iterable[Shown]) -> list[float | None]:
    return [None if s.value is None else float(s.value) for s in shown]


@dataclass
class Report:
    """One published report: a table (already suppressed) and the chart's series."""

    key: str
    title: str
    description: str
    row_heading: str
    rows: list[str]
    columns: list[str]
    table: Suppressed
    # Bars of the chart, per row; values from the table so chart and table agree.
    chart: list[Series]
    # The chart's scale ends here (e.g. 100 for shares); None: at the largest value.
    chart_max: float | None = None
    # Extra columns after the table's own (a share in percent), computed from shown counts.
    extra_columns: list[str] = field(default_factory=list)
    extra: list[list[float | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def body(self) -> list[tuple[str, list[Shown], Shown | None, list[float | None]]]:
        totals: list[Shown | None] = (
            list(self.table.row_totals) if self.table.row_totals else [None] * len(self.rows)
        )
        extra = self.extra or [[] for _row in self.rows]
        return list(zip(self.rows, self.table.cells, totals, extra, strict=True))

    @property
    def has_row_totals(self) -> bool:
        return self.table.row_totals is not None

    @property
    def is_empty(self) -> bool:
        return not any(self.table.cells)


def _matrix(
    groups: Iterable[dict[str, Any]], row_key: str, rows: list[str], col_key: str, cols: list[str]
) -> list[list[int]]:
    index_r = {code: i for i, code in enumerate(rows)}
    index_c = {code: i for i, code in enumerate(cols)}
    counts = [[0] * len(cols) for _ in rows]
    for group in groups:
        r, c = index_r.get(group[row_key]), index_c.get(group[col_key])
        if r is not None and c is not None:
            counts[r][c] += group["n"]
    return counts


def participants_report(filters: Filters) -> Report:
    """Participations active in the period, by age band and gender."""
    groups = list(
        _grouped(active(filters).annotate(age=_age(), band=_age_band()), "band", "gender")
    )
    bands = [code for code, _lo, _hi in AGE_BANDS]
    if any(g["band"] == OTHER_AGE for g in groups):
        bands.append(OTHER_AGE)
    genders = list(Gender.values)
    table = suppress(_matrix(groups, "band", bands, "gender", genders))
    return Report(
        key="participants",
        title=str(_("Participants")),
        description=str(_("Participations active in the period, by age at entry and gender.")),
        row_heading=str(_("Age band")),
        rows=[age_band_label(b) for b in bands],
        columns=[str(Gender(g).label) for g in genders],
        table=table,
        chart=[Series(str(_("Participants")), _values(table.row_totals or []))],
    )


@dataclass(frozen=True)
class OutcomeCounts:
    """Exits in the period by income source at entry and at exit and status at exit."""

    cross: list[list[int]]
    status: list[int]


def outcome_counts(filters: Filters) -> OutcomeCounts:
    """The main outcome report's one query: exits grouped by entry and exit income and status."""
    sources, statuses = list(IncomeSource.values), list(ExitStatus.values)
    src = {code: i for i, code in enumerate(sources)}
    sta = {code: i for i, code in enumerate(statuses)}
    cross = [[0] * len(sources) for _ in sources]
    status = [0] * len(statuses)
    for group in _grouped(
        exited(filters), "entry_income_source", "exit_income_source", "exit_status"
    ):
        r, c = src.get(group["entry_income_source"]), src.get(group["exit_income_source"])
        if r is not None and c is not None:
            cross[r][c] += group["n"]
        s = sta.get(group["exit_status"])
        if s is not None:
            status[s] += group["n"]
    return OutcomeCounts(cross, status)


def income_report(counts: OutcomeCounts) -> Report:
    sources = list(IncomeSource)
    table = suppress(counts.cross)
    entry = table.row_totals or []
    exit_ = table.column_totals or []
    return Report(
        key="income",
        title=str(_("Income source at entry and at exit")),
        description=str(
            _("Participants who exited in the period: rows at entry, columns at exit.")
        ),
        row_heading=str(_("Income source at entry")),
        rows=[str(s.label) for s in sources],
        columns=[str(s.label) for s in sources],
        table=table,
        chart=[
            Series(str(_("At entry")), _values(entry)),
            Series(str(_("At exit")), _values(exit_)),
        ],
    )


def status_report(counts: OutcomeCounts) -> Report:
    statuses = list(ExitStatus)
    table = suppress([[n] for n in counts.status], row_totals=False)
    return Report(
        key="status",
        title=str(_("Status at exit")),
        description=str(_("Participants who exited in the period, by status at exit.")),
        row_heading=str(_("Status")),
        rows=[str(s.label) for s in statuses],
        columns=[str(_("Participants"))],
        table=table,
        chart=[Series(str(_("Participants")), _values(row[0] for row in table.cells))],
    )


def _share(part: Shown, whole: Shown | None) -> float | None:
    """Part of whole in percent; None when either is suppressed or nobody is counted."""
    if part.value is None or whole is None or not whole.value:
        return None
    return round(100 * part.value / whole.value, 1)


def work_or_studies_report(filters: Filters, counts: OutcomeCounts) -> Report:
    """Share in work or studies at exit and at the 90-day follow-up."""
    statuses = list(ExitStatus.values)
    at_exit = sum(
        n for code, n in zip(statuses, counts.status, strict=True) if code in WORK_OR_STUDIES
    )
    exit_total = sum(counts.status)
    followed = {
        g["followup_status"]: g["n"]
        for g in _grouped(exited(filters).exclude(followup_status=""), "followup_status")
    }
    at_90 = sum(n for code, n in followed.items() if code in WORK_OR_STUDIES)
    total_90 = sum(followed.values())
    # Work or studies and the rest are the two cells; the row total is the denominator,
    # so a small "rest" is suppressed like any other count, and the share with it.
    table = suppress(
        [[at_exit, exit_total - at_exit], [at_90, total_90 - at_90]], column_totals=False
    )
    totals = table.row_totals or []
    shares = [_share(row[0], total) for row, total in zip(table.cells, totals, strict=True)]
    return Report(
        key="work",
        title=str(_("In work or studies")),
        description=str(
            _(
                "Participants who exited in the period: in work (unsubsidised or subsidised) "
                "or studies at exit, and at the follow-up 90 days later."
            )
        ),
        row_heading=str(_("When")),
        rows=[str(_("At exit")), str(_("At 90 days"))],
        columns=[str(_("Work or studies")), str(_("Other"))],
        table=table,
        chart=[Series(str(_("Share in work or studies, %")), shares)],
        chart_max=100,
        extra_columns=[str(_("Share, %"))],
        extra=[[s] for s in shares],
        notes=[str(_("At 90 days counts only participants who have been followed up."))],
    )


def _duration_band() -> Case:
    whens = [
        When(exited_on__lte=F("entered_on") + timedelta(days=upper), then=Value(code))
        for code, _label, upper in DURATION_BANDS
        if upper is not None
    ]
    return Case(*whens, default=Value(DURATION_BANDS[-1][0]), output_field=CharField())


def duration_report(filters: Filters) -> Report:
    groups = list(_grouped(exited(filters).annotate(duration=_duration_band()), "duration"))
    codes = [code for code, _label, _upper in DURATION_BANDS]
    counts = [[sum(g["n"] for g in groups if g["duration"] == code)] for code in codes]
    table = suppress(counts, row_totals=False)
    return Report(
        key="duration",
        title=str(_("Time in programme")),
        description=str(_("Participants who exited in the period, by time from entry to exit.")),
        row_heading=str(_("Time in programme")),
        rows=[str(label) for _code, label, _upper in DURATION_BANDS],
        columns=[str(_("Participants"))],
        table=table,
        chart=[Series(str(_("Participants")), _values(row[0] for row in table.cells))],
    )


def _quarter(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def trend_report(filters: Filters) -> Report:
    """Entries and exits per quarter; exits split into work or studies and the rest."""
    entries = {
        g["quarter"]: g["n"]
        for g in _grouped(selected(filters).annotate(quarter=TruncQuarter("entered_on")), "quarter")
    }
    exits: dict[date, list[int]] = {}
    work = Q(exit_status__in=[s.value for s in WORK_OR_STUDIES])
    for g in _grouped(
        exited(filters).annotate(
            quarter=TruncQuarter("exited_on"),
            to_work=Case(When(work, then=Value("y")), default=Value("n"), output_field=CharField()),
        ),
        "quarter",
        "to_work",
    ):
        exits.setdefault(g["quarter"], [0, 0])[0 if g["to_work"] == "y" else 1] += g["n"]
    quarters = sorted(
        {q for q in entries if _in_period(q, filters)}
        | {q for q in exits if _in_period(q, filters)}
    )
    entered = suppress([[entries.get(q, 0)] for q in quarters], row_totals=False)
    outcomes = suppress([exits.get(q, [0, 0]) for q in quarters])
    cells = [[e[0], *o] for e, o in zip(entered.cells, outcomes.cells, strict=True)]
    column_totals = [
        *(entered.column_totals or []),
        *(outcomes.column_totals or []),
    ]
    table = Suppressed(
        cells=cells,
        row_totals=outcomes.row_totals,
        column_totals=column_totals,
        total=outcomes.total,
    )
    return Report(
        key="trend",
        title=str(_("Trend per quarter")),
        description=str(_("Participants entering per quarter, and exits per quarter by outcome.")),
        row_heading=str(_("Quarter")),
        rows=[_quarter(q) for q in quarters],
        columns=[
            str(_("Entered")),
            str(_("Exited to work or studies")),
            str(_("Exited otherwise")),
        ],
        table=table,
        chart=[
            Series(str(_("Entered")), _values(row[0] for row in entered.cells)),
            Series(str(_("Exited")), _values(outcomes.row_totals or [])),
        ],
        notes=[str(_("The total column counts exits."))],
    )


def _in_period(quarter: date | None, filters: Filters) -> bool:
    if quarter is None:
        return False
    # A quarter is shown if any of it falls in the period.
    ends = date(quarter.year + (quarter.month == 10), (quarter.month + 2) % 12 + 1, 1)
    if filters.date_from is not None and ends <= filters.date_from:
        return False
    return not (filters.date_to is not None and quarter > filters.date_to)


REPORT_KEYS = ("participants", "income", "status", "work", "duration", "trend")


def all_reports(filters: Filters) -> list[Report]:
    counts = outcome_counts(filters)
    return [
        participants_report(filters),
        income_report(counts),
        status_report(counts),
        work_or_studies_report(filters, counts),
        duration_report(filters),
        trend_report(filters),
    ]


def one_report(key: str, filters: Filters) -> Report:
    if key == "participants":
        return participants_report(filters)
    if key == "duration":
        return duration_report(filters)
    if key == "trend":
        return trend_report(filters)
    counts = outcome_counts(filters)
    if key == "income":
        return income_report(counts)
    if key == "status":
        return status_report(counts)
    if key == "work":
        return work_or_studies_report(filters, counts)
    raise KeyError(key)
