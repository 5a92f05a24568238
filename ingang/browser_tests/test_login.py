"""Signing in through the real login page: password plus the TOTP code."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import fill_login, totp_code
from ingang.testing.factories import PASSWORD
from ingang.testing.world import World


def test_it_signs_in_with_password_and_totp_code_and_lands_on_the_start_page(
    page: Page, world: World, url: Callable[..., str]
) -> None:
    anna = world.anna_af_caseworker
    page.goto(url("core:home"))
    expect(page).to_have_url(url("accounts:login", query="next=/"))

    fill_login(page, anna.username, PASSWORD, totp_code(anna))

    expect(page).to_have_url(url("core:home"))
    expect(page.locator(".whoami")).to_contain_text("Anna Lind")
    expect(page.locator("#cases-heading + table")).to_contain_text("Kim Andersson")


def test_it_refuses_a_wrong_code_and_stays_on_the_login_page(
    page: Page, world: World, url: Callable[..., str]
) -> None:
    farid = world.farid_fk_officer
    right = totp_code(farid)
    wrong = next(code for code in ("000000", "111111", "222222") if code != right)
    page.goto(url("accounts:login"))

    fill_login(page, farid.username, PASSWORD, wrong)

    expect(page).to_have_url(url("accounts:login"))
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("input[name=otp_token]")).to_be_visible()
    expect(page.locator(".whoami")).to_have_count(0)
