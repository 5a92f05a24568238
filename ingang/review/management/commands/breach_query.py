import csv
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.audit.models import Channel
from ingang.review.services import breach_report


def _moment(text: str) -> datetime:
    value = parse_datetime(text)
    if value is None:
        raise CommandError(f"Not a date and time: {text!r} (use e.g. 2026-11-01T08:00)")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


class Command(BaseCommand):
    help = (
        "Breach query: everyone whose data a staff member (or API client) read between two "
        "times, with the categories read, as CSV (;-separated). Logged as log review by --by."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--staff", required=True, help="Username of the staff member or API client."
        )
        parser.add_argument(
            "--from",
            dest="since",
            required=True,
            help="Start, e.g. 2026-11-01T08:00 (local time unless an offset is given).",
        )
        parser.add_argument("--to", dest="until", required=True, help="End (exclusive).")
        parser.add_argument(
            "--by", required=True, help="Username of the auditor running the query."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            staff = User.objects.get(username=options["staff"])
            auditor = User.objects.get(username=options["by"])
        except User.DoesNotExist as exc:
            raise CommandError("No such user.") from exc
        if not Role(auditor.role).reviews_access_log:
            raise CommandError(f"{auditor.username} is not an auditor.")
        since, until = _moment(options["since"]), _moment(options["until"])
        if until <= since:
            raise CommandError("The end is not after the start.")
        people = breach_report(
            auditor=auditor, staff=staff, since=since, until=until, channel=Channel.COMMAND
        )
        writer = csv.writer(self.stdout, delimiter=";", lineterminator="\n")
        writer.writerow(
            [
                "personal_number",
                "name",
                "protected_identity",
                "responsible_unit",
                "categories",
                "reads",
                "first",
                "last",
                "reference",
            ]
        )
        for p in people:
            writer.writerow(
                [
                    p.personal_number,
                    p.name,
                    "yes" if p.protected_identity else "no",
                    p.responsible_unit,
                    ",".join(p.categories),
                    p.reads,
                    p.first.isoformat() if p.first else "",
                    p.last.isoformat() if p.last else "",
                    p.public_id,
                ]
            )
        self.stderr.write(f"{len(people)} people.")
