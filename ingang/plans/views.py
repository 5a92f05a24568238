"""The plan pages. Each reads through the gate first: like the person pages they are
open to any signed-in staff (Need.STAFF) so that the gate refuses, and logs, roles
that read no person data with the same 404 as everyone else not on the team."""

from datetime import date
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import PersonRecord, case_of, person_record_read
from ingang.accounts.models import User
from ingang.cases.models import Case
from ingang.cases.selectors import team_of
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.plans.forms import AcknowledgeForm, ActivityForm, GoalForm, StatusForm, SubGoalForm
from ingang.plans.models import ActivityStatus
from ingang.plans.selectors import (
    PLAN_HISTORY_SOURCES,
    PLAN_SOURCES,
    plan_history,
    plan_page,
    plan_sources_as_of,
)
from ingang.plans.services import (
    activity_create,
    activity_status_set,
    activity_update,
    clash_acknowledge,
    plan_goal_set,
    sub_goal_add,
)


def _read(request: StaffRequest, public_id: UUID, action: str, *names: str) -> PersonRecord:
    return person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action=action,
        sources={name: PLAN_SOURCES[name] for name in names},
    )


def _as_of(request: StaffRequest) -> date | None:
    raw = request.GET.get("per", "")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        messages.error(request, _("Give the date as YYYY-MM-DD."))
        return None


@access_rule(Need.STAFF)
def plan(request: StaffRequest, public_id: UUID) -> HttpResponse:
    as_of = _as_of(request)
    if as_of is None:
        record = _read(request, public_id, "plan.view", *PLAN_SOURCES)
    else:
        record = person_record_read(
            reader=request.user,
            public_id=public_id,
            categories=[Category.IDENTITY],
            action="plan.view_as_of",
            sources=plan_sources_as_of(as_of),
        )
    page = plan_page(record, request.user, as_of=as_of)
    own = request.user.agency
    context = {
        "record": record,
        "page": page,
        "own_agency_id": own.pk if own is not None else None,
        # Translated once here rather than once per option of every activity's menu.
        "statuses": [(value, str(label)) for value, label in ActivityStatus.choices],
    }
    return render(request, "plans/plan.html", context)


@access_rule(Need.STAFF)
def history(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="plan.history",
        sources=PLAN_HISTORY_SOURCES,
    )
    context = {
        "record": record,
        "items": plan_history(record),
        "cross_agency": record.data["activities"].cross_agency,
    }
    return render(request, "plans/history.html", context)


@access_rule(Need.STAFF)
def goal(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "plan.goal_set", "plan")
    plans = record.data["plan"].items
    initial = {"goal": plans[0].goal} if plans else {}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_goal_set(case=case_of(record), actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("plans:plan", public_id=public_id)
    return render(request, "plans/goal.html", {"record": record, "form": form})


@access_rule(Need.STAFF)
def sub_goal_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "plan.sub_goal_add")
    form = SubGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sub_goal_add(case=case_of(record), actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The sub-goal is added."))
            return redirect("plans:plan", public_id=public_id)
    return render(request, "plans/sub_goal.html", {"record": record, "form": form})


def _own_staff(case: Case, actor: User) -> list[User]:
    """Who may be named responsible: the actor's agency's staff on the team."""
    staff = [m.staff for m in team_of(case) if m.staff.agency == actor.agency]
    return staff or [actor]


def _activity_form(
    request: StaffRequest, record: PersonRecord, staff: list[User], initial: dict[str, Any]
) -> ActivityForm:
    sub_goals = [(s.pk, s.text) for s in record.data["sub_goals"].items]
    return ActivityForm(request.POST or None, staff=staff, sub_goals=sub_goals, initial=initial)


def _activity_fields(form: ActivityForm, record: PersonRecord, staff: list[User]) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["responsible"] = next(u for u in staff if u.pk == data["responsible"])
    sub_goals = {s.pk: s for s in record.data["sub_goals"].items}
    data["sub_goal"] = sub_goals.get(data["sub_goal"]) if data["sub_goal"] else None
    return data


@access_rule(Need.STAFF)
def activity_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "plan.activity_add", "sub_goals")
    case = case_of(record)
    staff = _own_staff(case, request.user)
    initial = {"responsible": request.user.pk, "status": ActivityStatus.PLANNED}
    form = _activity_form(request, record, staff, initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity_create(case=case, actor=request.user, **_activity_fields(form, record, staff))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The activity is added to the plan."))
            return redirect("plans:plan", public_id=public_id)
    return render(
        request, "plans/activity_form.html", {"record": record, "form": form, "activity": None}
    )


def _visible_activity(record: PersonRecord, activity_id: int) -> Any:
    for activity in record.data["activities"].items:
        if activity.pk == activity_id:
            return activity
    raise Http404


@access_rule(Need.STAFF)
def activity_edit(request: StaffRequest, public_id: UUID, activity_id: int) -> HttpResponse:
    record = _read(request, public_id, "plan.activity_change", "sub_goals", "activities")
    activity = _visible_activity(record, activity_id)
    staff = _own_staff(case_of(record), request.user)
    initial = {
        name: getattr(activity, name)
        for name in (
            "type",
            "description",
            "start_date",
            "end_date",
            "hours_per_week",
            "percent",
            "status",
        )
    }
    initial |= {"responsible": activity.responsible_id, "sub_goal": activity.sub_goal_id}
    form = _activity_form(request, record, staff, initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity, actor=request.user, **_activity_fields(form, record, staff)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("plans:plan", public_id=public_id)
    context = {"record": record, "form": form, "activity": activity}
    return render(request, "plans/activity_form.html", context)


@access_rule(Need.STAFF)
def activity_status(request: StaffRequest, public_id: UUID, activity_id: int) -> HttpResponse:
    record = _read(request, public_id, "plan.activity_status", "activities")
    activity = _visible_activity(record, activity_id)
    if request.method != "POST":
        return redirect("plans:plan", public_id=public_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            activity_status_set(activity=activity, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status is changed."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("plans:plan", public_id=public_id)


@access_rule(Need.STAFF)
def clash_ack(request: StaffRequest, public_id: UUID, clash_id: int) -> HttpResponse:
    record = _read(request, public_id, "plan.clash_acknowledge", *PLAN_SOURCES)
    page = plan_page(record, request.user)
    view = next((c for c in page.open_clashes if c.clash.pk == clash_id), None)
    if view is None or not view.may_acknowledge:
        raise Http404
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clash_acknowledge(clash=view.clash, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The clash is acknowledged."))
            return redirect("plans:plan", public_id=public_id)
    return render(
        request, "plans/clash_acknowledge.html", {"record": record, "form": form, "view": view}
    )
