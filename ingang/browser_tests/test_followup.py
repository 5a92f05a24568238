# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""Follow-up reports in real chromium: filter, chart and table agree, exports download."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible
from ingang.finsam.models import Association, Project, ProjectStatus
from ingang.followup.models import Participation
from ingang.testing.world import World


def _project(association: Association, name: str, world: World) -> Project:
    return Project.objects.create(
        association=association,
        name=name,
        owner=world.ame,
        starts_on=date(2020, 1, 1),
        status=ProjectStatus.ONGOING,
    )


def _exits(project: Project, n: int, status: str, income: str) -> None:
    Participation.objects.bulk_create(
        Participation(
            project=project,
            gender="woman",
            birth_year=1990,
            entered_on=date(2025, 1, 10),
            entry_income_source="income_support",
            exited_on=date(2025, 5, 10),
            exit_income_source=income,
            exit_status=status,
        )
        for i in range(n)
    )


def test_the_report_page_filters_charts_what_the_table_says_and_exports(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    association = Association.objects.create(name="Samordningsförbundet Skellefteå")
    bridge = _project(association, "Bryggan", world)
    other = _project(association, "Steget", world)
    _exits(bridge, 9, "job_seeking", "income_support")
    _exits(bridge, 6, "unsubsidised_work", "unsubsidised_wage")
    _exits(bridge, 2, "studies", "student_finance")
    _exits(other, 30, "sick", "sickness_benefit")

    alex = as_user(world.alex_analyst)
    alex.goto(url("followup:reports"))
    assert_accessible(alex)

    alex.locator("select[name=project]").select_option(str(bridge.pk))
    and_wait_for_new_page(alex, alex.locator("form.filters button[type=submit]").click)
    section = alex.locator("[data-report=status]")
    cells = section.locator("tbody tr td:nth-child(2)").all_inner_texts()
    bars = section.locator("rect.bar").evaluate_all("els => els.map(e => e.dataset.value)")
    # The chart draws exactly the table's numbers; suppressed counts get no bar.
    assert [c if c != ".." else "" for c in cells] == [
        "" if v == "" else str(int(float(v))) for v in bars
    ]
    assert "9" in cells and cells.count("..") == 2  # 2 in studies, and the 6 with it
    expect(section.locator("tfoot")).to_contain_text("17")  # Steget's 30 are filtered out
    assert_accessible(alex)

    with alex.expect_download() as csv_download:
        section.get_by_role("link", name="CSV").click()
    content = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert content.startswith("\ufeff") and ";..;" not in content.split("\n")[0]
    assert "Bryggan" in content
    with alex.expect_download() as xlsx_download:
        section.get_by_role("link", name="XLSX").click()
    assert xlsx_download.value.suggested_filename == "status.xlsx"
