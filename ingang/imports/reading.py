"""Reading an uploaded participant file (CSV in UTF-8, or XLSX) into rows of text.

Reading knows nothing of participations: it yields (line, {header: cell}) and
refuses, with one clear message, a file it cannot read as a whole.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

BOM = b"\xef\xbb\xbf"


class FileRefused(ValueError):
    """The whole file is refused; args[0] is the message for the user."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise(header: str) -> str:
    return header.strip().lower().replace(" ", "_")


def _csv_rows(content: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    if content.startswith(BOM):
        content = content[len(BOM) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise FileRefused(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” (or as XLSX) and try again.")
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])

    def rows() -> Iterator[tuple[int, list[str]]]:
        for cells in reader:
            yield reader.line_num, [c.strip() for c in cells]

    return header, rows()


def _xlsx_rows(content: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileRefused(_("The file could not be read as an XLSX workbook.")) from None
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(values, ())]

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in enumerate(values, start=2):
            yield number, [_text(v) for v in cells]

    return header, rows()


def read_rows(
    content: bytes, file_name: str, required: frozenset[str], known: frozenset[str]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The file's headers and non-empty rows; FileRefused for an unreadable file,
    missing or unknown columns, or no rows at all."""
    is_xlsx = file_name.lower().endswith(".xlsx") or content.startswith(b"PK\x03\x04")
    header, rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    names = [_normalise(h) for h in header]
    missing = sorted(required - set(names))
    if missing:
        raise FileRefused(_("Columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
    unknown = sorted({n for n in names if n} - known)
    if unknown:
        raise FileRefused(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    found = []
    for line, cells in rows:
        if not any(cells):
            continue
        found.append(
            (
                line,
                {
                    name: (cells[i] if i < len(cells) else "")
                    for i, name in enumerate(names)
                    if name
                },
            )
        )
    if not found:
        raise FileRefused(_("The file has no rows to import."))
    return names, found
