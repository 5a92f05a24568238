"""The project catalogue as CSV for Swedish Excel (semicolon, UTF-8 with BOM, decimal
comma) and as XLSX. Counts are suppressed exactly as on the page."""

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ingang.finsam.models import FundingKind, Project
from ingang.finsam.selectors import ProjectFigures

Cellish = str | int | Decimal


def _headers() -> list[str]:
    return [
        _("Project"),
        _("Target group"),
        _("Owner"),
        _("Starts"),
        _("Ends"),
        _("Status"),
        _("Budget (SEK)"),
        _("Costs so far (SEK)"),
        _("Funding"),
        _("ESF"),
        _("Method"),
        _("Participants"),
        _("Ongoing"),
        _("Exited"),
        _("Work or studies at exit"),
        _("Share in work or studies (%)"),
    ]


def _funding_text(project: Project) -> str:
    return ", ".join(f"{FundingKind(f.kind).label} {f.amount}" for f in project.funding.all())


def catalogue_rows(
    projects: Sequence[Project], figures: dict[int, ProjectFigures]
) -> list[list[Cellish]]:
    rows: list[list[Cellish]] = []
    for p in projects:
        f = figures[p.pk]
        esf = any(x.kind == FundingKind.ESF for x in p.funding.all())
        rows.append(
            [
                p.name,
                p.target_group,
                p.owner.name,
                date_format(p.starts_on, "Y-m-d"),
                date_format(p.ends_on, "Y-m-d") if p.ends_on else "",
                p.get_status_display(),
                p.budget,
                p.costs,
                _funding_text(p),
                _("Yes") if esf else _("No"),
                p.method,
                f.participants.export(),
                f.ongoing.export(),
                f.exited.export(),
                f.work_or_studies.export(),
                f.share_work_or_studies if f.share_work_or_studies is not None else "",
            ]
        )
    return rows


def _csv_value(value: Cellish) -> str:
    if isinstance(value, Decimal):
        # Swedish Excel reads a decimal comma.
        return str(value).replace(".", ",")
    return str(value)


def catalogue_csv(projects: Sequence[Project], figures: dict[int, ProjectFigures]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_headers())
    for row in catalogue_rows(projects, figures):
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def catalogue_xlsx(projects: Sequence[Project], figures: dict[int, ProjectFigures]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Projects")[:31]
    sheet.append(_headers())
    for row in catalogue_rows(projects, figures):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
