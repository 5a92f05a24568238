"""Staff sign-in: password and TOTP, lockout, session hygiene and timeouts."""

import time

import pytest
from django.conf import LazySettings as SettingsWrapper
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.middleware import LOGIN_AT, SEEN_AT
from ingang.accounts.models import User
from ingang.testing.factories import PASSWORD
from ingang.testing.world import World

LOGIN = reverse("accounts:login")


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user: User, *, code: str | None = None, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(
        LOGIN,
        {"username": user.username, "password": password, "otp_token": code or current_code(user)},
        REMOTE_ADDR="10.0.0.1",
    )


def test_it_signs_in_with_password_and_code(world: World, client: Client) -> None:
    response = sign_in(client, world.anna_af_caseworker)
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert "Anna Lind" in home.content.decode()


def test_it_refuses_a_wrong_code(world: World, client: Client) -> None:
    wrong = "000000" if current_code(world.anna_af_caseworker) != "000000" else "111111"
    response = sign_in(client, world.anna_af_caseworker, code=wrong)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:home")).status_code == 302


def test_it_refuses_a_password_alone(world: World, client: Client) -> None:
    response = client.post(LOGIN, {"username": "anna.af", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_gives_a_new_session_id_at_sign_in(world: World, client: Client) -> None:
    client.get(LOGIN)
    client.session["planted"] = True
    before = client.cookies["ingang_session"].value if "ingang_session" in client.cookies else ""
    sign_in(client, world.anna_af_caseworker)
    assert client.cookies["ingang_session"].value != before


def test_it_locks_out_after_repeated_failures(world: World, client: Client) -> None:
    for _ in range(5):
        sign_in(client, world.anna_af_caseworker, password="wrong password")
    response = sign_in(client, world.anna_af_caseworker)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_signs_out_after_the_idle_timeout(
    world: World, client: Client, settings: SettingsWrapper
) -> None:
    sign_in(client, world.anna_af_caseworker)
    session = client.session
    session[SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_it_signs_out_after_the_absolute_timeout(
    world: World, client: Client, settings: SettingsWrapper
) -> None:
    sign_in(client, world.anna_af_caseworker)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_active_session_survives_within_the_limits(world: World, client: Client) -> None:
    sign_in(client, world.anna_af_caseworker)
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ada_administrator", 200), ("anna_af_caseworker", 302), ("olle_auditor", 302)],
)
def test_the_admin_is_for_verified_administrators_only(
    world: World, client: Client, persona: str, status: int
) -> None:
    sign_in(client, getattr(world, persona))
    assert client.get(reverse("admin:index")).status_code == status


def test_the_admin_refuses_an_administrator_without_second_factor(
    world: World, client: Client
) -> None:
    client.force_login(world.ada_administrator)  # password only: no verified device
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_offers_no_person_data(world: World, client: Client) -> None:
    sign_in(client, world.ada_administrator)
    index = client.get(reverse("admin:index")).content.decode()
    for model in ("person", "consent", "entry", "accessevent"):
        assert f"/admin/{model}" not in index.lower()


def test_no_page_of_a_signed_in_session_may_be_stored(world: World, client: Client) -> None:
    sign_in(client, world.anna_af_caseworker)

    for url in (reverse("core:home"), reverse("people:overview", args=[world.kim.public_id])):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
