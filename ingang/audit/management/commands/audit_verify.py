from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ingang.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the access log's hash chain. Exits non-zero at the first bad position."

    def handle(self, *args: Any, **options: Any) -> None:
        count, problem = audit_chain_verify()
        if problem is not None:
            raise CommandError(
                f"Access log broken at position {problem.position}: {problem.problem}"
            )
        self.stdout.write(f"OK: {count} access events verified, chain intact.")
