"""The caseworker's start page, inbox, notification choices and a person's timeline
in a real browser: an event by one agency reaches another's inbox, and every page
passes axe."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.plans.tests.helpers import add
from ingang.testing.world import World


def test_an_event_reaches_the_teams_inbox_and_the_pages_pass_axe(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    # FK plans full sick leave; AF plans an internship over it: a clash for Anna.
    add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    add(world.kim_case, world.anna_af_caseworker, "internship", 10, 50, hours=20)

    anna = as_user(world.anna_af_caseworker)
    anna.goto(url("core:home"))
    expect(anna.locator("#clashes-heading + ul li").first).to_contain_text("Kim Andersson")
    expect(anna.locator("#unread-heading + ul li").first).to_contain_text("Kim Andersson")
    expect(anna.locator(".site-header .badge")).to_be_visible()
    assert_accessible(anna)

    anna.goto(url("notifications:inbox"))
    expect(anna.locator("table.inbox tbody tr.unread").first).to_contain_text("Kim Andersson")
    assert_accessible(anna)
    and_wait_for_new_page(
        anna, anna.locator("main form button.button--secondary[type=submit]").first.click
    )
    expect(anna.locator("table.inbox tbody tr.unread")).to_have_count(0)
    expect(anna.locator(".site-header .badge")).to_have_count(0)

    anna.goto(url("notifications:preferences"))
    assert_accessible(anna)
    anna.locator("input[name=plan_email]").check()
    and_wait_for_new_page(anna, anna.locator("main form button[type=submit]").click)
    expect(anna.locator("input[name=plan_email]")).to_be_checked()

    anna.goto(url("timeline:person", world.kim.public_id))
    expect(anna.locator("ol.timeline li").first).to_be_visible()
    assert_accessible(anna)
