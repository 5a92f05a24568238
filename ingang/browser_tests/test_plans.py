"""The joint plan in a real browser: a clash appears when an activity clashes, and is
acknowledged with a justification; the plan pages pass axe."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.plans.services import plan_goal_set, sub_goal_add
from ingang.plans.tests.helpers import add, day
from ingang.testing.world import World

JUSTIFICATION = "Praktiken startar först när sjukskrivningen är slut"


def test_it_shows_a_clash_when_an_activity_clashes_and_keeps_its_acknowledgement(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    kim = world.kim
    plan_goal_set(case=world.kim_case, actor=world.mia_ame_coordinator, goal="Jobba i vården")
    sub_goal_add(case=world.kim_case, actor=world.mia_ame_coordinator, text="Prova på vården")
    add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)

    anna = as_user(world.anna_af_caseworker)
    anna.goto(url("plans:plan", kim.public_id))
    expect(anna.locator("li.clash")).to_have_count(0)
    assert_accessible(anna)

    # Anna plans an internship during Kim's full sick leave.
    anna.locator("a[href$='/plan/aktiviteter/ny/']").click()
    expect(anna).to_have_url(url("plans:activity_new", kim.public_id))
    assert_accessible(anna)
    anna.select_option("select[name=type]", "internship")
    anna.fill("input[name=description]", "Praktik på Vårdbolaget")
    anna.fill("input[name=start_date]", day(14).isoformat())
    anna.fill("input[name=end_date]", day(90).isoformat())
    anna.fill("input[name=hours_per_week]", "20")
    anna.locator("main form[novalidate] button[type=submit]").click()
    expect(anna).to_have_url(url("plans:plan", kim.public_id))

    clash = anna.locator("li.clash[data-rule=exclusive]")
    expect(clash).to_be_visible()
    expect(clash).to_contain_text(world.fk.name)
    expect(clash).to_contain_text(world.af.name)
    expect(clash).to_contain_text("Praktik på Vårdbolaget")
    assert_accessible(anna)

    # She acknowledges it with a justification; it stays on the plan as acknowledged.
    clash.locator("textarea[name=justification]").fill(JUSTIFICATION)
    and_wait_for_new_page(anna, clash.locator("button[type=submit]").click)
    acknowledged = anna.locator(".clash-list--acknowledged li.clash[data-rule=exclusive]")
    expect(acknowledged).to_contain_text(JUSTIFICATION)
    expect(acknowledged).to_contain_text(world.anna_af_caseworker.display_name)
    expect(
        anna.locator(".clash-list:not(.clash-list--acknowledged) li.clash[data-rule=exclusive]")
    ).to_have_count(0)
    assert_accessible(anna)

    anna.goto(url("plans:history", kim.public_id))
    expect(anna.locator("table.history-table tbody tr").first).to_be_visible()
    assert_accessible(anna)


def test_the_plan_page_without_plan_consent_is_accessible_and_says_why(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    add(world.kim_case, world.anna_af_caseworker, "internship", 0, 30, hours=20)
    add(world.kim_case, world.mia_ame_coordinator, "internship", 10, 40, hours=10)

    mia = as_user(world.mia_ame_coordinator)
    mia.goto(url("plans:plan", world.kim.public_id))

    expect(mia.locator(".denied")).to_have_attribute("data-reason", "no_consent")
    expect(mia.locator("li.clash[data-rule=same_kind] .hidden-activity")).to_contain_text(
        world.af.name
    )
    assert_accessible(mia)
