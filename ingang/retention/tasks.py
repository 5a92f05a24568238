"""The retention job as a task for Django's tasks framework (settings.TASKS).

A scheduler (cron, systemd timer) enqueues it, e.g. nightly:
`retention_run_task.enqueue(dry_run=False)`; `manage.py retention_run` does
the same work in the foreground.
"""

from typing import Any

from django.tasks import task

from ingang.retention.services import retention_run


@task
def retention_run_task(dry_run: bool = False) -> list[dict[str, Any]]:
    run = retention_run(dry_run=dry_run, via="task")
    report: list[dict[str, Any]] = run.report
    return report
