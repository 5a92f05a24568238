from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import person_record_read, subject_of
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.finsam.models import Association
from ingang.followup.charts import bar_chart
from ingang.followup.exports import delivery_response, delivery_rows, report_csv, report_xlsx
from ingang.followup.forms import (
    AnonymousEntryForm,
    ExitForm,
    FindForm,
    FollowUpForm,
    PersonEntryForm,
    ReportFilterForm,
)
from ingang.followup.models import Participation
from ingang.followup.reports import REPORT_KEYS, Filters, all_reports, one_report, selected
from ingang.followup.selectors import participation_read, participation_source
from ingang.followup.services import (
    participation_enter,
    participation_exit,
    participation_follow_up,
)

# -- reports (analysts and managers: aggregates only) ----------------------------


def _filters(request: StaffRequest) -> tuple[ReportFilterForm, Filters | None]:
    data = request.GET.copy()
    if "association" not in data:
        # The reader's own association first, when they work for one.
        own = Association.objects.filter(agency=request.user.agency).first()
        if own is not None and request.user.agency is not None:
            data["association"] = str(own.pk)
    form = ReportFilterForm(data)
    return form, form.filters() if form.is_valid() else None


@access_rule(Need.ANALYST)
def reports(request: StaffRequest) -> HttpResponse:
    form, filters = _filters(request)
    shown = []
    if filters is not None:
        shown = [(report, bar_chart(report)) for report in all_reports(filters)]
    return render(
        request,
        "followup/reports.html",
        {
            "form": form,
            "reports": shown,
            "filters": filters.describe() if filters is not None else [],
            "query": request.GET.urlencode(),
        },
    )


@access_rule(Need.ANALYST)
def report_export(request: StaffRequest, key: str, fmt: str) -> HttpResponse:
    _form, filters = _filters(request)
    if key not in REPORT_KEYS or fmt not in ("csv", "xlsx") or filters is None:
        raise Http404
    report = one_report(key, filters)
    return report_csv(report, filters) if fmt == "csv" else report_xlsx(report, filters)


@access_rule(Need.ADMINISTRATOR)
def delivery(request: StaffRequest) -> StreamingHttpResponse:
    """The delivery file (one row per participation, codes, no identity), streamed."""
    _form, filters = _filters(request)
    if filters is None:
        raise Http404
    return delivery_response(delivery_rows(selected(filters)))


# -- registration (staff who work with people) ----------------------------------


@access_rule(Need.STAFF)
def person_participations(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="participation.list",
        sources={"participations": participation_source()},
    )
    return render(
        request,
        "followup/person.html",
        {"record": record, "section": record.data["participations"]},
    )


@access_rule(Need.STAFF)
def person_enter(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="participation.new",
    )
    form = PersonEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participation = participation_enter(
                actor=request.user,
                person=subject_of(record),
                project=data["project"],
                entered_on=data["entered_on"],
                entry_income_source=data["entry_income_source"],
                education_level=data["education_level"],
                referring_agency=data["referring_agency"],
                consented=data["consented"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if participation.person_id is None:
                messages.success(
                    request,
                    _(
                        "Registered anonymously (no consent, or protected identity). "
                        "Note the reference %(reference)s: it is the only way to find it again."
                    )
                    % {"reference": participation.reference},
                )
                return redirect("followup:participation", reference=participation.reference)
            messages.success(request, _("The participation is registered."))
            return redirect("followup:person", public_id=public_id)
    return render(request, "followup/enter.html", {"record": record, "form": form})


@access_rule(Need.PERSON_DATA)
def anonymous_enter(request: StaffRequest) -> HttpResponse:
    form = AnonymousEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participation = participation_enter(
                actor=request.user,
                project=data["project"],
                entered_on=data["entered_on"],
                entry_income_source=data["entry_income_source"],
                education_level=data["education_level"],
                referring_agency=data["referring_agency"],
                gender=data["gender"],
                birth_year=data["birth_year"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Registered anonymously. Note the reference %(reference)s: it is the only "
                    "way to find it again."
                )
                % {"reference": participation.reference},
            )
            return redirect("followup:participation", reference=participation.reference)
    return render(request, "followup/enter.html", {"record": None, "form": form})


@access_rule(Need.PERSON_DATA)
def find(request: StaffRequest) -> HttpResponse:
    form = FindForm(request.GET or None)
    if form.is_bound and form.is_valid():
        reference = form.cleaned_data["reference"]
        if Participation.objects.filter(reference=reference).exists():
            return redirect("followup:participation", reference=reference)
        form.add_error("reference", _("No participation with that reference."))
    return render(request, "followup/find.html", {"form": form})


@access_rule(Need.PERSON_DATA)
def participation(request: StaffRequest, reference: str) -> HttpResponse:
    found, record = participation_read(reader=request.user, reference=reference)
    posted = request.POST.get("step")
    exit_form = ExitForm(request.POST if posted == "exit" else None, prefix="exit")
    follow_form = FollowUpForm(request.POST if posted == "follow_up" else None, prefix="follow")
    form = exit_form if posted == "exit" else follow_form if posted == "follow_up" else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            if form is exit_form:
                participation_exit(actor=request.user, participation=found, **form.cleaned_data)
                messages.success(request, _("The exit is registered."))
            else:
                participation_follow_up(
                    actor=request.user, participation=found, **form.cleaned_data
                )
                messages.success(request, _("The follow-up is registered."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            return redirect("followup:participation", reference=reference)
    return render(
        request,
        "followup/participation.html",
        {
            "record": record,
            "participation": found,
            "exit_form": exit_form,
            "follow_form": follow_form,
        },
    )
