# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""Meetings in a real chromium: booking through the form, the calendar, and axe on every page."""

from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect

from ingang.browser_tests.test_accessibility import assert_accessible, submit
from ingang.meetings.models import Meeting
from ingang.meetings.tests.helpers import book, local
from ingang.testing.world import World


def test_it_books_a_joint_meeting_that_shows_in_the_participants_calendar(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    mia = as_user(world.mia_ame_coordinator)
    mia.goto(url("meetings:person", world.kim.public_id))
    assert_accessible(mia)
    mia.locator("main a.button").click()
    expect(mia).to_have_url(url("meetings:book", world.kim.public_id))
    assert_accessible(mia)

    # End before start: the form says so and nothing is booked.
    mia.fill("input[name=date]", local(2).date().isoformat())
    mia.fill("input[name=start_time]", "10:00")
    mia.fill("input[name=end_time]", "09:00")
    mia.check("input[name=channel][value=visit]")
    mia.fill("input[name=place]", "Kanalgatan 4, Skellefteå")
    mia.fill("input[name=purpose]", "Gemensam uppstart")
    mia.check(f"input[name=participants][value='{world.mia_ame_coordinator.pk}']")
    mia.check(f"input[name=participants][value='{world.anna_af_caseworker.pk}']")
    submit(mia)
    assert_accessible(mia)
    assert not Meeting.objects.exists()

    mia.fill("input[name=end_time]", "11:00")
    mia.locator("main form button[type=submit]").click()
    meeting = Meeting.objects.get()
    expect(mia).to_have_url(url("meetings:detail", world.kim.public_id, meeting.public_id))
    expect(mia.get_by_role("status")).to_be_visible()
    assert_accessible(mia)

    anna = as_user(world.anna_af_caseworker)
    anna.goto(url("meetings:calendar", query=f"vecka={local(2).date().isoformat()}"))
    day = anna.locator(f"section[data-day='{local(2).date().isoformat()}']")
    expect(day).to_contain_text("Kim Andersson")
    expect(day).to_contain_text("Gemensam uppstart")
    assert_accessible(anna)


def test_it_passes_axe_on_the_outcome_move_and_cancel_pages(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    mia_user, anna_user = world.mia_ame_coordinator, world.anna_af_caseworker
    started = local(-1, 10)
    past = book(
        mia_user,
        world.kim_case,
        [mia_user, anna_user],
        starts_at=started,
        now=started - timedelta(days=3),
    )
    coming = book(mia_user, world.kim_case, [mia_user, anna_user], starts_at=local(5))
    mia = as_user(mia_user)

    mia.goto(url("meetings:outcome", world.kim.public_id, past.public_id))
    assert_accessible(mia)
    submit(mia)
    assert_accessible(mia)
    mia.fill("textarea[name=outcome]", "Praktik på förskola från maj.")
    mia.locator("main form button[type=submit]").click()
    expect(mia).to_have_url(url("meetings:detail", world.kim.public_id, past.public_id))
    expect(mia.locator("main")).to_contain_text("Praktik på förskola från maj.")
    assert_accessible(mia)

    mia.goto(url("meetings:reschedule", world.kim.public_id, coming.public_id))
    assert_accessible(mia)
    mia.goto(url("meetings:cancel", world.kim.public_id, coming.public_id))
    assert_accessible(mia)
    mia.fill("input[name=reason]", "Kim är sjuk")
    mia.locator("main form button[type=submit]").click()
    expect(mia).to_have_url(url("meetings:person", world.kim.public_id))
    assert_accessible(mia)
    mia.goto(url("meetings:calendar"))
    assert_accessible(mia)


def test_it_says_why_another_agencys_meeting_is_not_shown(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    anna_user = world.anna_af_caseworker
    book(anna_user, world.kim_case, [anna_user, world.mia_ame_coordinator], starts_at=local(2))
    mia = as_user(world.mia_ame_coordinator)

    mia.goto(url("meetings:person", world.kim.public_id))
    expect(mia.locator("main .denied")).to_have_attribute("data-reason", "no_consent")
    assert_accessible(mia)
    mia.goto(url("meetings:calendar", query=f"vecka={local(2).date().isoformat()}"))
    expect(mia.locator("main .denied")).to_have_attribute("data-reason", "no_consent")
    assert_accessible(mia)
