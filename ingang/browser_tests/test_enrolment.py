# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""A new staff member sets up their authenticator app at first sign-in, in a real browser."""

import base64
from collections.abc import Callable

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import and_wait_for_new_page, fill_login
from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.testing.factories import PASSWORD
from ingang.testing.world import World


def _app_code(secret: str) -> str:
    """What an authenticator app given this key shows now."""
    secret = secret.replace(" ", "")
    return f"{TOTP(base64.b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"


def test_a_newcomer_sets_up_the_app_and_is_signed_in(
    page: Page, world: World, url: Callable[..., str]
) -> None:
    farid = world.farid_fk_officer
    TOTPDevice.objects.filter(user=farid).delete()
    page.goto(url("accounts:login"))

    fill_login(page, farid.username, PASSWORD, "")

    expect(page).to_have_url(url("accounts:enrol"))
    expect(page.get_by_role("img", name="QR-kod för din autentiseringsapp")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("[data-secret]").inner_text()

    # A mistyped code first: the error is announced and the page still passes axe.
    right = _app_code(secret)
    wrong = next(code for code in ("000000", "111111", "222222") if code != right)
    page.fill("input[name=otp_token]", wrong)
    and_wait_for_new_page(page, page.get_by_role("button", name="Bekräfta och logga in").click)
    expect(page.get_by_role("alert")).to_contain_text("Koden stämmer inte")
    assert_accessible(page)
    # django-otp refuses every code for a second after a wrong one.
    page.wait_for_timeout(1100)

    page.fill("input[name=otp_token]", _app_code(page.locator("[data-secret]").inner_text()))
    page.get_by_role("button", name="Bekräfta och logga in").click()

    expect(page).to_have_url(url("core:home"))
    expect(page.locator(".whoami")).to_contain_text("Farid")
    expect(page.locator("[data-secret]")).to_have_count(0)
    assert secret.replace(" ", "") == base64.b32encode(
        TOTPDevice.objects.get(user=farid, confirmed=True).bin_key
    ).decode().rstrip("=")
