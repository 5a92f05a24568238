"""Exports: a report as CSV for Swedish Excel or as XLSX, and the streamed delivery file.

CSV for Swedish Excel: UTF-8 with a byte-order mark (or Excel guesses the
encoding wrong), `;` between fields (`,` is the decimal separator) and
decimal commas. Suppressed counts are written "..", as in the tables.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import batched
from typing import Any

from django.db.models import F, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ingang.followup.models import Participation
from ingang.followup.reports import Filters, Report
from ingang.followup.suppression import Shown

BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _legend() -> str:
    return _(".. = fewer than 5, or hidden so that it cannot be worked out from the totals.")


def _grid(report: Report) -> list[list[Shown | float | str | None]]:
    """The report's table as rows of cells: header, body, totals."""
    header: list[Shown | float | str | None] = [report.row_heading, *report.columns]
    if report.has_row_totals:
        header.append(_("Total"))
    header.extend(report.extra_columns)
    grid = [header]
    for label, cells, total, extra in report.body:
        row: list[Shown | float | str | None] = [label, *cells]
        if total is not None:
            row.append(total)
        row.extend(extra)
        grid.append(row)
    if report.table.column_totals is not None:
        totals: list[Shown | float | str | None] = [_("Total"), *report.table.column_totals]
        if report.has_row_totals:
            totals.append(report.table.total)
        grid.append(totals)
    return grid


def _decimal_comma(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def report_csv(report: Report, filters: Filters) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([report.title])
    for label, value in filters.describe():
        writer.writerow([label, value])
    writer.writerow([])
    for row in _grid(report):
        writer.writerow(
            [
                ".."
                if cell is None
                else _decimal_comma(cell)
                if isinstance(cell, float)
                else str(cell)
                for cell in row
            ]
        )
    writer.writerow([])
    writer.writerow([_legend()])
    for note in report.notes:
        writer.writerow([note])
    response = HttpResponse(BOM + buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report.key}.csv"'
    return response


def report_xlsx(report: Report, filters: Filters) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.create_sheet(report.key[:31], 0)
    del workbook[workbook.sheetnames[1]]  # the empty default sheet
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True)
    for label, value in filters.describe():
        sheet.append([label, value])
    sheet.append([])
    for row in _grid(report):
        cells: list[Any] = []
        for cell in row:
            if isinstance(cell, Shown):
                cells.append(".." if cell.value is None else cell.value)
            else:
                cells.append(".." if cell is None else cell)
        sheet.append(cells)
    sheet.append([])
    sheet.append([_legend()])
    for note in report.notes:
        sheet.append([note])
    sheet.column_dimensions["A"].width = 36
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report.key}.xlsx"'
    return response


# -- the delivery file: one row per participation, no identity ---------------------

DELIVERY_FIELDS = (
    "public_id",
    "project__association__name",
    "project__name",
    "gender",
    "birth_year",
    "education_level",
    "referring_agency__short_name",
    "entered_on",
    "entry_income_source",
    "exited_on",
    "exit_income_source",
    "exit_status",
    "followed_up_on",
    "followup_income_source",
    "followup_status",
)
DELIVERY_HEADER = (
    "id",
    "association",
    "project",
    "gender",
    "birth_year",
    "education_level",
    "referring_agency",
    "entered_on",
    "entry_income_source",
    "exited_on",
    "exit_income_source",
    "exit_status",
    "followed_up_on",
    "followup_income_source",
    "followup_status",
)
CHUNK_ROWS = 2000


# Formatted as text by the database: no date or UUID objects are built per row.
_AS_TEXT = {"public_id", "birth_year", "entered_on", "exited_on", "followed_up_on"}


def delivery_rows(rows: QuerySet[Participation]) -> QuerySet[Participation, tuple[Any, ...]]:
    """The delivery's columns: codes, not labels, and nothing that names a person."""
    columns = [
        Cast(name, output_field=TextField()) if name in _AS_TEXT else F(name)
        for name in DELIVERY_FIELDS
    ]
    return rows.order_by("id").values_list(*columns)


# Codes, dates and numbers never need quoting; names might (";" or quotes).
_NAMES = tuple(i for i, f in enumerate(DELIVERY_FIELDS) if f.endswith("name"))


def _quoted(value: str) -> str:
    if any(c in value for c in ';"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def delivery_chunks(rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    """CSV text a few thousand rows at a time, so memory stays flat whatever the size.

    Joined by hand rather than with the csv module (4× faster here): every value
    arrives as text, and only the name columns can hold a character to quote.
    """
    yield BOM + ";".join(DELIVERY_HEADER) + "\r\n"
    names: dict[str, str] = {}
    for chunk in batched(rows, CHUNK_ROWS):
        lines = []
        for row in chunk:
            cells = ["" if value is None else value for value in row]
            for i in _NAMES:
                name = cells[i]
                quoted = names.get(name)
                if quoted is None:
                    quoted = names[name] = _quoted(name)
                cells[i] = quoted
            lines.append(";".join(cells))
        lines.append("")
        yield "\r\n".join(lines)


def delivery_response(rows: QuerySet[Participation, tuple[Any, ...]]) -> StreamingHttpResponse:
    """Stream the delivery rows through a server-side cursor (PostgreSQL)."""
    response = StreamingHttpResponse(
        delivery_chunks(rows.iterator(chunk_size=CHUNK_ROWS)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="participations.csv"'
    return response
