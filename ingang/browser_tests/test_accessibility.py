# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""axe-core scans (WCAG 2.1 A and AA) of every page a staff member can reach.

One table: who looks, at which page, and what they do there first (e.g. send
a form with mistakes so the error summary is scanned too).
"""

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from ingang.access.selectors import PersonNotFound, person_record_read
from ingang.accounts.models import User
from ingang.consent.services import block_create, consent_withdraw
from ingang.testing.factories import PASSWORD, ConsentFactory, identity_number
from ingang.testing.world import World

from .helpers import and_wait_for_new_page, fill_login

AXE = Axe()
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 390, "height": 844}
# A checksum-valid number that belongs to nobody in the world.
UNKNOWN_NUMBER = identity_number(date(1990, 5, 5), 123)


def assert_accessible(page: Page) -> None:
    """No WCAG 2.1 A/AA violations, and nothing axe could not decide either.

    "Incomplete" results need a human to look; on these pages they have meant
    real faults (e.g. aria-describedby pointing at a help text id that does
    not exist), so they fail the test too.
    """
    # The stylesheet must have loaded, or the colour-contrast checks mean nothing.
    expect(page.locator(".site-header")).to_have_css("background-color", "rgb(11, 79, 108)")
    results = AXE.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    undecided = [
        f"{item['id']}: {node['target']} {check['message']}"
        for item in results.response["incomplete"]
        for node in item["nodes"]
        for check in node["any"] + node["all"] + node["none"]
    ]
    assert not undecided, "axe could not decide:\n" + "\n".join(undecided)


def submit(page: Page, form: str = "main form[novalidate]") -> None:
    """Send a form and wait for the error summary it should answer with."""
    and_wait_for_new_page(page, page.locator(form).locator("button[type=submit]").click)
    expect(page.get_by_role("alert").first).to_be_visible()


def lock_out(page: Page, world: World) -> None:
    """Fail to sign in until the lockout page shows (five failures lock the account)."""
    for _attempt in range(6):
        if page.locator("input[name=password]").count() == 0:
            break
        and_wait_for_new_page(
            page,
            lambda: fill_login(page, world.anna_af_caseworker.username, PASSWORD + "x", "000000"),
        )
    expect(page.locator("input[name=password]")).to_have_count(0)


def shows_error(page: Page, world: World) -> None:
    expect(page.get_by_role("alert")).to_be_visible()


def in_english(page: Page, world: World) -> None:
    """Switch the language with the header button; it comes back to the same page."""
    page.get_by_role("button", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def fill_username(page: Page, world: World) -> None:
    page.fill("input[name=username]", "finns.inte")
    submit(page)


@dataclass(frozen=True)
class Screen:
    id: str
    persona: str | None  # a World attribute; None browses signed out
    path: Callable[[World], str]
    then: Callable[[Page, World], None] | None = None
    status: int = 200

    def __str__(self) -> str:
        return self.id


def of_kim(name: str, query: str = "") -> Callable[[World], str]:
    def path(world: World) -> str:
        return reverse(name, args=[world.kim.public_id]) + (f"?{query}" if query else "")

    return path


def plain(name: str, query: str = "") -> Callable[[World], str]:
    return lambda world: reverse(name) + (f"?{query}" if query else "")


def withdraw_path(world: World) -> str:
    return reverse("consent:withdraw", args=[world.kim.public_id, world.kim_consent.public_id])


SCREENS = [
    Screen("login", None, plain("accounts:login")),
    Screen("login-error", None, plain("accounts:login"), then=lambda p, w: submit(p)),
    Screen("locked-out", None, plain("accounts:login"), then=lock_out),
    Screen("start-caseworker", "anna_af_caseworker", plain("core:home")),
    Screen("start-coordinator", "mia_ame_coordinator", plain("core:home")),
    Screen("start-analyst", "alex_analyst", plain("core:home")),
    Screen("search", "anna_af_caseworker", plain("people:search")),
    Screen(
        "search-invalid",
        "anna_af_caseworker",
        plain("people:search", "personal_number=123"),
        then=shows_error,
    ),
    Screen(
        "search-not-found",
        "anna_af_caseworker",
        plain("people:search", f"personal_number={UNKNOWN_NUMBER}"),
        then=shows_error,
    ),
    Screen("register", "mia_ame_coordinator", plain("people:register")),
    Screen(
        "register-errors",
        "mia_ame_coordinator",
        plain("people:register"),
        then=lambda p, w: submit(p),
    ),
    Screen("overview", "anna_af_caseworker", of_kim("people:overview")),
    Screen("overview-coordinator", "mia_ame_coordinator", of_kim("people:overview")),
    Screen("overview-english", "anna_af_caseworker", of_kim("people:overview"), then=in_english),
    Screen("team", "mia_ame_coordinator", of_kim("people:team")),
    Screen(
        "team-errors",
        "mia_ame_coordinator",
        of_kim("people:team"),
        then=fill_username,
    ),
    Screen("entry-add", "anna_af_caseworker", of_kim("people:entry_add")),
    Screen(
        "entry-add-errors",
        "anna_af_caseworker",
        of_kim("people:entry_add"),
        then=lambda p, w: submit(p),
    ),
    Screen("consents", "mia_ame_coordinator", of_kim("consent:list")),
    Screen("consent-new", "mia_ame_coordinator", of_kim("consent:new")),
    Screen(
        "consent-new-errors",
        "mia_ame_coordinator",
        of_kim("consent:new"),
        then=lambda p, w: submit(p),
    ),
    Screen("consent-withdraw", "mia_ame_coordinator", withdraw_path),
    Screen("block-new", "mia_ame_coordinator", of_kim("consent:block_new")),
    Screen("person-log", "anna_af_caseworker", of_kim("audit:person_log")),
    Screen("person-log-auditor", "olle_auditor", of_kim("audit:person_log")),
    Screen("audit-review", "olle_auditor", plain("audit:review")),
    Screen(
        "audit-review-errors",
        "olle_auditor",
        plain("audit:review", "date_from=2025-02-01&date_to=2025-01-01"),
        then=lambda p, w: submit(p, "main form[method=post]"),
    ),
    Screen(
        "not-found",
        "anna_af_caseworker",
        lambda w: reverse("people:overview", args=[uuid.uuid4()]),
        status=404,
    ),
    Screen("not-on-team", "henrik_region_nurse", of_kim("people:overview"), status=404),
    Screen("no-such-page", "anna_af_caseworker", lambda w: "/finns-inte/", status=404),
    Screen("not-allowed", "alex_analyst", plain("people:search"), status=403),
]


def add_history(world: World) -> None:
    """Give the pages every state to show: an expiring and a withdrawn consent, a
    block, and both allowed and denied reads in the access log."""
    mia, kim = world.mia_ame_coordinator, world.kim
    today = timezone.localdate()
    ConsentFactory.create(
        person=kim,
        categories=["assessment"],
        agencies=[world.af],
        valid_until=today + timedelta(days=10),
        registered_by=mia,
    )
    withdrawn = ConsentFactory.create(
        person=kim, categories=["health"], agencies=[world.fk], registered_by=mia
    )
    consent_withdraw(consent=withdrawn, actor=mia, reason="Kim ångrade sig")
    block_create(person=kim, actor=mia, category="notes", reason="Känsliga anteckningar")
    person_record_read(reader=world.anna_af_caseworker, public_id=kim.public_id)
    with contextlib.suppress(PersonNotFound):
        person_record_read(reader=world.henrik_region_nurse, public_id=kim.public_id)


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_it_passes_axe_on_every_page(
    screen: Screen,
    world: World,
    live_server: LiveServer,
    new_page: Callable[..., Page],
    sign_in: Callable[[Page, User], Page],
) -> None:
    add_history(world)
    page = new_page()
    if screen.persona is not None:
        sign_in(page, getattr(world, screen.persona))

    response = page.goto(live_server.url + screen.path(world))
    assert response is not None
    assert response.status == screen.status
    if screen.then is not None:
        screen.then(page, world)

    assert_accessible(page)


@pytest.mark.parametrize("name", ["people:overview", "consent:list"])
def test_it_passes_axe_on_a_phone_and_reflows_to_320_px(
    name: str, world: World, live_server: LiveServer, as_user: Callable[..., Page]
) -> None:
    add_history(world)
    page = as_user(world.mia_ame_coordinator, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(live_server.url + of_kim(name)(world))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Andersson")

    assert_accessible(page)
    # WCAG 1.4.10 Reflow: at 320 CSS px nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
