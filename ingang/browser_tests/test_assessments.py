# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""Joint assessments in real chromium: the form with its errors, the history and the chart."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.assessments.models import Assessment
from ingang.assessments.services import instrument_default_ensure
from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible, submit
from ingang.testing.world import World


def test_a_joint_assessment_is_recorded_and_its_progress_charted(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    instrument_default_ensure()  # the transactional test database was flushed after migrating
    kim = world.kim
    mia = as_user(world.mia_ame_coordinator)
    mia.goto(url("assessments:list", kim.public_id))
    assert_accessible(mia)

    mia.goto(url("assessments:new", kim.public_id))
    assert_accessible(mia)
    submit(mia)  # nothing chosen: one message per missing dimension and the assessors
    expect(mia.get_by_role("alert")).to_contain_text("Hälsa")
    assert_accessible(mia)
    assert not Assessment.objects.exists()

    for name in mia.locator("input[type=radio][name^=score_][value='3']").all():
        name.check()
    mia.check(f"input[name=assessors][value='{world.mia_ame_coordinator.pk}']")
    mia.check(f"input[name=assessors][value='{world.anna_af_caseworker.pk}']")
    and_wait_for_new_page(mia, mia.locator("main form button[type=submit]").click)

    expect(mia).to_have_url(url("assessments:list", kim.public_id))
    expect(mia.locator("tr[data-dimension=health] svg title")).to_have_text("Hälsa: 3")
    assert_accessible(mia)
