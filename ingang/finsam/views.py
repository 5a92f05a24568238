"""Association pages for analysts (Need.ANALYST: analysts and managers). Every figure
about participants is a suppressed count; no page lists or links to a person."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.finsam import exports, selectors
from ingang.finsam.evaluation import project_evaluation
from ingang.finsam.forms import (
    BasisForm,
    CatalogueFilter,
    IndicatorValueForm,
    PeriodForm,
    UnitValuesForm,
)
from ingang.finsam.models import Association, Indicator, IndicatorValue, Project, UnitValueSet
from ingang.finsam.scorecard import quarterly_report
from ingang.finsam.services import indicator_value_record, unit_values_new_version
from ingang.finsam.socioeconomic import unit_value_keys, unit_value_label


@access_rule(Need.ANALYST)
def association_list(request: StaffRequest) -> HttpResponse:
    associations = Association.objects.all()
    return render(request, "finsam/association_list.html", {"associations": associations})


@access_rule(Need.ANALYST)
def association_detail(request: StaffRequest, public_id: UUID) -> HttpResponse:
    association = selectors.association_get(public_id)
    members = association.members.prefetch_related("board_seats")
    return render(
        request,
        "finsam/association_detail.html",
        {
            "association": association,
            "members": members,
            "splits": selectors.budget_splits(association),
        },
    )


def _catalogue(
    request: StaffRequest, association: Association
) -> tuple[CatalogueFilter, list[Project]]:
    form = CatalogueFilter(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return form, list(selectors.projects_of(association, status))


@access_rule(Need.ANALYST)
def catalogue(request: StaffRequest, public_id: UUID) -> HttpResponse:
    association = selectors.association_get(public_id)
    form, projects = _catalogue(request, association)
    figures = selectors.project_figures(projects)
    rows = [(p, figures[p.pk], selectors.is_esf(p)) for p in projects]
    return render(
        request,
        "finsam/catalogue.html",
        {
            "association": association,
            "form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
        },
    )


@access_rule(Need.ANALYST)
def catalogue_export(request: StaffRequest, public_id: UUID, fmt: str) -> HttpResponse:
    association = selectors.association_get(public_id)
    _form, projects = _catalogue(request, association)
    figures = selectors.project_figures(projects)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        body = exports.catalogue_csv(projects, figures)
        content_type = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = exports.catalogue_xlsx(projects, figures)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="projektkatalog-{stamp}.{fmt}"'
    return response


@access_rule(Need.ANALYST)
def project_detail(request: StaffRequest, public_id: UUID) -> HttpResponse:
    project = selectors.project_get(public_id)
    return render(
        request,
        "finsam/project_detail.html",
        {
            "project": project,
            "figures": selectors.project_figures([project])[project.pk],
            "esf": selectors.is_esf(project),
        },
    )


@access_rule(Need.ANALYST)
def project_evaluation_page(request: StaffRequest, public_id: UUID) -> HttpResponse:
    project = selectors.project_get(public_id)
    form = BasisForm(request.GET or {"basis": "followup"})
    basis = (form.cleaned_data["basis"] if form.is_valid() else "") or "followup"
    result = project_evaluation(project, basis=basis)
    return render(
        request,
        "finsam/evaluation.html",
        {
            "project": project,
            "form": form,
            "result": result,
            "base_rows": result.rows("base"),
            "chart": result.chart(),
        },
    )


def _period(request: StaffRequest) -> tuple[PeriodForm, int, int]:
    today = timezone.localdate()
    default = {"year": today.year, "quarter": (today.month - 1) // 3 + 1}
    form = PeriodForm(request.GET or default)
    if form.is_valid():
        return form, form.cleaned_data["year"], form.cleaned_data["quarter"]
    return form, default["year"], default["quarter"]


@access_rule(Need.ANALYST)
def scorecard(request: StaffRequest, public_id: UUID) -> HttpResponse:
    association = selectors.association_get(public_id)
    form, year, quarter = _period(request)
    return render(
        request,
        "finsam/scorecard.html",
        {
            "association": association,
            "form": form,
            "year": year,
            "quarter": quarter,
            "sections": quarterly_report(association, year, quarter),
        },
    )


@access_rule(Need.ANALYST)
def scorecard_pdf(request: StaffRequest, public_id: UUID) -> HttpResponse:
    association = selectors.association_get(public_id)
    _form, year, quarter = _period(request)
    html = render_to_string(
        "finsam/scorecard_pdf.html",
        {
            "association": association,
            "year": year,
            "quarter": quarter,
            "sections": quarterly_report(association, year, quarter),
            "printed": timezone.localtime(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="styrkort-{year}-kv{quarter}.pdf"'
    return response


@access_rule(Need.ANALYST)
def indicator_value(
    request: StaffRequest, public_id: UUID, indicator_id: int, year: int, quarter: int
) -> HttpResponse:
    association = selectors.association_get(public_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id, association=association)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    existing = IndicatorValue.objects.filter(
        indicator=indicator, year=year, quarter=quarter
    ).first()
    initial = (
        {"outcome": existing.outcome, "forecast": existing.forecast, "comment": existing.comment}
        if existing
        else {}
    )
    form = IndicatorValueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_value_record(
                indicator=indicator,
                year=year,
                quarter=quarter,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The value was saved."))
            url = reverse("finsam:scorecard", args=[association.public_id])
            return redirect(f"{url}?year={year}&quarter={quarter}")
    return render(
        request,
        "finsam/indicator_value.html",
        {
            "association": association,
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            "form": form,
        },
    )


@access_rule(Need.ANALYST)
def unit_values(request: StaffRequest) -> HttpResponse:
    value_set, values = selectors.unit_values_current()
    sources = {v.key: v.source for v in value_set.values.all()} if value_set is not None else {}
    rows = [
        (key, unit_value_label(key), values.get(key), sources.get(key, ""))
        for key in unit_value_keys()
    ]
    return render(
        request,
        "finsam/unit_values.html",
        {"value_set": value_set, "rows": rows, "versions": UnitValueSet.objects.all()},
    )


@access_rule(Need.ANALYST)
def unit_values_edit(request: StaffRequest) -> HttpResponse:
    value_set, values = selectors.unit_values_current()
    labels = {key: unit_value_label(key) for key in unit_value_keys()}
    form = UnitValuesForm(request.POST or None, current=values, labels=labels)
    if request.method == "POST" and form.is_valid():
        sources = {v.key: v.source for v in value_set.values.all()} if value_set is not None else {}
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            new = unit_values_new_version(
                values=data, sources=sources, note=note, actor=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Version %(n)s of the unit values was saved.") % {"n": new.version}
            )
            return redirect("finsam:unit_values")
    return render(request, "finsam/unit_values_edit.html", {"form": form})
