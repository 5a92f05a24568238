# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""My pages on a phone: the person withdraws and gives consent, sees a staff read appear, flags it.

Kim uses a phone-sized browser; Anna (Arbetsförmedlingen) works in her own
browser context. Every page of the person's rights is scanned with axe-core.
"""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.audit.models import AccessEventFlag
from ingang.consent.models import Consent, ConsentSource
from ingang.testing.world import World

from .conftest import NewPage
from .helpers import and_wait_for_new_page
from .test_accessibility import PHONE, assert_accessible

PLAN_ENTRY = "Mål: arbete inom vården"  # recorded by AME; AF reads it through Kim's consent


def sign_in_to_my_pages(page: Page, url: Callable[..., str], number: str) -> Page:
    """The demo sign-in: a test person's number, no e-ID."""
    page.goto(url("portal:sign_in"))
    page.fill("input[name=personal_number]", number)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(url("portal:start"))
    return page


def test_the_person_withdraws_and_gives_consent_and_flags_a_read_on_a_phone(
    world: World, new_page: NewPage, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    kim = sign_in_to_my_pages(
        new_page(viewport=PHONE, is_mobile=True, has_touch=True), url, world.kim.formatted_number
    )
    anna = as_user(world.anna_af_caseworker)
    plan = anna.locator("section[data-category=plan]")

    # Consents: Kim withdraws the consent that lets AF read the plan.
    kim.get_by_role("navigation").locator("a[href='/mina-sidor/samtycken/']").click()
    expect(kim).to_have_url(url("portal:consents"))
    assert_accessible(kim)
    card = kim.locator(f"li[data-consent='{world.kim_consent.public_id}']")
    expect(card).to_have_attribute("data-status", "active")
    card.locator("a[href$='/aterkalla/']").click()
    expect(kim).to_have_url(url("portal:consent_withdraw", world.kim_consent.public_id))
    assert_accessible(kim)
    kim.locator("main form button[type=submit]").click()
    expect(kim).to_have_url(url("portal:consents"))
    expect(kim.get_by_role("status")).to_be_visible()
    expect(card).to_have_attribute("data-status", "withdrawn")

    # Anna's very next read is denied, and Kim sees it appear in the log.
    kim.goto(url("portal:access_log"))
    assert_accessible(kim)
    reads = kim.locator("li[data-token]")
    before = reads.count()  # Anna's start page listed Kim's name when she signed in
    denied_before = kim.locator("li.read--denied").count()
    anna.goto(url("people:overview", world.kim.public_id))
    expect(plan.locator(".denied")).to_have_attribute("data-reason", "consent_withdrawn")
    kim.reload()
    expect(reads).to_have_count(before + 2)  # what she was allowed, and what she was denied
    expect(reads.first).to_contain_text("Arbetsförmedlingen")
    expect(kim.locator("li.read--denied")).to_have_count(denied_before + 1)

    # Kim does not recognise it and flags it, with a comment.
    denied = kim.locator("li.read--denied").first
    denied.locator("summary").click()
    assert_accessible(kim)  # with the flag form open
    denied.locator("textarea").fill("Jag har inte träffat någon på AF.")
    and_wait_for_new_page(kim, denied.locator("button[type=submit]").click)
    expect(kim.get_by_role("status")).to_be_visible()
    expect(kim.locator("li.read--denied").first.locator("summary")).to_have_count(0)
    flag = AccessEventFlag.objects.get()
    assert flag.person_id == world.kim.pk and flag.comment == "Jag har inte träffat någon på AF."

    # Kim gives a new consent digitally; the first attempt forgets the agency.
    kim.goto(url("portal:consent_new"))
    assert_accessible(kim)
    kim.check("input[name=categories][value=plan]")
    and_wait_for_new_page(kim, kim.locator("main form button[type=submit]").click)
    expect(kim.get_by_role("alert")).to_be_visible()
    assert_accessible(kim)
    kim.check(f"input[name=agencies][value='{world.af.pk}']")
    kim.locator("main form button[type=submit]").click()
    expect(kim).to_have_url(url("portal:consents"))
    given = Consent.objects.get(person=world.kim, source=ConsentSource.DIGITAL)
    assert given.registered_by is None and given.categories == ["plan"]
    anna.reload()
    expect(plan).to_contain_text(PLAN_ENTRY)

    # Blocks: the page to block a category.
    kim.goto(url("portal:block_new"))
    assert_accessible(kim)
    kim.check("input[name=category][value=notes]")
    kim.locator("main form button[type=submit]").click()
    expect(kim).to_have_url(url("portal:consents"))
    expect(kim.locator("li[data-block=notes] button[type=submit]")).to_be_visible()
    assert_accessible(kim)
