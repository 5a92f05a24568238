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
