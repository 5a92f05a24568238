"""The auditors' log review workspace (loggkontroll)."""

import secrets
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingang.access.selectors import PersonNotFound, person_log_review_read, subject_of
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.review.checks import VOLUME_CODE, event_check, volume_findings
from ingang.review.exports import csv_response, pdf_response
from ingang.review.forms import (
    BreachForm,
    CheckForm,
    MonthForm,
    ReviewForm,
    SampleForm,
    ScopeForm,
    WellKnownForm,
)
from ingang.review.models import LogReview, ReviewKind, WellKnownPerson
from ingang.review.selectors import (
    findings_for,
    month_bounds,
    month_report,
    report_rows,
    sample_events,
)
from ingang.review.services import (
    breach_report,
    log_review_record,
    people_examined_log,
    well_known_mark,
    well_known_unmark,
)

PAGE_SIZE = 50
BREACH_PAGE_ROWS = 500


def _last_month() -> tuple[date, date]:
    this_month = timezone.localdate().replace(day=1)
    return month_bounds(this_month - timedelta(days=1))


@access_rule(Need.AUDITOR)
def workspace(request: StaffRequest) -> HttpResponse:
    start, end = _last_month()
    initial = {"date_from": start, "date_to": end}
    return render(
        request,
        "review/workspace.html",
        {
            # Two forms with the same fields on one page: distinct ids keep labels unique.
            "check_form": CheckForm(initial=initial, auto_id="check_%s"),
            "sample_form": SampleForm(initial=initial, auto_id="sample_%s"),
            "recent": LogReview.objects.select_related("reviewer")[:5],
        },
    )


def _check_context(request: StaffRequest, form: CheckForm) -> dict[str, Any]:
    scope = form.scope
    code = form.cleaned_data["check"]
    context: dict[str, Any] = {"form": form, "code": code, "scope": scope}
    if code == VOLUME_CODE:
        context["volume"] = volume_findings(scope)
        context["total"] = len(context["volume"])
        return context
    check = event_check(code)
    if check is None:
        return context
    page = Paginator(check.query(scope).order_by("-seq"), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    findings = findings_for(code, list(page))
    people_examined_log(
        auditor=request.user,
        person_ids=[f.event.person_id for f in findings],
        action="log_review.findings",
    )
    context.update(
        {"check": check, "page": page, "findings": findings, "total": page.paginator.count}
    )
    return context


@access_rule(Need.AUDITOR)
def check(request: StaffRequest) -> HttpResponse:
    form = CheckForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        context = _check_context(request, form)
        context["review_form"] = ReviewForm()
    return render(request, "review/check.html", context)


def _sample_context(request: StaffRequest, form: SampleForm) -> dict[str, Any]:
    data = form.cleaned_data
    events = list(sample_events(form.scope, seed=data["seed"], size=data["size"]))
    people_examined_log(
        auditor=request.user, person_ids=[e.person_id for e in events], action="log_review.sample"
    )
    return {"form": form, "events": events, "seed": data["seed"], "scope": form.scope}


@access_rule(Need.AUDITOR)
def sample(request: StaffRequest) -> HttpResponse:
    form = SampleForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        if not form.cleaned_data["seed"]:
            # A new seed is fixed in the address, so the page can be drawn again as it was.
            query = request.GET.copy()
            query["seed"] = secrets.token_hex(8)
            return redirect(f"{reverse('review:sample')}?{query.urlencode()}")
        context = _sample_context(request, form)
        context["review_form"] = ReviewForm()
    return render(request, "review/sample.html", context)


@access_rule(Need.AUDITOR)
@require_POST
def record(request: StaffRequest) -> HttpResponse:
    """Record the conclusion of a review of the check or sample shown."""
    kind = ReviewKind.SAMPLE if request.POST.get("kind") == "sample" else ReviewKind.CHECK
    scope_form: ScopeForm = (
        SampleForm(request.POST) if kind == ReviewKind.SAMPLE else CheckForm(request.POST)
    )
    review_form = ReviewForm(request.POST)
    if not scope_form.is_valid():
        messages.error(request, _("The review's period or check was not valid; nothing was saved."))
        return redirect("review:workspace")
    if not review_form.is_valid():
        if isinstance(scope_form, SampleForm):
            context = _sample_context(request, scope_form)
            template = "review/sample.html"
        else:
            assert isinstance(scope_form, CheckForm)  # noqa: S101 (narrowing for mypy)
            context = _check_context(request, scope_form)
            template = "review/check.html"
        context["review_form"] = review_form
        return render(request, template, context, status=400)
    data = scope_form.cleaned_data
    review = log_review_record(
        reviewer=request.user,
        kind=kind,
        scope=scope_form.scope,
        check_code=data.get("check", ""),
        seed=data.get("seed", ""),
        size=data.get("size") or 0,
        conclusion=review_form.cleaned_data["conclusion"],
        notes=review_form.cleaned_data["notes"],
        follow_up=review_form.cleaned_data["follow_up"],
    )
    messages.success(request, _("The review was recorded."))
    return redirect("review:review_detail", review_id=review.public_id)


@access_rule(Need.AUDITOR)
def review_list(request: StaffRequest) -> HttpResponse:
    reviews = LogReview.objects.select_related("reviewer")
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "review/reviews.html", {"page": page})


@access_rule(Need.AUDITOR)
def review_detail(request: StaffRequest, review_id: UUID) -> HttpResponse:
    review = get_object_or_404(LogReview.objects.select_related("reviewer"), public_id=review_id)
    events = list(review.events.order_by("seq"))
    people_examined_log(
        auditor=request.user, person_ids=[e.person_id for e in events], action="log_review.read"
    )
    findings = findings_for(review.check_code, events) if review.check_code else []
    return render(
        request,
        "review/review_detail.html",
        {"review": review, "events": events, "findings": findings},
    )


@access_rule(Need.AUDITOR)
def report(request: StaffRequest) -> HttpResponse:
    """The monthly review report: page, CSV or PDF."""
    query: QueryDict | dict[str, str] = request.GET
    if "month" not in query:
        query = {"month": _last_month()[0].strftime("%Y-%m")}
    form = MonthForm(query)
    if not form.is_valid():
        return render(request, "review/report.html", {"form": form}, status=400)
    data = month_report(form.cleaned_data["month"])
    name = f"loggkontroll-{data.month:%Y-%m}"
    output = request.GET.get("format")
    if output == "csv":
        header = [
            _("Date"),
            _("Reviewer"),
            _("Kind"),
            _("Check"),
            _("Period"),
            _("Unit"),
            _("Events examined"),
            _("People"),
            _("Conclusion"),
            _("Follow-up"),
        ]
        return csv_response(f"{name}.csv", header, report_rows(data))
    context = {"form": form, "report": data}
    if output == "pdf":
        html = render_to_string("review/report_pdf.html", context, request=request)
        return pdf_response(f"{name}.pdf", html)
    return render(request, "review/report.html", context)


@access_rule(Need.AUDITOR)
def breach(request: StaffRequest) -> HttpResponse:
    """Breach query: everyone whose data one staff member or API client read in a period."""
    form = BreachForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        people = breach_report(
            auditor=request.user, staff=data["staff"], since=data["since"], until=data["until"]
        )
        if request.GET.get("format") == "csv":
            header = [
                _("Identity number"),
                _("Name"),
                _("Protected identity"),
                _("Responsible unit"),
                _("Categories"),
                _("Reads"),
                _("First read"),
                _("Last read"),
                _("Reference"),
            ]
            rows = [
                [
                    p.personal_number,
                    p.name,
                    _("yes") if p.protected_identity else _("no"),
                    p.responsible_unit,
                    ", ".join(p.categories),
                    p.reads,
                    timezone.localtime(p.first).isoformat() if p.first else "",
                    timezone.localtime(p.last).isoformat() if p.last else "",
                    p.public_id,
                ]
                for p in people
            ]
            return csv_response(f"incident-{data['staff'].username}.csv", header, rows)
        # The page shows the first rows; the CSV has everyone.
        context.update({"people": people[:BREACH_PAGE_ROWS], "total": len(people)})
    return render(request, "review/breach.html", context)


@access_rule(Need.AUDITOR)
def well_known(request: StaffRequest) -> HttpResponse:
    form = WellKnownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = person_log_review_read(
                reader=request.user, personal_number=form.cleaned_data["personal_number"]
            )
        except PersonNotFound:
            form.add_error("personal_number", _("No person with that number."))
        else:
            well_known_mark(
                person=subject_of(record), reason=form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("The person is marked as well-known."))
            return redirect("review:well_known")
    marks = WellKnownPerson.objects.select_related("person", "marked_by").order_by("-marked_at")
    return render(request, "review/well_known.html", {"form": form, "marks": marks})


@access_rule(Need.AUDITOR)
@require_POST
def well_known_remove(request: StaffRequest, pk: int) -> HttpResponse:
    mark = get_object_or_404(WellKnownPerson, pk=pk)
    well_known_unmark(mark=mark, actor=request.user)
    messages.success(request, _("The mark was removed."))
    return redirect("review:well_known")
