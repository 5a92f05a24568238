"""First sign-in: a staff member without an authenticator app sets one up themselves."""

import base64
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.enrolment import ENROL_AT, ENROL_MAX_AGE
from ingang.accounts.models import User
from ingang.testing.factories import PASSWORD
from ingang.testing.world import World

LOGIN = reverse("accounts:login")
ENROL = reverse("accounts:enrol")
HOME = reverse("core:home")


@pytest.fixture
def newcomer(world: World) -> User:
    """A caseworker whose account has no authenticator app yet."""
    user = world.anna_af_caseworker
    TOTPDevice.objects.filter(user=user).delete()
    return user


def _password_only(client: Client, user: User, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(
        LOGIN,
        {"username": user.username, "password": password, "otp_token": ""},
        REMOTE_ADDR="10.0.0.2",
    )


def _code_from_page(html: str) -> str:
    """What the person's app would show: a code from the key printed on the page."""
    found = re.search(r"data-secret>([A-Z2-7 ]+)<", html)
    assert found is not None, "the page shows the key"
    secret = found.group(1).replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_right_password_without_an_app_leads_to_enrolment_not_a_sign_in(
    newcomer: User, client: Client
) -> None:
    response = _password_only(client, newcomer)

    assert response.status_code == 302 and response["Location"] == ENROL
    assert "_auth_user_id" not in client.session
    assert client.get(HOME).status_code == 302


def test_enrolment_shows_a_qr_code_and_the_key_and_signs_in_on_a_right_code(
    newcomer: User, client: Client
) -> None:
    _password_only(client, newcomer)
    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    assert "no-store" in page["Cache-Control"]
    before = client.cookies["ingang_session"].value

    response = client.post(ENROL, {"otp_token": _code_from_page(html)})

    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert client.cookies["ingang_session"].value != before
    device = TOTPDevice.objects.get(user=newcomer)
    assert device.confirmed
    # From now on a password alone leads nowhere: the code from the app is asked for.
    other = Client()
    again = _password_only(other, newcomer)
    assert again.status_code == 200
    assert "Ange koden från din autentiseringsapp" in again.content.decode()
    assert other.get(ENROL)["Location"] == LOGIN


def test_a_wrong_code_confirms_nothing_and_signs_in_nobody(newcomer: User, client: Client) -> None:
    _password_only(client, newcomer)
    right = _code_from_page(client.get(ENROL).content.decode())
    wrong = next(code for code in ("000000", "111111", "222222") if code != right)

    response = client.post(ENROL, {"otp_token": wrong})

    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()
    assert "_auth_user_id" not in client.session


def test_the_enrolment_page_needs_a_password_checked_just_now(
    newcomer: User, client: Client
) -> None:
    assert client.get(ENROL)["Location"] == LOGIN
    assert not TOTPDevice.objects.filter(user=newcomer).exists()

    _password_only(client, newcomer)
    session = client.session
    session[ENROL_AT] = int(time.time()) - ENROL_MAX_AGE - 1
    session.save()

    assert client.get(ENROL)["Location"] == LOGIN


def test_a_wrong_password_never_reaches_enrolment(newcomer: User, client: Client) -> None:
    response = _password_only(client, newcomer, password="not the password")

    assert response.status_code == 200
    assert client.get(ENROL)["Location"] == LOGIN


def test_staff_with_an_app_cannot_enrol_another_and_must_give_the_code(
    world: World, client: Client
) -> None:
    anna = world.anna_af_caseworker

    response = _password_only(client, anna)

    assert response.status_code == 200
    assert "Ange koden från din autentiseringsapp" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(ENROL)["Location"] == LOGIN
    assert TOTPDevice.objects.filter(user=anna).count() == 1


def test_codes_right_after_a_wrong_one_are_refused_with_a_reason(
    newcomer: User, client: Client
) -> None:
    _password_only(client, newcomer)
    html = client.get(ENROL).content.decode()
    right = _code_from_page(html)
    wrong = next(code for code in ("000000", "111111", "222222") if code != right)
    client.post(ENROL, {"otp_token": wrong})

    response = client.post(ENROL, {"otp_token": right})

    assert "Vänta en stund" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()
