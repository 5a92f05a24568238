"""Running the retention job: count (dry run) or erase, and keep a record of the run."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from ingang.retention.models import RetentionRun
from ingang.retention.rules import RULES


def retention_run(*, dry_run: bool, via: str, now: datetime | None = None) -> RetentionRun:
    """Apply every rule (or, with dry_run, report what would go) and record the run.

    Each rule erases in its own transactions, so a failure part-way leaves
    every rule either done or untouched for the rows it had not reached; the
    next run picks up the rest.
    """
    now = now or timezone.now()
    report: list[dict[str, Any]] = []
    for rule in RULES:
        cutoff = rule.cutoff(now)
        counts = rule.count(cutoff)
        erased = 0 if dry_run else rule.erase(cutoff)
        report.append(
            {
                "kind": rule.kind,
                "label": str(rule.label),
                "years": rule.years(),
                "cutoff": cutoff.isoformat(),
                "due": counts.due,
                "exempt": counts.exempt,
                "kept": counts.kept,
                "erased": erased,
            }
        )
    return RetentionRun.objects.create(dry_run=dry_run, via=via, report=report)
