"""What a caseworker sees on a person's overview: consented data, and why the rest is hidden."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.testing.world import World


def test_it_shows_anna_the_employment_entry_and_the_reason_social_data_is_hidden(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    page = as_user(world.anna_af_caseworker)
    page.get_by_role("link", name="Kim Andersson").click()

    expect(page).to_have_url(url("people:overview", world.kim.public_id))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Andersson")
    employment = page.locator("section[data-category=employment]")
    expect(employment).to_contain_text("Inskriven som arbetssökande")
    social = page.locator("section[data-category=social]")
    expect(social).not_to_contain_text("Försörjningsstöd beviljat")
    denied = social.locator(".denied")
    expect(denied).to_have_attribute("data-reason", "no_consent")
    # Swedish is the default language (the browser asks for sv-SE).
    expect(denied).to_contain_text("Inget samtycke: sociala uppgifter till Arbetsförmedlingen")
