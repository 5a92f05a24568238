"""Reads for the association pages. Participation is read as counts only: no row
about a person leaves these functions, so analysts never see an individual."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from ingang.finsam.financing import (
    Contribution,
    FinancingError,
    MemberShare,
    split_contribution,
    statutory_shares,
)
from ingang.finsam.models import (
    Association,
    BudgetYear,
    FundingKind,
    MemberKind,
    Project,
    UnitValueSet,
)
from ingang.finsam.suppression import Cell, cells_of_split, share_percent
from ingang.followup.models import WORK_OR_STUDIES, IncomeSource, Participation


def association_get(public_id: UUID) -> Association:
    try:
        return Association.objects.get(public_id=public_id)
    except Association.DoesNotExist as exc:
        raise Http404 from exc


def project_get(public_id: UUID) -> Project:
    try:
        return (
            Project.objects.select_related("association", "owner")
            .prefetch_related("funding")
            .get(public_id=public_id)
        )
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def member_shares_of(association: Association) -> list[MemberShare]:
    return [
        MemberShare(name=m.name, kind=MemberKind(m.kind), share_key=m.share_key)
        for m in association.members.all()
    ]


@dataclass(frozen=True)
class YearSplit:
    budget_year: BudgetYear
    contributions: list[Contribution]
    error: str  # empty when the split could be made


def budget_splits(association: Association) -> list[YearSplit]:
    """Each budget year split between the members, or why it cannot be."""
    members = member_shares_of(association)
    splits: list[YearSplit] = []
    for budget_year in association.budget_years.all():
        try:
            contributions = split_contribution(
                budget_year.total_contribution,
                members,
                region_is_member=association.region_is_member,
            )
        except FinancingError as exc:
            splits.append(YearSplit(budget_year, [], " ".join(exc.messages)))
        else:
            splits.append(YearSplit(budget_year, contributions, ""))
    return splits


def member_kind_shares(association: Association) -> dict[MemberKind, Fraction]:
    """The statutory share per kind of member (raises FinancingError)."""
    shares: dict[MemberKind, Fraction] = {}
    for member, share in statutory_shares(
        member_shares_of(association), region_is_member=association.region_is_member
    ):
        shares[member.kind] = shares.get(member.kind, Fraction(0)) + share
    return shares


@dataclass(frozen=True)
class ProjectFigures:
    participants: Cell
    ongoing: Cell
    exited: Cell
    work_or_studies: Cell
    share_work_or_studies: Decimal | None


EMPTY = ProjectFigures(Cell(0), Cell(0), Cell(0), Cell(0), None)


def project_figures(projects: Iterable[Project]) -> dict[int, ProjectFigures]:
    """Participant counts and results per project, suppressed; one grouped query."""
    ids = [p.pk for p in projects]
    rows = (
        Participation.objects.filter(project_id__in=ids)
        .values("project_id")
        .annotate(
            total=Count("id"),
            exited=Count("id", filter=Q(exited_on__isnull=False)),
            work_or_studies=Count(
                "id", filter=Q(exited_on__isnull=False, exit_status__in=WORK_OR_STUDIES)
            ),
        )
        .order_by()
    )
    figures = dict.fromkeys(ids, EMPTY)
    for row in rows:
        total, exited, ws = row["total"], row["exited"], row["work_or_studies"]
        ongoing_cell, exited_cell = cells_of_split([total - exited, exited])
        ws_cell, _rest = cells_of_split([ws, exited - ws])
        if not exited_cell.shown and ws_cell.shown:
            ws_cell = Cell(ws, hidden=True)
        share = share_percent(ws, exited) if exited_cell.shown and ws_cell.shown else None
        figures[row["project_id"]] = ProjectFigures(
            participants=Cell(total),
            ongoing=ongoing_cell,
            exited=exited_cell,
            work_or_studies=ws_cell,
            share_work_or_studies=share,
        )
    return figures


def projects_of(association: Association, status: str = "") -> QuerySet[Project]:
    projects = (
        association.projects.select_related("owner").prefetch_related("funding").order_by("name")
    )
    return projects.filter(status=status) if status else projects


def is_esf(project: Project) -> bool:
    return any(f.kind == FundingKind.ESF for f in project.funding.all())


def transitions_of(project: Project, *, basis: str) -> list[tuple[str, str]]:
    """(entry, outcome) income sources of the project's exited participants, grouped in
    the database: the outcome is the 90-day follow-up when `basis` is "followup" and
    one was recorded, else the exit."""
    rows = (
        Participation.objects.filter(project=project, exited_on__isnull=False)
        .values("entry_income_source", "exit_income_source", "followup_income_source")
        .annotate(n=Count("id"))
        .order_by()
    )
    pairs: list[tuple[str, str]] = []
    for row in rows:
        outcome = row["exit_income_source"]
        if basis == "followup" and row["followup_income_source"]:
            outcome = row["followup_income_source"]
        pairs.extend([(row["entry_income_source"], outcome)] * row["n"])
    return pairs


def unit_values_current() -> tuple[UnitValueSet | None, dict[str, Decimal]]:
    value_set = UnitValueSet.objects.order_by("-version").first()
    if value_set is None:
        return None, {}
    return value_set, {v.key: v.value for v in value_set.values.all()}


# -- the scorecard's measured values ------------------------------------------------


def participants_entered(association: Association, start: date, end: date) -> int:
    return Participation.objects.filter(
        project__association=association, entered_on__range=(start, end)
    ).count()


def exits_with_work_or_studies(association: Association, start: date, end: date) -> tuple[int, int]:
    """(exits, of which in work or studies) between start and end."""
    counts = Participation.objects.filter(
        project__association=association, exited_on__range=(start, end)
    ).aggregate(
        exits=Count("id"),
        ws=Count("id", filter=Q(exit_status__in=WORK_OR_STUDIES)),
    )
    return counts["exits"], counts["ws"]


def budget_used(association: Association, start: date, end: date) -> tuple[Decimal, Decimal]:
    """(costs, budget) of the projects running at some time between start and end."""
    sums = (
        association.projects.filter(starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .aggregate(costs=Sum("costs"), budget=Sum("budget"))
    )
    return sums["costs"] or Decimal(0), sums["budget"] or Decimal(0)


def funding_of(project: Project) -> Sequence[tuple[str, Decimal]]:
    return [(f.kind, f.amount) for f in project.funding.all()]


def income_source_labels() -> dict[str, str]:
    return {value: str(label) for value, label in IncomeSource.choices}
