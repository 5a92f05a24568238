"""Fixtures for the browser tests: Debian's chromium, a live server and a real sign-in.

The live server runs in another thread, so these tests use pytest-django's
transactional database (the `live_server` fixture asks for it). Playwright's
sync API runs an event loop in the test thread; Django refuses ORM calls from
a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set
only while a test of this package runs (setup, call and teardown, which
includes pytest-django's flush): set for the whole session it would leak into
other tests, e.g. the subprocess that runs `manage.py check --deploy`, which
rightly refuses it.
"""

import importlib
import os
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from ingang.accounts.models import User
from ingang.browser_tests.helpers import fill_login, totp_code
from ingang.testing.factories import PASSWORD
from ingang.testing.world import World, build_world

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent

SignIn = Callable[[Page, User], Page]
NewPage = Callable[..., Page]


ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@contextmanager
def async_unsafe_allowed() -> Iterator[None]:
    """Allow ORM calls beside playwright's event loop (an existing setting is left alone)."""
    if ASYNC_UNSAFE in os.environ:
        yield
        return
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        del os.environ[ASYNC_UNSAFE]


# Runtest hooks in a conftest apply only to the tests below it.
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    with async_unsafe_allowed():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    with async_unsafe_allowed():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, None, None]:
    with async_unsafe_allowed():
        return (yield)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this package drives a real chromium."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's chromium; never a browser that playwright downloaded."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Swedish caseworker's browser: Swedish first, Stockholm time."""
    return {
        **browser_context_args,
        "locale": "sv-SE",
        "timezone_id": "Europe/Stockholm",
    }


# The latest migration that makes the access log append-only and creates the chain head.
_APPEND_ONLY = importlib.import_module("ingang.audit.migrations.0004_erasable_personal_fields")
_REINSTALL_UID = "ingang.browser_tests.reinstall_append_only"


def _append_only(install: bool) -> None:
    """Install (idempotently) or remove the append-only triggers, as the migration does."""
    with connection.schema_editor() as editor:
        _APPEND_ONLY.uninstall(apps, editor)
        if install:
            _APPEND_ONLY.install(apps, editor)


def _reinstall_after_flush(**kwargs: object) -> None:
    post_migrate.disconnect(dispatch_uid=_REINSTALL_UID)
    _append_only(install=True)


@pytest.fixture
def flushable_audit_log(transactional_db: None) -> Iterator[None]:
    """Let the transactional database be flushed although access events are append-only.

    After each test pytest-django flushes every table; the access log's
    triggers refuse that. This fixture is set up after `transactional_db`, so
    its teardown runs just before the flush: it lifts the triggers, and puts
    them back together with the chain head row (which the flush empties) when
    the flush emits post_migrate.
    """
    _append_only(install=True)
    yield
    _append_only(install=False)
    post_migrate.connect(
        _reinstall_after_flush,
        sender=apps.get_app_config("audit"),
        dispatch_uid=_REINSTALL_UID,
        weak=False,
    )


@pytest.fixture
def world(flushable_audit_log: None, live_server: LiveServer) -> World:
    """The personas, built once per test (the transactional database is flushed after each)."""
    return build_world()


@pytest.fixture
def url(live_server: LiveServer) -> Callable[..., str]:
    """An absolute live-server URL for a URL name, e.g. url("people:overview", kim.public_id)."""

    def _url(name: str, *args: object, query: str = "") -> str:
        path = reverse(name, args=args)
        return f"{live_server.url}{path}{'?' + query if query else ''}"

    return _url


@pytest.fixture
def sign_in(url: Callable[..., str]) -> SignIn:
    """Sign a staff member in through the real login page: password and the current TOTP code.

    A TOTP code is accepted once, so sign each user in once per test (one
    browser context per user).
    """

    def _sign_in(page: Page, user: User) -> Page:
        page.goto(url("accounts:login"))
        fill_login(page, user.username, PASSWORD, totp_code(user))
        expect(page.locator(".whoami")).to_contain_text(user.display_name)
        return page

    return _sign_in


@pytest.fixture
def new_page(new_context: Callable[..., BrowserContext]) -> NewPage:
    """A page in a fresh browser context (own cookies), for a second user in the same test."""

    def _new_page(**context_args: Any) -> Page:
        return new_context(**context_args).new_page()

    return _new_page


@pytest.fixture
def as_user(new_page: NewPage, sign_in: SignIn) -> Callable[..., Page]:
    """A signed-in page for the user in its own browser context."""

    def _as_user(user: User, **context_args: Any) -> Page:
        return sign_in(new_page(**context_args), user)

    return _as_user
