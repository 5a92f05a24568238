"""Helpers that tamper with the access log the way an attacker with database access would.

They step around the append-only triggers (PostgreSQL: replica mode, which
needs a superuser; SQLite: dropping the triggers inside the test's
transaction) so the tests can check that verification still catches it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_SQLITE_TRIGGERS = {
    "audit_accessevent_no_update": "UPDATE",
    "audit_accessevent_no_delete": "DELETE",
}


@contextmanager
def triggers_bypassed() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield
            cursor.execute("SET LOCAL session_replication_role = origin")
        else:
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
            yield
            for name, op in _SQLITE_TRIGGERS.items():
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE {op} ON audit_accessevent "
                    f"BEGIN SELECT RAISE(ABORT, 'access events are append-only'); END;"
                )


def tamper(sql: str, params: list[str | int] | None = None) -> None:
    with triggers_bypassed(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])
