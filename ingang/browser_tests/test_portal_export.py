# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""My pages on a phone: sign in, download the plan PDF and all my data, write to the team;
every page passes axe."""

import io
import json
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Download, Page, expect
from pypdf import PdfReader

from ingang.browser_tests.conftest import NewPage
from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import PHONE, assert_accessible
from ingang.plans.services import plan_goal_set
from ingang.plans.tests.helpers import add
from ingang.records.models import Entry
from ingang.testing.world import World

GOAL = "Arbete inom vården"
MESSAGE = "Jag har fått en tid hos tandläkaren på torsdag."


def _download(page: Page, link: str) -> bytes:
    with page.expect_download() as info:
        page.locator(link).click()
    download: Download = info.value
    return Path(download.path()).read_bytes()


def _pdf_text(body: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).replace("\n", " ")


def test_a_person_downloads_plan_and_data_and_writes_to_the_team_on_a_phone(
    world: World, new_page: NewPage, url: Callable[..., str]
) -> None:
    kim = world.kim
    plan_goal_set(case=world.kim_case, actor=world.mia_ame_coordinator, goal=GOAL)
    add(
        world.kim_case,
        world.anna_af_caseworker,
        "job_search",
        0,
        60,
        hours=10,
        description="Söka jobb som undersköterska",
    )

    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(url("portal:sign_in"))
    page.fill("input[name=personal_number]", kim.formatted_number)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(url("portal:start"))
    expect(page.locator("main h1")).to_contain_text(kim.given_name)
    assert_accessible(page)

    page.goto(url("portal:plan"))
    expect(page.locator(".goal")).to_have_text(GOAL)
    assert_accessible(page)
    plan = _pdf_text(_download(page, "main a[href$='min-plan.pdf']"))
    for expected in (
        f"{kim.given_name} {kim.family_name}",
        GOAL,
        "Söka jobb som undersköterska",
        world.af.name,
        world.anna_af_caseworker.display_name,
    ):
        assert expected in plan, expected

    page.goto(url("portal:assessments"))
    assert_accessible(page)
    page.goto(url("portal:timeline"))
    assert_accessible(page)

    # All my data: the page explains, the JSON holds the plan and the person.
    page.goto(url("portal:my_data"))
    assert_accessible(page)
    data = json.loads(_download(page, "main a[href$='uppgifter.json']"))
    assert data["person"]["personal_number"] == kim.formatted_number
    assert data["plans"][0]["goal"] == GOAL
    assert "Söka jobb som undersköterska" in _pdf_text(
        _download(page, "main a[href$='uppgifter.pdf']")
    )

    # A message to the team.
    page.goto(url("portal:messages"))
    assert_accessible(page)
    page.fill("textarea[name=text]", MESSAGE)
    and_wait_for_new_page(page, page.locator("main form button[type=submit]").click)
    expect(page.locator(".messages-sent")).to_contain_text(MESSAGE)
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    assert Entry.objects.get(person=kim, author__isnull=True).body == MESSAGE

    # A mistake is explained, in an accessible way.
    and_wait_for_new_page(page, page.locator("main form button[type=submit]").click)
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
