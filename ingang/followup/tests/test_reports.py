"""The reports on a hand-made cohort: exact numbers, suppression, filters, anonymity."""

from datetime import date

import pytest

from ingang.followup.models import ExitStatus, Gender, IncomeSource
from ingang.followup.reports import (
    AGE_BANDS,
    Filters,
    Report,
    duration_report,
    income_report,
    outcome_counts,
    participants_report,
    status_report,
    trend_report,
    work_or_studies_report,
)
from ingang.testing.world import World

from .conftest import Projects, participate

pytestmark = pytest.mark.django_db
EXITED = date(2025, 6, 30)
YEAR_2025 = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))


def cohort(projects: Projects) -> None:
    """28 exits in 2025 in Bryggan, 3 still in, 1 exit in 2023, 4 elsewhere."""
    p = projects.bridge
    participate(p, 6, exited=EXITED, exit_income="unsubsidised_wage", status="unsubsidised_work")
    participate(
        p, 7, entry="sickness_benefit", exited=EXITED, exit_income="sickness_benefit", status="sick"
    )
    participate(p, 5, exited=EXITED, exit_income="income_support", status="job_seeking")
    participate(
        p,
        2,
        entry="unemployment_benefit",
        exited=EXITED,
        exit_income="student_finance",
        status="studies",
        gender="man",
    )
    participate(
        p,
        8,
        entry="unemployment_benefit",
        exited=EXITED,
        exit_income="unemployment_benefit",
        status="job_seeking",
        gender="man",
    )
    participate(p, 3)
    participate(
        p,
        entered=date(2023, 1, 1),
        exited=date(2023, 3, 1),
        exit_income="none",
        status="moved",
    )
    participate(
        projects.elsewhere, 4, exited=EXITED, exit_income="unsubsidised_wage", status="studies"
    )


# Rows and columns by code, not by label: labels follow the language.
SOURCES = list(IncomeSource.values)
BANDS = [code for code, _lo, _hi in AGE_BANDS]
GENDERS = list(Gender.values)


def cell(report: Report, row: str, column: str) -> int | None:
    rows, columns = _axes(report)
    return report.table.cells[rows.index(row)][columns.index(column)].value


def row_total(report: Report, row: str) -> int | None:
    assert report.table.row_totals is not None
    return report.table.row_totals[_axes(report)[0].index(row)].value


def column_total(report: Report, column: str) -> int | None:
    assert report.table.column_totals is not None
    return report.table.column_totals[_axes(report)[1].index(column)].value


def _axes(report: Report) -> tuple[list[str], list[str]]:
    if report.key == "participants":
        return BANDS, GENDERS
    return SOURCES, SOURCES


def test_it_cross_tabulates_income_source_at_entry_and_exit(
    world: World, projects: Projects
) -> None:
    cohort(projects)
    report = income_report(
        outcome_counts(Filters(project=projects.bridge, date_from=date(2025, 1, 1)))
    )
    assert cell(report, "income_support", "unsubsidised_wage") == 6
    assert cell(report, "income_support", "income_support") == 5
    assert row_total(report, "income_support") == 11
    assert cell(report, "sickness_benefit", "sickness_benefit") == 7
    assert row_total(report, "unemployment_benefit") == 10
    # 2 is under 5; 8 goes with it, or 10 − 8 would give the 2 back …
    assert cell(report, "unemployment_benefit", "student_finance") is None
    assert cell(report, "unemployment_benefit", "unemployment_benefit") is None
    # … and the column totals go too, or each would give its only cell back.
    assert column_total(report, "student_finance") is None
    assert column_total(report, "unemployment_benefit") is None
    assert column_total(report, "unsubsidised_wage") == 6
    assert column_total(report, "income_support") == 5
    assert report.table.total is not None and report.table.total.value == 28
    # Zeros stay zeros: nobody went from sickness benefit to a wage.
    assert cell(report, "sickness_benefit", "unsubsidised_wage") == 0


def test_it_counts_status_at_exit_with_the_second_smallest_hidden_too(
    world: World, projects: Projects
) -> None:
    cohort(projects)
    report = status_report(
        outcome_counts(
            Filters(project=projects.bridge, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
        )
    )
    values = {
        code: r[0].value for code, r in zip(ExitStatus.values, report.table.cells, strict=True)
    }
    assert values["studies"] is None  # 2
    assert values["unsubsidised_work"] is None  # 6, hidden so 28 − 13 − 7 cannot give 2
    assert values["job_seeking"] == 13
    assert values["sick"] == 7
    assert values["moved"] == 0  # the 2023 exit is outside the period
    assert report.table.column_totals is not None
    assert report.table.column_totals[0].value == 28


def test_it_gives_the_share_in_work_or_studies_at_exit_and_at_90_days(
    world: World, projects: Projects
) -> None:
    cohort(projects)
    filters = Filters(
        project=projects.bridge, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)
    )
    report = work_or_studies_report(filters, outcome_counts(filters))
    assert [c.value for c in report.table.cells[0]] == [8, 20]
    assert report.extra[0] == [28.6]
    # Nobody followed up yet: nothing to count, no share.
    assert [c.value for c in report.table.cells[1]] == [0, 0]
    assert report.extra[1] == [None]


def test_it_hides_the_share_when_the_rest_is_a_small_count(
    world: World, projects: Projects
) -> None:
    participate(projects.youth, 9, exited=EXITED, exit_income="unsubsidised_wage", status="studies")
    participate(projects.youth, 2, exited=EXITED, exit_income="none", status="sick")
    filters = Filters(project=projects.youth)
    report = work_or_studies_report(filters, outcome_counts(filters))
    # 11 in all, 2 not in work or studies: showing 9 of 11 would give the 2 away.
    assert [c.value for c in report.table.cells[0]] == [None, None]
    assert report.extra[0] == [None]


def test_it_counts_anonymous_participants_and_lists_nobody(
    world: World, projects: Projects
) -> None:
    participate(projects.youth, 4, birth_year=2003)  # anonymous: person is None
    participate(projects.youth, 3, birth_year=2003, person=world.kim)
    report = participants_report(Filters(project=projects.youth))
    assert row_total(report, "20-24") == 7
    # The published report holds labels and counts only: no participation, no person.
    published = repr(report)
    assert "<Participation" not in published and "<Person" not in published
    assert str(world.kim.public_id) not in published


def test_it_bands_ages_at_entry(world: World, projects: Projects) -> None:
    # Ages at entry in 2025: 17, 20, 27, 40, 60.
    for birth_year, n in ((2008, 4), (2005, 6), (1998, 7), (1985, 8), (1965, 9)):
        participate(projects.bridge, n, birth_year=birth_year, entered=date(2025, 2, 1))
    report = participants_report(Filters())
    # 4 is hidden with its band total; the women's column then needs a second hidden
    # cell (the 6), and that band's total goes with it, or 34 − 7 − 8 − 9 − 6 gives 4.
    assert [t.value for t in report.table.row_totals or []] == [None, None, 7, 8, 9]
    assert cell(report, "16-19", "woman") is None
    assert cell(report, "20-24", "woman") is None
    assert cell(report, "30-44", "woman") == 8
    assert column_total(report, "woman") == 34


def test_it_filters_by_age_band_gender_association_agency_and_target_group(
    world: World, projects: Projects
) -> None:
    cohort(projects)
    participate(projects.youth, 6, birth_year=2004, referring_agency=world.af)

    def total(filters: Filters) -> int | None:
        report = participants_report(filters)
        return report.table.total.value if report.table.total else None

    assert total(Filters(age_band="20-24")) == 6
    assert total(Filters(gender="man")) == 10
    assert total(Filters(association=projects.other_association)) is None  # 4: too few
    assert total(Filters(agency=world.af)) == 6
    assert total(Filters(target_group="Långtidssjukskrivna")) == 32
    assert total(Filters(project=projects.bridge, date_from=date(2024, 1, 1))) == 31


def test_it_measures_time_in_programme(world: World, projects: Projects) -> None:
    participate(
        projects.bridge,
        5,
        entered=date(2025, 1, 1),
        exited=date(2025, 2, 1),
        exit_income="none",
        status="sick",
    )
    participate(
        projects.bridge,
        6,
        entered=date(2024, 1, 1),
        exited=date(2025, 3, 1),
        exit_income="none",
        status="sick",
    )
    report = duration_report(Filters())
    values = [r[0].value for r in report.table.cells]
    assert values == [5, 0, 0, 6]


def test_it_shows_the_trend_per_quarter(world: World, projects: Projects) -> None:
    participate(
        projects.bridge,
        7,
        entered=date(2025, 1, 10),
        exited=date(2025, 5, 2),
        exit_income="unsubsidised_wage",
        status="unsubsidised_work",
    )
    participate(
        projects.bridge,
        6,
        entered=date(2025, 2, 10),
        exited=date(2025, 5, 3),
        exit_income="none",
        status="sick",
    )
    report = trend_report(Filters())
    assert report.rows == ["2025 Q1", "2025 Q2"]
    assert [c.value for c in report.table.cells[0]] == [13, 0, 0]
    assert [c.value for c in report.table.cells[1]] == [0, 7, 6]
