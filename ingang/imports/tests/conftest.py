from dataclasses import dataclass
from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook

from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.finsam.models import Association, Project, ProjectStatus
from ingang.testing.factories import StaffFactory, add_member
from ingang.testing.world import World

HEADER = (
    "personnummer;projekt;förbund;kön;födelseår;inskriven;försörjning_in;"
    "utskriven;försörjning_ut;status_ut;utbildning;samtycke;referens"
)
ASSOCIATION = "Samordningsförbundet Skellefteå"


@dataclass
class Setting:
    bridge: Project
    # A manager at AME on Kim's team: may import named rows for Kim.
    maja_manager: User


@pytest.fixture
def setting(world: World) -> Setting:
    association = Association.objects.create(name=ASSOCIATION, agency=world.finsam)
    bridge = Project.objects.create(
        association=association,
        name="Bryggan",
        owner=world.ame,
        starts_on=date(2020, 1, 1),
        status=ProjectStatus.ONGOING,
    )
    maja: User = StaffFactory.create(username="maja.ame", unit=world.ame_unit, role=Role.MANAGER)
    add_member(world.kim_case, maja)
    return Setting(bridge=bridge, maja_manager=maja)


def row(
    *,
    pnr: str = "",
    project: str = "Bryggan",
    association: str = ASSOCIATION,
    gender: str = "kvinna",
    year: str = "1985",
    entered: str = "2025-01-15",
    income: str = "income_support",
    exited: str = "",
    exit_income: str = "",
    status: str = "",
    education: str = "",
    consent: str = "",
    reference: str = "",
) -> str:
    cells = [pnr, project, association, gender, year, entered, income, exited, exit_income, status]
    return ";".join([*cells, education, consent, reference])


def csv_bytes(*rows: str, header: str = HEADER, bom: bool = False) -> bytes:
    content = "\n".join([header, *rows]).encode("utf-8") + b"\n"
    return (b"\xef\xbb\xbf" + content) if bom else content


def xlsx_bytes(*rows: str, header: str = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in (header, *rows):
        sheet.append(line.split(";"))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
