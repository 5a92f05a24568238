import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.models import User
from ingang.testing.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def login(client: Client):  # type: ignore[no-untyped-def]
    """Sign a staff member in with a verified second factor, as the login page would."""

    def _login(user: User) -> Client:
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
        session.save()
        return client

    return _login


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last. Playwright's event loop stays running in the main thread for
    the rest of the session once a browser starts, and ORM calls beside a running loop
    are refused; so no database test may come after the first browser test, whatever
    order pytest-django's sorting (by database use) leaves them in."""
    items.sort(key=lambda item: "/browser_tests/" in str(item.path))
