"""Consent through the pages: registering it opens a category, withdrawing it closes it at once."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.consent.models import Consent
from ingang.testing.world import World

SOCIAL_ENTRY = "Försörjningsstöd beviljat"


def test_it_opens_social_data_on_consent_and_closes_it_on_the_next_request_after_withdrawal(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    kim = world.kim
    anna = as_user(world.anna_af_caseworker)
    mia = as_user(world.mia_ame_coordinator)
    anna.goto(url("people:overview", kim.public_id))
    social = anna.locator("section[data-category=social]")
    expect(social.locator(".denied")).to_have_attribute("data-reason", "no_consent")
    expect(social).not_to_contain_text(SOCIAL_ENTRY)

    # Mia registers Kim's consent: Arbetsförmedlingen may read social data.
    mia.goto(url("consent:list", kim.public_id))
    mia.get_by_role("link", name="Registrera samtycke").click()
    expect(mia).to_have_url(url("consent:new", kim.public_id))
    mia.check("input[name=categories][value=social]")
    mia.check(f"input[name=agencies][value='{world.af.pk}']")
    mia.check("input[name=source][value=signed_form]")
    mia.locator("main form button[type=submit]").click()
    expect(mia).to_have_url(url("consent:list", kim.public_id))
    expect(mia.get_by_role("status")).to_be_visible()

    anna.reload()
    expect(social).to_contain_text(SOCIAL_ENTRY)
    expect(social.locator(".denied")).to_have_count(0)

    # Mia withdraws it again.
    consent = Consent.objects.filter(person=kim).exclude(pk=world.kim_consent.pk).get()
    withdraw = url("consent:withdraw", kim.public_id, consent.public_id)
    withdraw_link = f"a[href$='{consent.public_id}/aterkalla/']"
    mia.locator(withdraw_link).click()
    expect(mia).to_have_url(withdraw)
    mia.fill("textarea[name=reason]", "Kim ångrade sig")
    mia.locator("main form button[type=submit]").click()
    expect(mia).to_have_url(url("consent:list", kim.public_id))
    expect(mia.get_by_role("status")).to_be_visible()
    expect(mia.locator(withdraw_link)).to_have_count(0)

    # Anna's very next request no longer shows the social entry, and says why.
    anna.reload()
    expect(social).not_to_contain_text(SOCIAL_ENTRY)
    denied = social.locator(".denied")
    expect(denied).to_have_attribute("data-reason", "consent_withdrawn")
    expect(denied).to_contain_text("sociala uppgifter till Arbetsförmedlingen")
