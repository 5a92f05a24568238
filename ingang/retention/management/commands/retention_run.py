from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ingang.retention.services import retention_run


class Command(BaseCommand):
    help = (
        "Apply the retention rules (gallring): erase what is past its retention time. "
        "With --dry-run, only report what would go."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        run = retention_run(dry_run=dry_run, via="command")
        verb = "would erase" if dry_run else "erased"
        for row in run.report:
            erased = row["due"] if dry_run else row["erased"]
            self.stdout.write(
                f"{row['kind']}: older than {row['years']} years (before {row['cutoff'][:10]}): "
                f"{verb} {erased}; exempt {row['exempt']}; kept {row['kept']}"
            )
        self.stdout.write(("Dry run: nothing was changed. " if dry_run else "") + f"Run {run.pk}.")
