"""A probe for the monitoring agent: exit 0 and one OK line, or exit 2 and the reason.

Runs on an app server with the app's settings, so it sees what the app sees:
the database answers, every migration is applied, and the access log's chain
head matches the newest event (a cheap tail check; `audit_verify` checks the
whole chain and belongs in a nightly job). No HTTP endpoint: nothing about the
system's state is exposed to the network.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from ingang.audit.models import AccessEvent, ChainHead

CRITICAL = 2  # the exit status monitoring agents (Nagios, Zabbix, Icinga) read as critical


class Command(BaseCommand):
    help = "Check the database, migrations and access-log head; exit 2 with the reason if not OK."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--max-latency-ms",
            type=int,
            default=1000,
            help="Report a database slower than this to answer as not OK (default 1000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            started = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            latency_ms = (time.monotonic() - started) * 1000
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            head = ChainHead.objects.filter(pk=1).first()
            newest = AccessEvent.objects.order_by("-seq").values("seq", "chain_hash").first()
        except DatabaseError as exc:
            raise CommandError(f"database unavailable: {exc}", returncode=CRITICAL) from exc

        if latency_ms > options["max_latency_ms"]:
            raise CommandError(f"database answered in {latency_ms:.0f} ms", returncode=CRITICAL)
        if pending:
            names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in pending[:5])
            raise CommandError(
                f"{len(pending)} migration(s) not applied: {names}", returncode=CRITICAL
            )
        if head is None:
            raise CommandError("the access log has no chain head", returncode=CRITICAL)
        newest_seq = newest["seq"] if newest else 0
        if newest is not None and (
            newest_seq != head.seq or newest["chain_hash"] != head.chain_hash
        ):
            raise CommandError(
                f"the access log's head ({head.seq}) does not match its newest event "
                f"({newest_seq}): run audit_verify",
                returncode=CRITICAL,
            )
        self.stdout.write(
            f"OK: database answered in {latency_ms:.0f} ms, migrations applied, "
            f"access log head at {head.seq}."
        )
