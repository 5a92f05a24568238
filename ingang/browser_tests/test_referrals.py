# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""A referral in real chromium: sent by the coordinator at AME, accepted at Arbetsförmedlingen.

The accepter is not on the team before; after accepting they are, and the
person's record opens to them. Every referral page is scanned with axe.
"""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from ingang.accounts.models import User
from ingang.browser_tests.helpers import and_wait_for_new_page
from ingang.browser_tests.test_accessibility import assert_accessible, submit
from ingang.cases.models import CaseMember
from ingang.referrals.models import Referral, ReferralState
from ingang.testing.factories import StaffFactory
from ingang.testing.world import World

ACTIVITY = "Praktik med handledare"


def test_a_referral_sent_by_one_agency_is_accepted_by_another_whose_staff_join_the_team(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    kim = world.kim
    bo: User = StaffFactory.create(
        username="bo.af", first_name="Bo", last_name="Ström", unit=world.af_unit
    )
    mia = as_user(world.mia_ame_coordinator)

    mia.goto(url("referrals:list", kim.public_id))
    assert_accessible(mia)
    mia.goto(url("referrals:new", kim.public_id))
    assert_accessible(mia)
    # Region Västerbotten is not covered by Kim's consent: the form says so.
    mia.select_option("select[name=receiving_agency]", str(world.region.pk))
    mia.fill("input[name=requested_activity]", "Läkarbedömning")
    mia.fill("textarea[name=reason]", "Ryggsmärta")
    submit(mia)
    expect(mia.get_by_role("alert")).to_contain_text(
        "Inget samtycke: planuppgifter till Region Västerbotten"
    )
    assert_accessible(mia)

    mia.select_option("select[name=receiving_agency]", str(world.af.pk))
    mia.fill("input[name=requested_activity]", ACTIVITY)
    mia.check("input[name=urgency][value=soon]")
    and_wait_for_new_page(mia, mia.locator("main form button[type=submit]").click)
    referral = Referral.objects.get()
    expect(mia).to_have_url(url("referrals:detail", kim.public_id, referral.public_id))
    expect(mia.locator("main")).to_contain_text(ACTIVITY)
    assert_accessible(mia)

    # Bo at AF is not on the team: his inbox shows the referral, not the person.
    bo_page = as_user(bo)
    bo_page.goto(url("referrals:inbox"))
    expect(bo_page.locator("main")).to_contain_text(ACTIVITY)
    expect(bo_page.locator("main")).not_to_contain_text("Andersson")
    assert_accessible(bo_page)
    bo_page.locator(f"tr[data-referral='{referral.public_id}'] a").click()
    expect(bo_page).to_have_url(url("referrals:incoming", referral.public_id))
    assert_accessible(bo_page)
    accept = bo_page.locator("form[data-transition=accepted]")
    accept.locator(f"input[name='accepted-staff'][value='{bo.pk}']").check()
    and_wait_for_new_page(bo_page, accept.locator("button[type=submit]").click)

    # Now on the team: the referral and the record open to him.
    expect(bo_page).to_have_url(url("referrals:detail", kim.public_id, referral.public_id))
    expect(bo_page.locator(".person-header h1")).to_have_text("Kim Andersson")
    assert_accessible(bo_page)
    assert CaseMember.objects.filter(case=world.kim_case, staff=bo).exists()
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED

    mia.reload()
    expect(mia.locator("main")).to_contain_text("Bo Ström")
