"""SQLite under concurrent writers: never "database is locked" as a 500.

The embedded database runs in WAL mode with synchronous=FULL; transactions
begin IMMEDIATE (the write lock is taken at BEGIN, so no transaction fails on
upgrading a read lock) and wait up to the busy timeout. A lock still held after
that answers 503 with Retry-After, like any other unavailable database.

Each test serves the app from its own process on a file-based SQLite database,
so several request threads really compete for the file's lock.
"""

import json
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from ingang.core.tests.live_app import LIKE, SETUP, Load, entries_without_events, manage, serve

# The test brings its own SQLite file whatever the suite runs on; once per CI run is enough.
pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the SQLite pass of CI runs the SQLite concurrency test",
)

WRITERS = 4
WRITES_EACH = 15

PRAGMAS = """
import django

django.setup()
from django.db import connection

with connection.cursor() as cursor:
    values = [cursor.execute(f"PRAGMA {name}").fetchone()[0]
              for name in ("journal_mode", "synchronous", "busy_timeout")]
print(*values, connection.settings_dict["OPTIONS"]["transaction_mode"])
"""


@dataclass
class Embedded:
    path: Path
    person: str
    writers: dict[str, dict[str, object]]

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def query(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql.replace("%s", "?"), list(params)).fetchall()


@pytest.fixture(scope="module")
def embedded() -> Iterator[Embedded]:
    root = Path(tempfile.mkdtemp(prefix="ingang-sqlite-"))
    path = root / "ingang.sqlite3"
    try:
        setup = manage("-c", SETUP, database_url=f"sqlite:///{path}")
        assert setup.returncode == 0, setup.stderr
        world = json.loads(setup.stdout.strip().splitlines()[-1])
        yield Embedded(path=path, person=world["person"], writers=world["writers"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_it_runs_wal_with_full_sync_and_a_busy_timeout(embedded: Embedded) -> None:
    result = manage("-c", PRAGMAS, database_url=embedded.url)
    assert result.returncode == 0, result.stderr
    # synchronous 2 is FULL; the busy timeout is in milliseconds; writers take the lock at BEGIN.
    assert result.stdout.split() == ["wal", "2", "20000", "IMMEDIATE"]


def test_concurrent_writers_all_succeed_with_their_events(
    embedded: Embedded, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {row[0] for row in embedded.query("SELECT title FROM records_entry", [])}
    started = time.monotonic()
    with serve(embedded.url) as port:
        load = Load(port=port, person=embedded.person)
        threads = [
            threading.Thread(target=load.run_writer, args=(name, str(w["session"]), WRITES_EACH))
            for name, w in list(embedded.writers.items())[:WRITERS]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    elapsed = time.monotonic() - started

    statuses = [o.status for o in load.outcomes]
    titles = {row[0] for row in embedded.query("SELECT title FROM records_entry", [])} - before
    no_timeline, no_access = entries_without_events(embedded.query)
    with capsys.disabled():
        print(
            f"\nsqlite: {WRITERS} writers x {WRITES_EACH} writes in {elapsed:.1f} s; "
            f"answers {sorted(set(map(str, statuses)))}; rows {len(titles)}"
        )
    assert statuses == [302] * (WRITERS * WRITES_EACH)
    assert titles == {o.title for o in load.outcomes}
    assert (no_timeline, no_access) == (0, 0)


def test_a_lock_held_past_the_busy_timeout_answers_503_then_recovers(embedded: Embedded) -> None:
    writer, seat = next(iter(embedded.writers.items()))
    with serve(embedded.url, SQLITE_BUSY_TIMEOUT_SECONDS="1") as port:
        load = Load(port=port, person=embedded.person)
        # Another process holds the write lock, longer than the app will wait.
        holder = sqlite3.connect(embedded.path, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            locked = load.write(writer, str(seat["session"]), f"{LIKE[:-1]}locked")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        released = load.write(writer, str(seat["session"]), f"{LIKE[:-1]}released")

    assert locked == 503
    assert released == 302
    titles = {row[0] for row in embedded.query("SELECT title FROM records_entry", [])}
    assert f"{LIKE[:-1]}released" in titles
    assert f"{LIKE[:-1]}locked" not in titles
