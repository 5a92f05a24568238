"""Writes to the joint action plan.

Each write checks that the actor may act on the person, validates, saves
with the actor recorded in the history, recomputes the plan's clashes and
emits a plan timeline event, all in one transaction. Activities are written
only by staff of their responsible (owning) agency.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case, CaseState
from ingang.cases.selectors import team_of
from ingang.core.categories import Category
from ingang.plans.catalogue import SICK_LEAVE_DEGREES, ActivityType
from ingang.plans.clashes import PlanFacts, Span, detect
from ingang.plans.models import Activity, ActivityStatus, Clash, ClashParty, Plan, SubGoal
from ingang.timeline.services import timeline_event_emit

MAX_HOURS_PER_WEEK = Decimal(60)
ACTIVE_STATUSES = [s for s in ActivityStatus if s.is_active]


def _agency_of(actor: User) -> Agency:
    agency = actor.agency
    if agency is None:
        raise ValidationError(_("Only staff of an agency may change a plan."))
    return agency


def _save(obj: Model, actor: User) -> None:
    """Save and record the actor as the author of this version in the history."""
    obj._history_user = actor  # type: ignore[attr-defined]
    obj.save()


def _emit(plan: Plan, actor: User, kind: str, summary: str) -> None:
    timeline_event_emit(
        person=plan.person, actor=actor, category=Category.PLAN, kind=kind, summary=summary
    )


def _plan_for(case: Case, actor: User) -> Plan:
    """The case's plan, created on the first write (owned by the writer's agency)."""
    ensure_may_act(actor=actor, person=case.person)
    if case.state != CaseState.OPEN:
        raise ValidationError(_("The case is closed; its plan can no longer be changed."))
    plan = Plan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        plan = Plan(case=case, person=case.person, owning_agency=_agency_of(actor))
        _save(plan, actor)
    return plan


@transaction.atomic
def plan_goal_set(*, case: Case, actor: User, goal: str) -> Plan:
    """Record the person's own goal, in their own words."""
    plan = _plan_for(case, actor)
    goal = goal.strip()
    if not goal:
        raise ValidationError({"goal": _("Write the person's goal.")})
    plan.goal = goal
    plan.owning_agency = _agency_of(actor)
    _save(plan, actor)
    _emit(plan, actor, "plan.goal_set", _("The goal of the plan was updated"))
    return plan


@transaction.atomic
def sub_goal_add(*, case: Case, actor: User, text: str) -> SubGoal:
    plan = _plan_for(case, actor)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the sub-goal.")})
    sub_goal = SubGoal(plan=plan, person=plan.person, owning_agency=_agency_of(actor), text=text)
    _save(sub_goal, actor)
    _emit(plan, actor, "plan.sub_goal_added", _("A sub-goal was added to the plan"))
    return sub_goal


def _clean_activity(plan: Plan, agency: Agency, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate an activity's fields; raise one ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    try:
        kind = ActivityType(fields["type"])
    except ValueError:
        errors["type"] = _("Unknown activity type.")
        kind = None
    start: date | None = fields.get("start_date")
    end: date | None = fields.get("end_date")
    if start is None:
        errors["start_date"] = _("Give a start date.")
    elif end is not None and end < start:
        errors["end_date"] = _("The end date cannot be before the start date.")
    hours, percent = fields.get("hours_per_week"), fields.get("percent")
    if (hours is None) == (percent is None):
        errors["hours_per_week"] = _("Give the extent either in hours per week or in percent.")
    elif hours is not None:
        try:
            hours = Decimal(hours)
        except (InvalidOperation, TypeError):
            hours = Decimal(-1)
        if not Decimal(0) < hours <= MAX_HOURS_PER_WEEK:
            errors["hours_per_week"] = _("Hours per week must be more than 0 and at most 60.")
    elif percent is not None and not 0 < percent <= 100:
        errors["percent"] = _("The percentage must be between 1 and 100.")
    if kind is ActivityType.SICK_LEAVE and percent not in SICK_LEAVE_DEGREES:
        errors["percent"] = _("Sick leave is given in percent: 25, 50, 75 or 100.")
    responsible: User | None = fields.get("responsible")
    if responsible is None or not responsible.is_active or responsible.agency != agency:
        errors["responsible"] = _("The responsible staff member must work at %(agency)s.") % {
            "agency": agency.name
        }
    sub_goal: SubGoal | None = fields.get("sub_goal")
    if sub_goal is not None and sub_goal.plan_id != plan.pk:
        errors["sub_goal"] = _("The sub-goal belongs to another plan.")
    try:
        status = ActivityStatus(fields.get("status") or ActivityStatus.PLANNED)
    except ValueError:
        errors["status"] = _("Unknown status.")
        status = ActivityStatus.PLANNED
    if errors:
        raise ValidationError(errors)
    return {
        "type": kind,
        "description": (fields.get("description") or "").strip(),
        "start_date": start,
        "end_date": end,
        "hours_per_week": hours,
        "percent": percent,
        "responsible": responsible,
        "sub_goal": sub_goal,
        "status": status,
    }


def _ensure_owner(agency: Agency, owner: Agency) -> None:
    if agency.pk != owner.pk:
        raise ValidationError(
            _("Only staff of %(agency)s may change its activities.") % {"agency": owner.name}
        )


@transaction.atomic
def activity_create(
    *,
    case: Case,
    actor: User,
    type: str,
    responsible: User | None,
    start_date: date | None,
    end_date: date | None = None,
    hours_per_week: Decimal | None = None,
    percent: int | None = None,
    status: str = ActivityStatus.PLANNED,
    description: str = "",
    sub_goal: SubGoal | None = None,
    agency: Agency | None = None,
) -> Activity:
    """Add an activity under the actor's agency (naming another agency is refused)."""
    plan = _plan_for(case, actor)
    own = _agency_of(actor)
    _ensure_owner(own, agency or own)
    fields = {
        "type": type,
        "description": description,
        "start_date": start_date,
        "end_date": end_date,
        "hours_per_week": hours_per_week,
        "percent": percent,
        "responsible": responsible,
        "sub_goal": sub_goal,
        "status": status,
    }
    cleaned = _clean_activity(plan, own, fields)
    activity = Activity(plan=plan, person=plan.person, owning_agency=own, **cleaned)
    _save(activity, actor)
    plan_clashes_refresh(plan=plan)
    _emit(
        plan,
        actor,
        "plan.activity_added",
        _("Plan activity added: %(type)s (%(agency)s)")
        % {"type": activity.get_type_display(), "agency": own.short_name},
    )
    return activity


ACTIVITY_FIELDS = (
    "type",
    "description",
    "start_date",
    "end_date",
    "hours_per_week",
    "percent",
    "responsible",
    "sub_goal",
    "status",
)


@transaction.atomic
def activity_update(*, activity: Activity, actor: User, **changes: Any) -> Activity:
    """Change an activity's fields (any of ACTIVITY_FIELDS)."""
    unknown = set(changes) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    plan = _plan_for(activity.plan.case, actor)
    _ensure_owner(_agency_of(actor), activity.owning_agency)
    current = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    cleaned = _clean_activity(plan, activity.owning_agency, {**current, **changes})
    for name, value in cleaned.items():
        setattr(activity, name, value)
    _save(activity, actor)
    plan_clashes_refresh(plan=plan)
    _emit(
        plan,
        actor,
        "plan.activity_changed",
        _("Plan activity changed: %(type)s (%(agency)s)")
        % {"type": activity.get_type_display(), "agency": activity.owning_agency.short_name},
    )
    return activity


@transaction.atomic
def activity_status_set(*, activity: Activity, actor: User, status: str) -> Activity:
    plan = _plan_for(activity.plan.case, actor)
    _ensure_owner(_agency_of(actor), activity.owning_agency)
    try:
        activity.status = ActivityStatus(status)
    except ValueError:
        raise ValidationError({"status": _("Unknown status.")}) from None
    _save(activity, actor)
    plan_clashes_refresh(plan=plan)
    _emit(
        plan,
        actor,
        "plan.activity_status",
        _("Plan activity %(type)s (%(agency)s) is now: %(status)s")
        % {
            "type": activity.get_type_display(),
            "agency": activity.owning_agency.short_name,
            "status": activity.get_status_display(),
        },
    )
    return activity


def plan_clashes_refresh(*, plan: Plan) -> None:
    """Recompute the plan's clashes and store the difference.

    New clashes are added, clashes no longer found are marked resolved, and a
    clash found again under the same key keeps its acknowledgement. A fixed
    number of queries whatever the size of the plan. Derived data: no actor.
    """
    case = plan.case
    spans = [
        Span(
            id=a.pk,
            agency_id=a.owning_agency_id,
            type=ActivityType(a.type),
            start=a.start_date,
            end=a.end_date,
            hours_per_week=a.hours_per_week,
            percent=a.percent,
        )
        for a in Activity.objects.filter(plan=plan, status__in=ACTIVE_STATUSES)
    ]
    team = frozenset(team_of(case).values_list("staff__unit__agency_id", flat=True))
    found = detect(
        PlanFacts(
            spans=spans,
            case_start=timezone.localdate(case.opened_at),
            case_end=timezone.localdate(case.closed_at) if case.closed_at else None,
            team_agency_ids=frozenset(a for a in team if a is not None),
        )
    )
    existing = {c.key: c for c in Clash.objects.filter(plan=plan)}
    now = timezone.now()
    gone = [c.pk for key, c in existing.items() if key not in found and c.resolved_at is None]
    Clash.objects.filter(pk__in=gone).update(resolved_at=now)
    changed = []
    for key, clash in existing.items():
        if key in found and (clash.resolved_at is not None or clash.facts != found[key].facts):
            clash.resolved_at = None
            clash.facts = found[key].facts
            changed.append(clash)
    Clash.objects.bulk_update(changed, ["resolved_at", "facts"])
    new = [
        Clash(plan=plan, person_id=plan.person_id, rule=f.rule, key=key, facts=f.facts)
        for key, f in found.items()
        if key not in existing
    ]
    created = Clash.objects.bulk_create(new)
    agency_of = {s.id: s.agency_id for s in spans}
    ClashParty.objects.bulk_create(
        ClashParty(
            clash=clash,
            activity_id=activity_id,
            person_id=plan.person_id,
            owning_agency_id=agency_of[activity_id],
        )
        for clash in created
        for activity_id in found[clash.key].activity_ids
    )


def plan_clashes_refresh_for_case(*, case: Case) -> None:
    """Recompute clashes after a change outside the plan (team member left, case closed)."""
    plan = Plan.objects.select_related("case").filter(case=case).first()
    if plan is not None:
        plan_clashes_refresh(plan=plan)


@transaction.atomic
def clash_acknowledge(*, clash: Clash, actor: User, justification: str) -> Clash:
    """Accept a clash knowingly, with a justification; it stays on the plan page as such."""
    ensure_may_act(actor=actor, person=clash.person)
    clash = Clash.objects.select_for_update().select_related("plan__case").get(pk=clash.pk)
    justification = justification.strip()
    if not justification:
        raise ValidationError({"justification": _("Explain why the clash is acceptable.")})
    if clash.resolved_at is not None:
        raise ValidationError(_("The clash is already resolved."))
    if clash.acknowledged_at is not None:
        raise ValidationError(_("The clash has already been acknowledged."))
    involved = set(clash.parties.values_list("owning_agency_id", flat=True))
    agency = _agency_of(actor)
    if agency.pk not in involved and clash.plan.case.coordinator_id != actor.pk:
        raise ValidationError(
            _(
                "Only staff of an agency involved in the clash, or the coordinator, "
                "may acknowledge it."
            )
        )
    clash.acknowledged_at = timezone.now()
    clash.acknowledged_by = actor
    clash.justification = justification
    clash.save(update_fields=["acknowledged_at", "acknowledged_by", "justification"])
    _emit(clash.plan, actor, "plan.clash_acknowledged", _("A clash in the plan was acknowledged"))
    return clash
