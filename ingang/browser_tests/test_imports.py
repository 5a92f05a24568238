# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""The participant import in a real browser: check, see the errors, confirm; the pages pass axe."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.finsam.models import Association, Project, ProjectStatus
from ingang.followup.models import Participation
from ingang.imports.tests.conftest import ASSOCIATION, csv_bytes, row
from ingang.testing.world import World


def test_an_analyst_checks_a_file_and_imports_it(
    world: World, as_user: Callable[..., Page], url: Callable[..., str], tmp_path: Path
) -> None:
    association = Association.objects.create(name=ASSOCIATION, agency=world.finsam)
    Project.objects.create(
        association=association,
        name="Bryggan",
        owner=world.ame,
        starts_on=date(2020, 1, 1),
        status=ProjectStatus.ONGOING,
    )
    bad = tmp_path / "fel.csv"
    bad.write_bytes(csv_bytes(row(reference="A1"), row(project="Okänt", reference="A2")))
    good = tmp_path / "deltagare.csv"
    good.write_bytes(csv_bytes(row(reference="A1"), row(gender="man", reference="A2")))

    alex = as_user(world.alex_analyst)
    alex.goto(url("imports:upload"))
    assert_accessible(alex)

    alex.set_input_files("input[type=file]", str(bad))
    alex.locator("main form button[type=submit]").click()
    expect(alex.locator("main table tbody tr")).to_have_count(1)
    expect(alex.locator("main table")).to_contain_text("projekt")
    assert_accessible(alex)

    alex.goto(url("imports:upload"))
    alex.set_input_files("input[type=file]", str(good))
    alex.locator("main form button[type=submit]").click()
    confirm = alex.locator("form[action$='/bekrafta/'] button[type=submit]")
    expect(confirm).to_be_visible()
    assert_accessible(alex)
    assert not Participation.objects.exists()
    confirm.click()
    expect(alex).to_have_url(url("imports:upload"))
    expect(alex.locator(".messages")).to_be_visible()
    assert Participation.objects.count() == 2
