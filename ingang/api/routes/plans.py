"""The joint plan: read by the team; goals, sub-goals and activities written through the plan
services, each activity only by its owning agency (scope `write:plans`)."""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from ingang.access.selectors import PersonRecord, case_of
from ingang.accounts.models import User
from ingang.api.auth import reader
from ingang.api.errors import ApiError, bilingual
from ingang.api.models import Scope
from ingang.api.pagination import Page, page_of
from ingang.api.reads import record_read
from ingang.api.routes.people import Limit
from ingang.api.schemas import (
    ERRORS,
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    AgencyOut,
    ClashOut,
    GoalIn,
    PlanOut,
    SubGoalIn,
    SubGoalOut,
    withheld,
)
from ingang.cases.selectors import team_of
from ingang.plans.selectors import PLAN_SOURCES, plan_page
from ingang.plans.services import (
    activity_create,
    activity_status_set,
    activity_update,
    plan_goal_set,
    sub_goal_add,
)

router = Router(tags=["plans"])


def plan_read(user: User, person_id: UUID | str, action: str = "plan.view") -> PersonRecord:
    return record_read(user, person_id, action, sources=PLAN_SOURCES)


def activity_out(a: Any) -> ActivityOut:
    return ActivityOut(
        id=a.pk,
        type=a.type,
        type_label=str(a.get_type_display()),
        description=a.description,
        sub_goal_id=a.sub_goal_id,
        owning_agency=AgencyOut.of(a.owning_agency),
        responsible=a.responsible.username,
        start_date=a.start_date,
        end_date=a.end_date,
        hours_per_week=float(a.hours_per_week) if a.hours_per_week is not None else None,
        percent=a.percent,
        status=a.status,
    )


def plan_out(record: PersonRecord, user: User) -> PlanOut:
    page = plan_page(record, user)
    plan = page.plan
    clashes = []
    for view in page.clashes:
        titles = bilingual(view.rule.title)
        clashes.append(
            ClashOut(
                id=view.clash.pk,
                rule=view.rule.code,
                title_sv=titles["message_sv"],
                title_en=titles["message_en"],
                agencies=view.agencies,
                activity_ids=[
                    p.activity.pk if p.activity is not None else None for p in view.parties
                ],
                details=view.details,
                detected_at=view.clash.detected_at,
                acknowledged_at=view.clash.acknowledged_at,
            )
        )
    return PlanOut(
        person_id=record.public_id,
        goal=plan.goal if plan is not None else None,
        owning_agency=plan.owning_agency.name if plan is not None else None,
        sub_goals=[
            SubGoalOut(id=s.pk, text=s.text, owning_agency=s.owning_agency.name)
            for s in page.sub_goals
        ],
        activities=[activity_out(a) for a in page.activities],
        clashes=clashes,
        withheld=withheld(page.cross_agency),
    )


@router.get("/people/{person_id}/plan", response={200: PlanOut, **ERRORS})
def plan_detail(request: HttpRequest, person_id: UUID) -> PlanOut:
    """The whole joint plan as the caller may see it, with open clashes."""
    user = reader(request)
    return plan_out(plan_read(user, person_id), user)


@router.get("/people/{person_id}/plan/activities", response={200: Page[ActivityOut], **ERRORS})
def activities_list(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    record = record_read(
        reader(request), person_id, "plan.view", sources={"activities": PLAN_SOURCES["activities"]}
    )
    rows, following = page_of("activities", record.data["activities"].items, cursor, limit)
    return {"items": [activity_out(a) for a in rows], "next_cursor": following}


@router.put("/people/{person_id}/plan/goal", response={200: PlanOut, **ERRORS})
def plan_goal(request: HttpRequest, person_id: UUID, body: GoalIn) -> PlanOut:
    """Record the person's own goal."""
    user = reader(request, Scope.WRITE_PLANS)
    record = plan_read(user, person_id, "plan.goal_set")
    plan_goal_set(case=case_of(record), actor=user, goal=body.goal)
    return plan_out(plan_read(user, person_id), user)


@router.post("/people/{person_id}/plan/sub-goals", response={201: SubGoalOut, **ERRORS})
def plan_sub_goal(request: HttpRequest, person_id: UUID, body: SubGoalIn) -> Status[SubGoalOut]:
    user = reader(request, Scope.WRITE_PLANS)
    record = record_read(user, person_id, "plan.sub_goal_add")
    sub_goal = sub_goal_add(case=case_of(record), actor=user, text=body.text)
    return Status(
        201,
        SubGoalOut(id=sub_goal.pk, text=sub_goal.text, owning_agency=sub_goal.owning_agency.name),
    )


def _invalid(field: str, message: Any) -> ApiError:
    return ApiError(422, "invalid", {field: [bilingual(message)]})


def _responsible(record: PersonRecord, user: User, username: str | None) -> User:
    if username is None:
        return user
    for member in team_of(case_of(record)):
        if member.staff.username == username:
            return member.staff
    raise _invalid("responsible", _("No staff member of that name on the team."))


def _hours(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@router.post("/people/{person_id}/plan/activities", response={201: ActivityOut, **ERRORS})
def activity_add(request: HttpRequest, person_id: UUID, body: ActivityIn) -> Status[ActivityOut]:
    """Add an activity owned by the caller's agency; clash detection runs and the team is told."""
    user = reader(request, Scope.WRITE_PLANS)
    record = record_read(
        user, person_id, "plan.activity_add", sources={"sub_goals": PLAN_SOURCES["sub_goals"]}
    )
    sub_goal = None
    if body.sub_goal_id is not None:
        sub_goals = {s.pk: s for s in record.data["sub_goals"].items}
        sub_goal = sub_goals.get(body.sub_goal_id)
        if sub_goal is None:
            raise _invalid("sub_goal_id", _("No such sub-goal in the plan."))
    activity = activity_create(
        case=case_of(record),
        actor=user,
        type=body.type,
        responsible=_responsible(record, user, body.responsible),
        start_date=body.start_date,
        end_date=body.end_date,
        hours_per_week=_hours(body.hours_per_week),
        percent=body.percent,
        status=body.status,
        description=body.description,
        sub_goal=sub_goal,
    )
    return Status(201, activity_out(activity))


@router.patch(
    "/people/{person_id}/plan/activities/{activity_id}", response={200: ActivityOut, **ERRORS}
)
def activity_change(
    request: HttpRequest, person_id: UUID, activity_id: int, body: ActivityPatch
) -> ActivityOut:
    """Change an activity of the caller's own agency (others' activities answer 422)."""
    user = reader(request, Scope.WRITE_PLANS)
    record = record_read(
        user, person_id, "plan.activity_change", sources={"activities": PLAN_SOURCES["activities"]}
    )
    activity = next((a for a in record.data["activities"].items if a.pk == activity_id), None)
    if activity is None:
        raise ApiError(404, "not_found")
    changes = body.model_dump(exclude_unset=True)
    for required in ("type", "description", "start_date"):
        if changes.get(required, "") is None:
            raise _invalid(required, _("This field cannot be empty."))
    status = changes.pop("status", None)
    if "hours_per_week" in changes:
        changes["hours_per_week"] = _hours(changes["hours_per_week"])
        changes.setdefault("percent", None)
    elif "percent" in changes:
        changes["hours_per_week"] = None
    with transaction.atomic():  # both changes or neither
        if changes:
            activity = activity_update(activity=activity, actor=user, **changes)
        if status is not None:
            activity = activity_status_set(activity=activity, actor=user, status=status)
    return activity_out(activity)
