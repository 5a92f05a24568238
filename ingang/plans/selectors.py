"""Reads of the joint action plan.

The plan's rows are read only through the gate (person_record_read with the
sources below); the functions here shape what the gate returned into what a
page shows. Rows of other agencies arrive only when consent carries plan
data; a clash that involves a hidden activity names only its agency.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.db.models import IntegerField, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.decisions import Decision
from ingang.access.selectors import PersonRecord, Source
from ingang.accounts.models import User
from ingang.cases.models import CaseState
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.plans.clashes import RULES_BY_CODE, ClashRule
from ingang.plans.models import Activity, Clash, ClashParty, Plan, SubGoal

OPEN = CaseState.OPEN


def _plans(person: Person) -> QuerySet[Plan]:
    return Plan.objects.filter(person=person, case__state=OPEN).select_related("owning_agency")


def _sub_goals(person: Person) -> QuerySet[SubGoal]:
    return SubGoal.objects.filter(person=person, plan__case__state=OPEN)


def _activities(person: Person) -> QuerySet[Activity]:
    return Activity.objects.filter(person=person, plan__case__state=OPEN).select_related(
        "owning_agency", "responsible"
    )


def _clash_parties(person: Person) -> QuerySet[ClashParty]:
    return (
        ClashParty.objects.filter(
            person=person, clash__resolved_at__isnull=True, clash__plan__case__state=OPEN
        )
        .select_related("clash__acknowledged_by__unit__agency")
        .prefetch_related("clash__parties__owning_agency")
    )


PLAN_SOURCES: dict[str, Source] = {
    "plan": Source(Category.PLAN, _plans),
    "sub_goals": Source(Category.PLAN, _sub_goals),
    "activities": Source(Category.PLAN, _activities),
    "clash_parties": Source(Category.PLAN, _clash_parties),
}


def _history(model: type[Plan | SubGoal | Activity]) -> QuerySet[Any]:
    """All historical versions of a model's rows (django-simple-history is untyped)."""
    return cast("QuerySet[Any]", model.history.all())


def _latest_before(
    model: type[Plan | SubGoal | Activity], moment: datetime, **filters: Any
) -> QuerySet[Any]:
    """The latest version of each row before `moment`, rows deleted by then left out."""
    versions: Any = _history(model).filter(history_date__lt=moment, **filters)
    return cast("QuerySet[Any]", versions.latest_of_each().exclude(history_type="-"))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def plan_sources_as_of(day: date) -> dict[str, Source]:
    """The plan as it stood at the end of `day`, from its history, through the same gate.

    Each source returns historical rows (the latest version of each row before
    the moment, deletions left out), which carry owning_agency_id like the live
    rows, so the gate narrows them the same way.
    """
    moment = _end_of(day)

    def plans(person: Person) -> QuerySet[Any]:
        rows = _latest_before(Plan, moment, person=person, case__state=OPEN)
        return rows.select_related("owning_agency")

    def sub_goals(person: Person) -> QuerySet[Any]:
        rows = _latest_before(SubGoal, moment, person=person, plan__case__state=OPEN)
        return rows.order_by("created_at", "id")

    def activities(person: Person) -> QuerySet[Any]:
        rows = _latest_before(Activity, moment, person=person, plan__case__state=OPEN)
        return rows.select_related("owning_agency", "responsible").order_by("start_date", "id")

    return {
        "plan": Source(Category.PLAN, plans),
        "sub_goals": Source(Category.PLAN, sub_goals),
        "activities": Source(Category.PLAN, activities),
    }


@dataclass(frozen=True)
class PartyView:
    agency_name: str
    # None when the reader may not see the activity (consent does not cover plan data).
    activity: Activity | None


@dataclass(frozen=True)
class ClashView:
    clash: Clash
    rule: ClashRule
    parties: list[PartyView]
    # The clash's dates and hours; None when an activity is hidden from the reader.
    details: str | None
    may_acknowledge: bool

    @property
    def agencies(self) -> list[str]:
        return sorted({p.agency_name for p in self.parties})


@dataclass(frozen=True)
class ActivityRow:
    activity: Any
    # The sub-goal the activity serves: None for the main goal, "" when the sub-goal is hidden.
    serves: str | None


@dataclass
class PlanPage:
    plan: Any | None
    sub_goals: list[Any]
    activities: list[Any]
    cross_agency: Decision
    clashes: list[ClashView] = field(default_factory=list)
    as_of: date | None = None
    rows: list[ActivityRow] = field(default_factory=list)

    @property
    def open_clashes(self) -> list[ClashView]:
        return [c for c in self.clashes if c.clash.acknowledged_at is None]

    @property
    def acknowledged_clashes(self) -> list[ClashView]:
        return [c for c in self.clashes if c.clash.acknowledged_at is not None]


def plan_page(
    record: PersonRecord, reader: User | None = None, *, as_of: date | None = None
) -> PlanPage:
    """Shape the rows a gated read (PLAN_SOURCES or plan_sources_as_of) returned.

    `reader` decides which clashes offer an acknowledge form; without one (e.g.
    the person's own portal) none do.
    """
    plans = record.data["plan"].items
    sub_goals = record.data["sub_goals"].items
    activities = record.data["activities"].items
    page = PlanPage(
        plan=plans[0] if plans else None,
        sub_goals=sub_goals,
        activities=activities,
        cross_agency=record.data["activities"].cross_agency,
        as_of=as_of,
    )
    texts = {s.id: s.text for s in sub_goals}
    page.rows = [
        ActivityRow(a, None if a.sub_goal_id is None else texts.get(a.sub_goal_id, ""))
        for a in activities
    ]
    if "clash_parties" in record.data:
        page.clashes = _clash_views(record, reader, activities)
    return page


def _clash_views(
    record: PersonRecord, reader: User | None, activities: list[Any]
) -> list[ClashView]:
    visible = {a.pk: a for a in activities}
    coordinator = (
        reader is not None and record.case is not None and record.case.coordinator_id == reader.pk
    )
    agency = reader.agency if reader is not None else None
    agency_id = agency.pk if agency is not None else None
    clashes: dict[int, Clash] = {}
    for party in record.data["clash_parties"].items:
        clashes.setdefault(party.clash_id, party.clash)
    views = []
    for clash in sorted(clashes.values(), key=lambda c: (c.detected_at, c.pk)):
        parties = [
            PartyView(p.owning_agency.name, visible.get(p.activity_id)) for p in clash.parties.all()
        ]
        rule = RULES_BY_CODE[clash.rule]
        shown = all(p.activity is not None for p in parties)
        involved = {p.owning_agency_id for p in clash.parties.all()}
        views.append(
            ClashView(
                clash=clash,
                rule=rule,
                parties=parties,
                details=rule.describe(clash.facts) if shown else None,
                may_acknowledge=coordinator or (agency_id is not None and agency_id in involved),
            )
        )
    return views


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryItem:
    when: datetime
    who: str
    agency: str
    what: str
    changes: list[Change]


def _history_rows(model: type[SubGoal | Activity], person: Person) -> QuerySet[Any]:
    return (
        _history(model)
        .filter(person=person, plan__case__state=OPEN)
        .select_related("history_user", "owning_agency")
        .order_by("history_date", "history_id")
    )


PLAN_HISTORY_SOURCES: dict[str, Source] = {
    "plan": Source(
        Category.PLAN,
        lambda person: (
            _history(Plan)
            .filter(person=person, case__state=OPEN)
            .select_related("history_user", "owning_agency")
            .order_by("history_date", "history_id")
        ),
    ),
    "sub_goals": Source(Category.PLAN, lambda person: _history_rows(SubGoal, person)),
    "activities": Source(
        Category.PLAN,
        lambda person: _history_rows(Activity, person).select_related("responsible"),
    ),
}

_TRACKED = {
    "plan": ("goal",),
    "sub_goals": ("text",),
    "activities": (
        "type",
        "description",
        "responsible",
        "start_date",
        "end_date",
        "hours_per_week",
        "percent",
        "status",
    ),
}


def _shown(row: Any, name: str) -> str:
    value = getattr(row, name)
    if value is None or value == "":
        return "—"
    display = getattr(row, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, User):
        return value.display_name
    return str(value)


def plan_history(record: PersonRecord) -> list[HistoryItem]:
    """Who changed what and when, newest first, from rows a gated read of
    PLAN_HISTORY_SOURCES returned. Each version is compared with the one before."""
    what = {
        ("plan", "+"): _("Plan created"),
        ("plan", "~"): _("Goal changed"),
        ("sub_goals", "+"): _("Sub-goal added"),
        ("sub_goals", "~"): _("Sub-goal changed"),
        ("activities", "+"): _("Activity added"),
        ("activities", "~"): _("Activity changed"),
    }
    items = []
    for source, fields in _TRACKED.items():
        previous: dict[int, Any] = {}
        model = {"plan": Plan, "sub_goals": SubGoal, "activities": Activity}[source]
        for row in record.data[source].items:
            before = previous.get(row.id)
            changes = [
                Change(
                    str(getattr(model._meta.get_field(name), "verbose_name", name)),
                    _shown(before, name) if before is not None else "—",
                    _shown(row, name),
                )
                for name in fields
                if before is None or _shown(before, name) != _shown(row, name)
            ]
            previous[row.id] = row
            label = what.get((source, row.history_type), _("Removed"))
            if source == "activities":
                label = f"{label}: {row.get_type_display()}"
            user = row.history_user
            items.append(
                HistoryItem(
                    when=row.history_date,
                    who=user.display_name if user is not None else "—",
                    agency=row.owning_agency.name,
                    what=label,
                    changes=[c for c in changes if c.old != c.new],
                )
            )
    items.sort(key=lambda item: item.when, reverse=True)
    return items


def clashes_open_for_staff(user: User) -> QuerySet[Clash]:
    """Unacknowledged, unresolved clashes on open cases where the user is on the team and
    the user's agency is involved: candidates for the caseworker dashboard.

    Each row carries person_id and owning_agency_id (the user's own agency, through
    which it is involved), so a list gate can check it like any row of plan data.
    """
    agency = user.agency
    if agency is None:
        return Clash.objects.none()
    return (
        Clash.objects.filter(
            resolved_at__isnull=True,
            acknowledged_at__isnull=True,
            plan__case__state=OPEN,
            plan__case__members__staff=user,
            parties__owning_agency=agency,
        )
        # Spelled as a dict: the stubs know the name from the model's declaration.
        .annotate(**{"owning_agency_id": Value(agency.pk, output_field=IntegerField())})
        .select_related("person", "plan")
        .distinct()
        .order_by("detected_at", "pk")
    )
