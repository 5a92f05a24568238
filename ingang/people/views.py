from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import (
    PersonNotFound,
    case_of,
    person_number_lookup,
    person_record_read,
    subject_of,
)
from ingang.accounts.models import User
from ingang.cases.selectors import team_of
from ingang.cases.services import case_member_add, case_member_remove
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.people.forms import EntryForm, PersonRegisterForm, PersonSearchForm, TeamMemberForm
from ingang.people.services import person_register
from ingang.records.services import entry_create


@access_rule(Need.PERSON_DATA)
def search(request: StaffRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    if form.is_valid():
        try:
            public_id = person_number_lookup(
                reader=request.user,
                personal_number=form.cleaned_data["personal_number"],
            )
        except PersonNotFound:
            form.add_error(None, _("No person with that number among the people you work with."))
        else:
            return redirect("people:overview", public_id=public_id)
    return render(request, "people/search.html", {"form": form})


@access_rule(Need.PERSON_DATA)
def register(request: StaffRequest) -> HttpResponse:
    form = PersonRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person, _case = person_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The person is registered and a coordination case opened."))
            return redirect("people:overview", public_id=person.public_id)
    return render(request, "people/register.html", {"form": form})


@access_rule(Need.STAFF)
def overview(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(reader=request.user, public_id=public_id)
    return render(request, "people/overview.html", {"record": record})


@access_rule(Need.STAFF)
def team(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="case.team",
    )
    case = case_of(record)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff = User.objects.filter(username=form.cleaned_data["username"]).first()
        if staff is None:
            form.add_error("username", _("No staff member with that username."))
        else:
            try:
                case_member_add(case=case, staff=staff, actor=request.user)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request, _("%(name)s joined the team.") % {"name": staff.display_name}
                )
                return redirect("people:team", public_id=public_id)
    members = team_of(case)
    return render(request, "people/team.html", {"record": record, "members": members, "form": form})


@access_rule(Need.STAFF)
def team_remove(request: StaffRequest, public_id: UUID, member_id: int) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="case.team",
    )
    member = team_of(case_of(record)).filter(pk=member_id).first()
    if request.method == "POST" and member is not None:
        try:
            case_member_remove(member=member, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The staff member left the team."))
    return redirect("people:team", public_id=public_id)


@access_rule(Need.STAFF)
def entry_add(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="entry.add",
    )
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry_create(person=subject_of(record), actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect("people:overview", public_id=public_id)
    return render(request, "people/entry_add.html", {"record": record, "form": form})
