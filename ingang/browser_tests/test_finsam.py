# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""The project catalogue and a project's socio-economic evaluation in real chromium.

An analyst filters the catalogue, downloads the CSV, opens a project and its
evaluation per actor (table and chart). Every page is scanned with axe, and no
participant's name appears anywhere.
"""

import importlib
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.finsam.models import UnitValue, UnitValueSet
from ingang.finsam.tests.conftest import build_finsam
from ingang.testing.world import World


def _default_unit_values() -> None:
    """Version 1 as migration 0003 writes it: the transactional tests' flush removes it."""
    if UnitValueSet.objects.exists():
        return
    migration = importlib.import_module("ingang.finsam.migrations.0003_default_unit_values")
    value_set = UnitValueSet.objects.create(version=1, note="Standardvärden")
    UnitValue.objects.bulk_create(
        UnitValue(value_set=value_set, key=key, value=value, source=source)
        for key, value, source in migration.DEFAULTS
    )


def test_an_analyst_filters_the_catalogue_exports_it_and_reads_a_projects_evaluation(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    finsam = build_finsam(world)
    _default_unit_values()
    page = as_user(world.alex_analyst)

    page.goto(url("finsam:catalogue", finsam.association.public_id))
    main = page.locator("main")
    expect(main.locator('tr[data-project="Unga in"] td[data-count="participants"]')).to_have_text(
        "<5"
    )
    assert_accessible(page)

    page.select_option("select[name=status]", "planned")
    and_wait_for_new_page(page, page.locator("main form button[type=submit]").click)
    expect(main.locator("tr[data-project]")).to_have_count(1)
    expect(main).to_contain_text("Vi vågar")

    page.goto(url("finsam:catalogue", finsam.association.public_id))
    with page.expect_download() as info:
        page.locator("main a[href$='export.csv']").click()
    csv = Path(info.value.path()).read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and b";" in csv.splitlines()[0]

    page.get_by_role("link", name="Arbetsmarknadstorget").click()
    expect(page.locator('[data-count="participants"]')).to_have_text("16")
    assert_accessible(page)

    page.locator(f"main a[href$='{finsam.big.public_id}/samhallsekonomi/']").click()
    expect(main.locator('table.evaluation tr[data-actor="municipality"]')).to_be_visible()
    expect(main.locator("table.evaluation tbody tr")).to_have_count(9)
    expect(main.locator("svg rect")).to_have_count(7)
    expect(main).not_to_contain_text(world.kim.family_name)
    assert_accessible(page)


def test_the_association_scorecard_and_unit_value_pages_are_accessible(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    finsam = build_finsam(world)
    _default_unit_values()
    page = as_user(world.alex_analyst)
    for name, args in (
        ("finsam:associations", ()),
        ("finsam:association", (finsam.association.public_id,)),
        ("finsam:scorecard", (finsam.association.public_id,)),
        ("finsam:unit_values", ()),
        ("finsam:unit_values_edit", ()),
    ):
        page.goto(url(name, *args))
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
