"""Importing participations: all rows or none, the same file twice changes nothing."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from ingang.audit.models import AccessEvent
from ingang.followup.models import Participation
from ingang.imports.models import ImportedParticipation, ImportRun
from ingang.imports.services import participants_import
from ingang.imports.tests.conftest import HEADER, Setting, csv_bytes, row, xlsx_bytes
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

ANONYMOUS = (
    row(gender="kvinna", year="1985", reference="A1"),
    row(
        gender="Man",
        year="1990",
        entered="2024-03-01",
        income="Försörjningsstöd",
        exited="2024-09-30",
        exit_income="unsubsidised_wage",
        status="Osubventionerat arbete",
        education="upper_secondary",
        reference="A2",
    ),
)


def test_it_imports_anonymous_rows_from_csv(world: World, setting: Setting) -> None:
    result = participants_import(
        actor=world.alex_analyst, content=csv_bytes(*ANONYMOUS), file_name="sus.csv"
    )
    assert result.ok, result.errors
    assert (result.rows, result.created) == (2, 2)
    woman, man = Participation.objects.order_by("entered_on").reverse()
    assert (woman.gender, woman.birth_year, woman.person) == ("woman", 1985, None)
    assert (man.exit_status, man.exited_on, man.education_level) == (
        "unsubsidised_work",
        date(2024, 9, 30),
        "upper_secondary",
    )
    assert man.entry_income_source == "income_support"
    assert man.owning_agency == world.finsam and man.registered_by == world.alex_analyst
    assert ImportRun.objects.get().created == 2


def test_it_imports_the_same_rows_from_xlsx(world: World, setting: Setting) -> None:
    result = participants_import(
        actor=world.alex_analyst, content=xlsx_bytes(*ANONYMOUS), file_name="sus.xlsx"
    )
    assert result.ok, result.errors
    assert Participation.objects.count() == 2
    assert Participation.objects.filter(exited_on=date(2024, 9, 30)).exists()


def test_it_accepts_utf8_with_a_byte_order_mark(world: World, setting: Setting) -> None:
    result = participants_import(
        actor=world.alex_analyst, content=csv_bytes(*ANONYMOUS, bom=True), file_name="sus.csv"
    )
    assert result.ok, result.errors


def test_a_reimport_changes_nothing_and_a_later_exit_updates_the_row(
    world: World, setting: Setting
) -> None:
    analyst = world.alex_analyst
    participants_import(actor=analyst, content=csv_bytes(*ANONYMOUS), file_name="a.csv")
    again = participants_import(actor=analyst, content=csv_bytes(*ANONYMOUS), file_name="a.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Participation.objects.count() == 2
    exited = row(
        reference="A1",
        exited="2025-06-30",
        exit_income="student_finance",
        status="studies",
    )
    later = participants_import(
        actor=analyst, content=csv_bytes(exited, ANONYMOUS[1]), file_name="b.csv"
    )
    assert (later.created, later.updated, later.unchanged) == (0, 1, 1)
    assert Participation.objects.get(birth_year=1985).exit_status == "studies"
    assert Participation.objects.count() == 2


def test_a_dry_run_writes_nothing_but_counts(world: World, setting: Setting) -> None:
    result = participants_import(
        actor=world.alex_analyst, content=csv_bytes(*ANONYMOUS), file_name="a.csv", dry_run=True
    )
    assert result.ok and result.created == 2
    assert not Participation.objects.exists()
    assert not ImportRun.objects.exists() and not ImportedParticipation.objects.exists()


def test_it_links_a_named_participant_the_importer_may_see(world: World, setting: Setting) -> None:
    kim = world.kim
    named = row(pnr=kim.formatted_number, gender="", year="", consent="ja")
    result = participants_import(
        actor=setting.maja_manager, content=csv_bytes(named), file_name="a.csv"
    )
    assert result.ok, result.errors
    participation = Participation.objects.get()
    assert participation.person == kim
    assert participation.birth_year == int(kim.personal_number[:4])
    assert TimelineEvent.objects.filter(person=kim, kind="participation.entered").exists()
    assert AccessEvent.objects.filter(
        actor=setting.maja_manager, person=kim, action="person.search", outcome="allowed"
    ).exists()
    again = participants_import(
        actor=setting.maja_manager, content=csv_bytes(named), file_name="a.csv"
    )
    assert again.unchanged == 1 and Participation.objects.count() == 1


def test_without_consent_a_named_row_is_kept_anonymous(world: World, setting: Setting) -> None:
    named = row(pnr=world.kim.formatted_number, gender="", year="")
    result = participants_import(
        actor=setting.maja_manager, content=csv_bytes(named), file_name="a.csv"
    )
    assert result.ok, result.errors
    assert Participation.objects.get().person is None
    assert not TimelineEvent.objects.filter(kind="participation.entered").exists()


def test_a_person_outside_the_importers_reach_is_a_row_error(
    world: World, setting: Setting
) -> None:
    # The analyst may not read any person's data: the gate refuses and logs the search.
    named = row(pnr=world.kim.formatted_number, gender="", year="", consent="ja")
    result = participants_import(
        actor=world.alex_analyst, content=csv_bytes(named, ANONYMOUS[0]), file_name="a.csv"
    )
    assert [(e.line, e.column) for e in result.errors] == [(2, "personnummer")]
    assert not Participation.objects.exists()
    assert AccessEvent.objects.filter(
        actor=world.alex_analyst, outcome="denied", action="person.search"
    ).exists()


def _errors(world: World, content: bytes, file_name: str = "a.csv") -> list[tuple[int, str]]:
    result = participants_import(actor=world.alex_analyst, content=content, file_name=file_name)
    assert not Participation.objects.exists() and not ImportRun.objects.exists()
    return [(e.line, e.column) for e in result.errors]


FUTURE = (timezone.localdate() + timedelta(days=3)).isoformat()


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        (row(pnr="19800101-0000"), "personnummer"),
        (row(entered=FUTURE), "inskriven"),
        (row(entered="15/1/2025"), "inskriven"),
        (row(project="Okänt"), "projekt"),
        (row(association="Annat förbund"), "projekt"),
        (row(income="lön?"), "försörjning_in"),
        (row(education="doktor"), "utbildning"),
        (row(gender="x"), "kön"),
        (row(year="85"), "födelseår"),
        (row(year="2015"), "födelseår"),
        (row(exited="2025-02-01"), "försörjning_ut"),
        (row(exited="2024-12-01", exit_income="other", status="moved"), "utskriven"),
        (row(consent="kanske"), "samtycke"),
    ],
)
def test_it_refuses_the_whole_file_for_one_bad_row(
    world: World, setting: Setting, bad: str, column: str
) -> None:
    assert (3, column) in _errors(world, csv_bytes(ANONYMOUS[0], bad))


def test_it_refuses_a_file_that_is_not_utf8(world: World, setting: Setting) -> None:
    content = "\n".join([HEADER, row(association="Samordningsförbundet Skellefteå")])
    errors = participants_import(
        actor=world.alex_analyst, content=content.encode("cp1252"), file_name="a.csv"
    ).errors
    assert [(e.line, e.column) for e in errors] == [(0, "")]
    assert "UTF-8" in errors[0].reason
    assert not Participation.objects.exists()


def test_it_refuses_missing_columns(world: World, setting: Setting) -> None:
    header = HEADER.replace("försörjning_in;", "")
    errors = participants_import(
        actor=world.alex_analyst, content=csv_bytes(header=header), file_name="a.csv"
    ).errors
    assert len(errors) == 1 and "försörjning_in" in errors[0].reason


def test_it_refuses_a_broken_xlsx_file(world: World, setting: Setting) -> None:
    assert _errors(world, b"PK\x03\x04 not really", "a.xlsx") == [(0, "")]


def test_it_refuses_the_same_row_twice_in_one_file(world: World, setting: Setting) -> None:
    assert _errors(world, csv_bytes(ANONYMOUS[0], ANONYMOUS[0])) == [(3, "")]


def test_it_lets_only_analysts_and_managers_import(world: World, setting: Setting) -> None:
    for actor in (world.ada_administrator, world.anna_af_caseworker, world.olle_auditor):
        with pytest.raises(PermissionDenied):
            participants_import(actor=actor, content=csv_bytes(*ANONYMOUS), file_name="a.csv")


def test_the_command_imports_and_reports_errors(
    world: World, setting: Setting, tmp_path: Path
) -> None:
    good = tmp_path / "deltagare.csv"
    good.write_bytes(csv_bytes(*ANONYMOUS))
    call_command(
        "import_participants", str(good), "--staff=alex.finsam", "--dry-run", "--no-progress"
    )
    assert not Participation.objects.exists()
    call_command("import_participants", str(good), "--staff=alex.finsam", "--no-progress")
    assert Participation.objects.count() == 2
    bad = tmp_path / "fel.csv"
    bad.write_bytes(csv_bytes(row(entered=FUTURE, reference="B")))
    report = tmp_path / "fel-rapport.csv"
    with pytest.raises(CommandError):
        call_command(
            "import_participants",
            str(bad),
            "--staff=alex.finsam",
            f"--report={report}",
            "--no-progress",
        )
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "rad;kolumn;fel" and lines[1].startswith("2;inskriven;")
    assert Participation.objects.count() == 2
