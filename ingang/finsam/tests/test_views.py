"""The association pages: analysts see aggregates; nobody else gets in; no person shows."""

import csv
import io
import re
from collections.abc import Callable
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from ingang.accounts.models import User
from ingang.finsam.models import (
    Indicator,
    IndicatorValue,
    Measure,
    Member,
    Perspective,
    UnitValue,
    UnitValueSet,
)
from ingang.finsam.tests.conftest import Finsam
from ingang.testing.world import World

Login = Callable[[User], Client]


def urls(f: Finsam) -> list[str]:
    a, p = f.association.public_id, f.big.public_id
    return [
        reverse("finsam:associations"),
        reverse("finsam:association", args=[a]),
        reverse("finsam:catalogue", args=[a]),
        reverse("finsam:catalogue_export", args=[a, "csv"]),
        reverse("finsam:catalogue_export", args=[a, "xlsx"]),
        reverse("finsam:project", args=[p]),
        reverse("finsam:evaluation", args=[p]),
        reverse("finsam:scorecard", args=[a]),
        reverse("finsam:scorecard_pdf", args=[a]),
        reverse("finsam:unit_values"),
        reverse("finsam:unit_values_edit"),
    ]


def text(response: object) -> str:
    body: bytes = response.content  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", body.decode("utf-8-sig").replace("\xa0", " "))


def test_it_shows_every_page_to_an_analyst_without_any_individual(
    world: World, finsam: Finsam, login: Login
) -> None:
    client = login(world.alex_analyst)
    for url in urls(finsam):
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".pdf") or url.endswith(".xlsx"):
            continue
        page = text(response)
        # Kim participates in the big project: nothing about her may appear.
        assert world.kim.family_name not in page, url
        assert world.kim.personal_number[:8] not in page, url


@pytest.mark.parametrize(
    "persona", ["anna_af_caseworker", "frida_front_desk", "olle_auditor", "ada_administrator"]
)
def test_it_refuses_staff_who_are_not_analysts(
    world: World, finsam: Finsam, login: Login, persona: str
) -> None:
    client = login(getattr(world, persona))
    for url in urls(finsam):
        assert client.get(url).status_code == 403, url


def test_it_shows_the_statutory_split_with_the_krona_left_over_on_the_state(
    world: World, finsam: Finsam, login: Login
) -> None:
    page = text(
        login(world.alex_analyst).get(
            reverse("finsam:association", args=[finsam.association.public_id])
        )
    )
    # 6 000 001: state 3 000 000.5, region 1 500 000.25, Skellefteå 3/4 and Norsjö 1/4 of
    # 1 500 000.25; the one krona left goes to the largest remainder, the state's.
    assert "Försäkringskassan</th><td>50 %</td><td>3 000 001</td>" in page
    assert "Region Test</th><td>25 %</td><td>1 500 000</td>" in page
    assert "Skellefteå kommun</th><td>18,75 %</td><td>1 125 000</td>" in page
    assert "Norsjö kommun</th><td>6,25 %</td><td>375 000</td>" in page


def test_it_explains_when_the_members_cannot_satisfy_the_law(
    world: World, finsam: Finsam, login: Login
) -> None:
    Member.objects.filter(association=finsam.association, name="Norsjö kommun").update(share_key=0)
    response = login(world.alex_analyst).get(
        reverse("finsam:association", args=[finsam.association.public_id])
    )
    error = re.search(r'role="alert" data-financing-error>([^<]*)<', text(response))
    assert error and "Norsjö kommun" in error.group(1)
    page = text(response)
    assert "3 000 001" not in page


def test_it_lists_projects_with_suppressed_counts_and_filters_by_status(
    world: World, finsam: Finsam, login: Login
) -> None:
    client = login(world.alex_analyst)
    url = reverse("finsam:catalogue", args=[finsam.association.public_id])
    page = text(client.get(url))
    big = re.search(r'data-project="Arbetsmarknadstorget">(.*?)</tr>', page)
    small = re.search(r'data-project="Unga in">(.*?)</tr>', page)
    assert big and small
    assert '<td data-count="participants">16</td>' in big.group(1)
    assert '<td data-count="ongoing">5</td>' in big.group(1)
    assert '<td data-count="work_or_studies">6 (54,5 %)</td>' in big.group(1)
    assert '<td data-count="participants">&lt;5</td>' in small.group(1)

    planned = text(client.get(url, {"status": "planned"}))
    assert "Vi vågar" in planned and "Arbetsmarknadstorget" not in planned


def test_it_exports_csv_for_swedish_excel(world: World, finsam: Finsam, login: Login) -> None:
    response = login(world.alex_analyst).get(
        reverse("finsam:catalogue_export", args=[finsam.association.public_id, "csv"])
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and all(len(r) == len(rows[0]) for r in rows)
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Arbetsmarknadstorget"][-5:] == ["16", "5", "11", "6", "54,5"]
    # Three exited, none in work: even the zero is hidden, as it would tell about a small group.
    assert by_name["Unga in"][-5:] == ["<5", "0", "<5", "×", ""]
    assert world.kim.family_name not in response.content.decode("utf-8-sig")


def test_it_exports_xlsx_that_openpyxl_reads(world: World, finsam: Finsam, login: Login) -> None:
    response = login(world.alex_analyst).get(
        reverse("finsam:catalogue_export", args=[finsam.association.public_id, "xlsx"]),
        {"status": "ongoing"},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # header and the two ongoing projects
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Arbetsmarknadstorget"][6] == 1_000_000
    assert by_name["Arbetsmarknadstorget"][-5:-1] == (16, 5, 11, 6)
    assert by_name["Unga in"][-5] == "<5"


def test_it_evaluates_a_project_per_actor_with_a_chart(
    world: World, finsam: Finsam, login: Login
) -> None:
    client = login(world.alex_analyst)
    page = text(client.get(reverse("finsam:evaluation", args=[finsam.big.public_id])))
    for actor in ("municipality", "region", "state", "af", "fk", "individuals", "other"):
        assert f'data-actor="{actor}"' in page
    assert "<svg" in page
    # Income support → wage: the municipality's yearly effect is positive.
    row = re.search(
        r'<tr data-actor="municipality"> <th scope="row">[^<]*</th> <td>([^<]*)</td>', page
    )
    assert row and not row.group(1).startswith("-")


def test_it_shows_no_amounts_for_fewer_than_five_valued_participants(
    world: World, finsam: Finsam, login: Login
) -> None:
    page = text(
        login(world.alex_analyst).get(reverse("finsam:evaluation", args=[finsam.small.public_id]))
    )
    assert 'data-actor="municipality"' not in page
    assert 'role="alert"' in page
    assert "&lt;5" in page  # the not-valued count, suppressed


def _indicators(finsam: Finsam) -> tuple[Indicator, Indicator]:
    measured = Indicator.objects.create(
        association=finsam.association,
        perspective=Perspective.INDIVIDUAL,
        name="Deltagare som påbörjat en insats",
        measure=Measure.PARTICIPANTS,
        unit="st",
        target=Decimal(40),
    )
    manual = Indicator.objects.create(
        association=finsam.association,
        perspective=Perspective.RENEWAL,
        name="Nyhetsbrev utgivna",
        unit="st",
        target=Decimal(4),
    )
    return measured, manual


def test_it_reports_the_scorecard_as_a_page_and_a_pdf(
    world: World, finsam: Finsam, login: Login
) -> None:
    _measured, manual = _indicators(finsam)
    client = login(world.alex_analyst)
    url = reverse("finsam:indicator_value", args=[finsam.association.public_id, manual.pk, 2026, 2])
    response = client.post(url, {"outcome": "1", "forecast": "3", "comment": "Ett i maj"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=manual, year=2026, quarter=2).forecast == 3

    query = {"year": 2026, "quarter": 2}
    page = text(client.get(reverse("finsam:scorecard", args=[finsam.association.public_id]), query))
    row = re.search(r'data-indicator="Deltagare som påbörjat en insats">(.*?)</tr>', page)
    # 19 participants entered by the end of June; forecast 19 × 4 / 2 = 38, under 40.
    assert row and "<td>19 st" in row.group(1) and "<td>38 st" in row.group(1)

    pdf = client.get(reverse("finsam:scorecard_pdf", args=[finsam.association.public_id]), query)
    assert pdf["Content-Type"] == "application/pdf"
    content = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Samordningsförbundet Test" in content
    assert "Nyhetsbrev utgivna" in content and "Ett i maj" in content
    assert "19 st" in content


def test_it_refuses_an_empty_value_for_a_manual_indicator(
    world: World, finsam: Finsam, login: Login
) -> None:
    _measured, manual = _indicators(finsam)
    url = reverse("finsam:indicator_value", args=[finsam.association.public_id, manual.pk, 2026, 2])
    response = login(world.alex_analyst).post(url, {"outcome": "", "forecast": "", "comment": "x"})
    assert response.status_code == 200
    assert 'role="alert"' in text(response)
    assert not IndicatorValue.objects.exists()


def test_it_saves_changed_unit_values_as_a_new_version(
    world: World, finsam: Finsam, login: Login
) -> None:
    client = login(world.alex_analyst)
    form = client.get(reverse("finsam:unit_values_edit")).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["income:income_support"] = "140000"
    data["note"] = "Nytt snitt för ekonomiskt bistånd"
    assert client.post(reverse("finsam:unit_values_edit"), data).status_code == 302
    latest = UnitValueSet.objects.get(version=2)
    assert latest.created_by == world.alex_analyst
    assert UnitValue.objects.get(value_set=latest, key="income:income_support").value == 140_000
    assert UnitValue.objects.get(value_set__version=1, key="income:income_support").value == 130_000

    data["rate:municipal_tax"] = "1,5"
    data["note"] = "Fel"
    response = client.post(reverse("finsam:unit_values_edit"), data)
    assert response.status_code == 200 and 'role="alert"' in text(response)
    assert UnitValueSet.objects.count() == 2
