from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import case_of, person_record_read, subject_of
from ingang.assessments.forms import AssessmentForm
from ingang.assessments.selectors import (
    GRID,
    HEIGHT,
    WIDTH,
    assessment_source,
    instrument_current_version,
    progress_of,
)
from ingang.assessments.services import assessment_create
from ingang.cases.selectors import team_of
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule


@access_rule(Need.STAFF)
def assessment_list(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="assessment.list",
        sources={"assessments": assessment_source()},
    )
    section = record.data["assessments"]
    return render(
        request,
        "assessments/list.html",
        {
            "record": record,
            "section": section,
            "assessments": list(reversed(section.items)),
            "progress": progress_of(section.items),
            "dates": [a.assessed_on for a in section.items],
            "chart": {"width": WIDTH, "height": HEIGHT, "grid": GRID},
        },
    )


@access_rule(Need.STAFF)
def assessment_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="assessment.new",
    )
    case = case_of(record)
    version = instrument_current_version()
    team = [m.staff for m in team_of(case)]
    form = AssessmentForm(request.POST or None, version=version, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_create(
                person=subject_of(record),
                case=case,
                actor=request.user,
                version=version,
                **form.service_arguments(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("assessments:list", public_id=public_id)
    return render(
        request, "assessments/new.html", {"record": record, "form": form, "version": version}
    )
