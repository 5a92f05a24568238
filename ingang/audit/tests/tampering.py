"""Helpers that tamper with the access log the way an attacker with database access would.

They step around the append-only triggers (PostgreSQL: replica mode, which
needs a superuser; SQLite: dropping the triggers inside the test's
transaction) so the tests can check that verification still catches it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def triggers_bypassed() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield
            cursor.execute("SET LOCAL session_replication_role = origin")
        else:
            # Put back exactly the triggers that were there (audit/0004 defines them).
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = 'audit_accessevent'"
            )
            saved = cursor.fetchall()
            for name, _sql in saved:
                cursor.execute(f"DROP TRIGGER {name}")
            yield
            for _name, sql in saved:
                cursor.execute(sql)


def tamper(sql: str, params: list[str | int] | None = None) -> None:
    with triggers_bypassed(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])
