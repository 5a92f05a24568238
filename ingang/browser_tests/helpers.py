"""Helpers shared by the browser tests and their fixtures."""

from collections.abc import Callable

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from ingang.accounts.models import User

# A mark left in the current document; it is gone once a new document has loaded.
OLD_PAGE_MARK = """
const mark = document.createElement("meta");
mark.name = "ingang-old-page";
document.head.append(mark);
"""


def totp_code(user: User) -> str:
    """The code the user's authenticator app shows right now."""
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def fill_login(page: Page, username: str, password: str, code: str) -> None:
    """Fill in and send the login form on the current page."""
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.fill("input[name=otp_token]", code)
    page.locator("main form button[type=submit]").click()


def and_wait_for_new_page(page: Page, action: Callable[[], None]) -> None:
    """Do something that loads a new document (e.g. send a form) and wait until it has.

    For forms that answer on the same URL, where waiting for the URL or for an
    error summary could be satisfied by the old page.
    """
    page.evaluate(OLD_PAGE_MARK)
    action()
    expect(page.locator("meta[name=ingang-old-page]")).to_have_count(0)
