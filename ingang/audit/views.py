from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import (
    PersonNotFound,
    person_log_review_read,
    person_record_read,
    subject_of,
)
from ingang.agencies.models import Role
from ingang.audit.forms import AuditPersonForm, LogFilterForm
from ingang.audit.queries import access_events_filtered
from ingang.core.categories import Category
from ingang.core.permissions import Need, StaffRequest, access_rule

PAGE_SIZE = 50


@access_rule(Need.STAFF)
def person_log(request: StaffRequest, public_id: UUID) -> HttpResponse:
    """Who has read this person's data: for the person's team and for auditors."""
    reader = request.user
    if Role(reader.role).reviews_access_log:
        record = person_log_review_read(reader=reader, public_id=public_id)
    else:
        record = person_record_read(
            reader=reader,
            public_id=public_id,
            categories=[Category.IDENTITY],
            action="access_log.person",
        )
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = access_events_filtered(person=subject_of(record), filters=filters)
    page = Paginator(events.select_related(None), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "audit/person_log.html", {"record": record, "form": form, "page": page})


@access_rule(Need.AUDITOR)
def review(request: StaffRequest) -> HttpResponse:
    """The auditor's view over the whole access log, with a person lookup."""
    person_form = AuditPersonForm(request.POST or None)
    if request.method == "POST" and person_form.is_valid():
        try:
            record = person_log_review_read(
                reader=request.user,
                personal_number=person_form.cleaned_data["personal_number"],
            )
        except PersonNotFound:
            person_form.add_error("personal_number", _("No person with that number."))
        else:
            return redirect("audit:person_log", public_id=record.public_id)
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(access_events_filtered(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    return render(
        request,
        "audit/review.html",
        {
            "form": form,
            "person_form": person_form,
            "page": page,
        },
    )
