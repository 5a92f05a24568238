"""The auditor's log review workspace in a real browser: a targeted check explains its
flag, a review is recorded, and every page of the workspace passes axe."""

from collections.abc import Callable
from datetime import datetime

from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.review.models import LogReview
from ingang.review.scope import STOCKHOLM
from ingang.review.tests.helpers import read_at
from ingang.testing.world import World

OCTOBER = "date_from=2026-10-01&date_to=2026-10-31"


def test_an_auditor_checks_records_a_review_and_every_page_passes_axe(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    # Henrik (region) is on none of Kim's teams; Anna is.
    read_at(datetime(2026, 10, 14, 22, 30, tzinfo=STOCKHOLM), world.henrik_region_nurse, world.kim)
    read_at(datetime(2026, 10, 14, 10, 0, tzinfo=STOCKHOLM), world.anna_af_caseworker, world.kim)

    olle = as_user(world.olle_auditor)
    olle.goto(url("review:workspace"))
    expect(olle.locator("#check-heading")).to_be_visible()
    assert_accessible(olle)

    olle.goto(url("review:check", query=f"check=no_team&{OCTOBER}"))
    flags = olle.locator("td.flag-why")
    expect(flags).to_have_count(1)
    expect(flags.first).to_contain_text("Henrik Ek")
    assert_accessible(olle)

    olle.locator("input[name=conclusion][value=action]").check()
    olle.locator("textarea[name=follow_up]").fill("Samtal med Henriks chef.")
    and_wait_for_new_page(olle, olle.locator("#record-heading + form button[type=submit]").click)
    review = LogReview.objects.get()
    expect(olle).to_have_url(url("review:review_detail", review.public_id))
    expect(olle.locator("dl.facts")).to_contain_text("Samtal med Henriks chef.")
    assert_accessible(olle)

    olle.goto(url("review:check", query=f"check=after_hours&{OCTOBER}"))
    expect(olle.locator("td.flag-why")).to_have_count(1)
    assert_accessible(olle)

    olle.goto(url("review:sample", query=f"{OCTOBER}&size=5&seed=abc"))
    expect(olle.locator("table.events tbody tr")).to_have_count(2)
    assert_accessible(olle)

    for name, query in (
        ("review:reviews", ""),
        ("review:report", "month=2026-10"),
        ("review:well_known", ""),
        (
            "review:breach",
            f"staff={world.henrik_region_nurse.pk}&since=2026-10-14T00:00&until=2026-10-15T00:00",
        ),
    ):
        olle.goto(url(name, query=query))
        expect(olle.locator("h1")).to_be_visible()
        assert_accessible(olle)
    expect(olle.locator("table.events tbody tr")).to_have_count(1)
