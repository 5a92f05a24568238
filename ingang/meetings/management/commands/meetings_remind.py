from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ingang.meetings.services import meetings_remind


class Command(BaseCommand):
    help = (
        "Remind of booked meetings starting within the window (default 24 hours) that have "
        "not been reminded of yet. Safe to run as often as you like: each meeting is "
        "reminded once per booked time."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="Window in hours (default 24).")

    def handle(self, *args: Any, **options: Any) -> None:
        hours: int = options["hours"]
        if hours <= 0:
            raise CommandError("--hours must be a positive number of hours.")
        sent = meetings_remind(window=timedelta(hours=hours))
        self.stdout.write(f"{sent} meeting reminder(s) sent.")
