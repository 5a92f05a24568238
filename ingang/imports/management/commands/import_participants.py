"""python manage.py import_participants FILE --staff USERNAME [--dry-run] [--report ERRORS.csv]"""

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from ingang.accounts.models import User
from ingang.audit.models import Channel
from ingang.imports.services import ImportResult, participants_import


class Command(BaseCommand):
    help = "Import participations from a CSV (UTF-8) or XLSX file, all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--staff", required=True, help="Username of the analyst or manager importing."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; write nothing."
        )
        parser.add_argument("--report", type=Path, help="Write the row errors to this CSV file.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("sv")
        actor = User.objects.filter(username=options["staff"], is_active=True).first()
        if actor is None:
            raise CommandError(
                _("No active staff member named %(name)s.") % {"name": options["staff"]}
            )
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("The file could not be read: %(error)s") % {"error": exc}
            ) from None

        def progress(rows: Any) -> Any:
            return tqdm(
                rows,
                desc=path.name,
                unit=_("rows"),
                disable=options["no_progress"],
                file=self.stderr._out,
            )

        try:
            result = participants_import(
                actor=actor,
                content=content,
                file_name=path.name,
                channel=Channel.COMMAND,
                dry_run=options["dry_run"],
                progress=progress,
            )
        except PermissionDenied:
            raise CommandError(_("Only analysts and managers may import participants.")) from None
        if options["report"]:
            self._report(options["report"], result)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(self._line(error.line, error.column, error.reason))
            raise CommandError(
                _("Nothing was imported: %(count)s errors.") % {"count": len(result.errors)}
            )
        summary = _(
            "%(rows)s rows: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
        ) % {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if result.dry_run:
            summary = _("Dry run, nothing was saved.") + " " + summary
        self.stdout.write(summary)

    @staticmethod
    def _line(line: int, column: str, reason: str) -> str:
        if not line:
            return reason
        where = _("line %(line)s") % {"line": line}
        return f"{where}, {column}: {reason}" if column else f"{where}: {reason}"

    @staticmethod
    def _report(path: Path, result: ImportResult) -> None:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(["rad", "kolumn", "fel"])
            for error in result.errors:
                writer.writerow([error.line, error.column, error.reason])
