"""A live copy of the app for the fault and concurrency tests.

The app runs in its own process, on its own database (a throw-away PostgreSQL
cluster or SQLite file), behind a WSGI server with a fixed pool of request
threads and persistent connections, as gunicorn's threaded workers would run
it. Writers post entries through the real page: the gate reads the person
(one access event, committed first), then the entry and its timeline event
are saved in one transaction.
"""

import http.client
import os
import secrets
import socket
import string
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[3]

# Every entry the load writes has a title starting with this.
TITLE_PREFIX = "load-"
LIKE = TITLE_PREFIX + "%"

# The app server: WSGI with a fixed pool of request threads, like gunicorn --threads.
SERVER = """
import sys
from concurrent.futures import ThreadPoolExecutor
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django

django.setup()
from django.core.wsgi import get_wsgi_application


class PoolServer(WSGIServer):
    pool = ThreadPoolExecutor(4)

    def process_request(self, request, client_address):
        self.pool.submit(self.handle_in_pool, request, client_address)

    def handle_in_pool(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


class Handler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server(
    "127.0.0.1", int(sys.argv[1]), get_wsgi_application(),
    server_class=PoolServer, handler_class=Handler,
)
print("ready", flush=True)
server.serve_forever()
"""

# Migrate, then the personas and a signed-in, second-factor-verified session per writer.
# Setting up needs no durability: commits skip the disk flush (SQLite synchronous=OFF,
# PostgreSQL synchronous_commit=off) for this connection only; the served app flushes.
SETUP = """
import json

import django

django.setup()
from django.core.management import call_command
from django.db import connection

if connection.vendor == "sqlite":
    options = connection.settings_dict["OPTIONS"]
    options["init_command"] = options["init_command"].replace("FULL", "OFF")
connection.ensure_connection()
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
call_command("migrate", interactive=False, verbosity=0)

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.access.selectors import person_record_read
from ingang.testing.world import build_world

world = build_world()
# One read through the gate, so that even a fresh copy has a chained access log.
person_record_read(reader=world.anna_af_caseworker, public_id=world.kim.public_id)
sessions = {}
for user in (world.anna_af_caseworker, world.farid_fk_officer,
             world.sara_social_services, world.mia_ame_coordinator):
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    sessions[user.username] = {"id": user.pk, "session": session.session_key}
print(json.dumps({"person": str(world.kim.public_id), "writers": sessions}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url, **extra)
    return env


def manage(
    *args: str, database_url: str, timeout: float = 120, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run `python <args>` in the repository against the given database."""
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=ROOT,
        env=app_env(database_url, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextmanager
def serve(database_url: str, **extra: str) -> Iterator[int]:
    """Serve the app on a free port until the block ends; yields the port."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", SERVER, str(port)],
        cwd=ROOT,
        env=app_env(database_url, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == "ready"
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


@dataclass
class Outcome:
    writer: str
    title: str
    status: int | str  # an HTTP status, or the error when the app did not answer at all
    at: float


@dataclass
class Load:
    port: int
    person: str
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def acks(self, since: float = 0.0) -> int:
        with self.lock:
            return sum(1 for o in self.outcomes if o.status == 302 and o.at >= since)

    def write(self, writer: str, session: str, title: str) -> int | str:
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        body = urlencode(
            {"csrfmiddlewaretoken": csrf, "category": "notes", "title": title, "body": "load"}
        )
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(
                "POST",
                f"/personer/{self.person}/uppgifter/ny/",
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"ingang_session={session}; csrftoken={csrf}",
                },
            )
            response = conn.getresponse()
            response.read()
            return response.status
        except OSError as exc:
            return f"no answer: {exc!r}"
        finally:
            conn.close()

    def run_writer(self, writer: str, session: str, count: int | None = None) -> None:
        """Write until told to stop, or `count` times."""
        number = 0
        while not self.stop.is_set() and (count is None or number < count):
            number += 1
            title = f"{TITLE_PREFIX}{writer}-{number}"
            status = self.write(writer, session, title)
            with self.lock:
                self.outcomes.append(Outcome(writer, title, status, time.monotonic()))
            # A client told 503 waits before trying again (Retry-After, shortened here).
            time.sleep(0.2 if status == 503 else 0.01)


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


# A query against the app's database: SQL with %s placeholders, rows back.
Query = Callable[[str, Sequence[object]], list[tuple[Any, ...]]]


def entries_without_events(query: Query) -> tuple[int, int]:
    """Entries of the load lacking a timeline event, and lacking an earlier access event.

    The access event commits before the entry; the timeline event commits with
    it. Per writer, the k-th entry needs k allowed "entry.add" events before
    it, and entries and timeline events must be equally many.
    """
    no_timeline = 0
    no_access = 0
    authors = query("SELECT DISTINCT author_id FROM records_entry WHERE title LIKE %s", [LIKE])
    for (author,) in authors:
        entries = [
            row[0]
            for row in query(
                "SELECT recorded_at FROM records_entry WHERE author_id = %s "
                "AND title LIKE %s ORDER BY recorded_at",
                [author, LIKE],
            )
        ]
        timeline = query(
            "SELECT count(*) FROM timeline_timelineevent WHERE actor_id = %s "
            "AND kind = 'entry.recorded' AND occurred_at >= %s",
            [author, entries[0]],
        )
        no_timeline += abs(len(entries) - int(timeline[0][0]))
        reads = [
            row[0]
            for row in query(
                "SELECT occurred_at FROM audit_accessevent WHERE actor_id = %s "
                "AND action = 'entry.add' AND outcome = 'allowed' ORDER BY seq",
                [author],
            )
        ]
        for rank, recorded_at in enumerate(entries):
            if sum(1 for read_at in reads if read_at <= recorded_at) < rank + 1:
                no_access += 1
    return no_timeline, no_access
