# ruff: noqa: S101  (pytest asserts; pyproject's test ignores cover **/tests/** only)
"""The one door in, in a real chromium: a phone call ends with a booked meeting in writing."""

from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from ingang.browser_tests.test_accessibility import assert_accessible, submit
from ingang.intake.models import Contact, ContactState
from ingang.meetings.tests.helpers import local
from ingang.testing.factories import identity_number
from ingang.testing.world import World

NEW_NUMBER = identity_number(date(1991, 3, 14), 456)


def test_it_takes_a_phone_call_to_a_booked_meeting_and_a_printable_summary(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    frida = as_user(world.frida_front_desk)
    frida.goto(url("intake:reception"))
    assert_accessible(frida)
    frida.locator("main a.button").click()
    expect(frida).to_have_url(url("intake:start"))
    assert_accessible(frida)

    # A mistyped number is refused before anything else happens.
    frida.fill("input[name=personal_number]", "123")
    frida.check("input[name=channel][value=phone]")
    submit(frida)
    assert_accessible(frida)

    # Nobody with this number: the same page goes on to registration.
    frida.fill("input[name=personal_number]", NEW_NUMBER)
    frida.locator("main form button[type=submit]").click()
    expect(frida.locator("input[name=step][value=register]")).to_have_count(1)
    assert_accessible(frida)
    frida.fill("input[name=given_name]", "Nora")
    frida.fill("input[name=family_name]", "Lund")
    frida.fill(
        "textarea[name=need]", "Jag har varit sjukskriven länge och vill tillbaka till jobb."
    )
    frida.locator("main form button[type=submit]").click()
    contact = Contact.objects.get()
    person = contact.person
    expect(frida).to_have_url(url("intake:contact", person.public_id, contact.public_id))
    expect(frida.locator("h1")).to_have_text("Nora Lund")
    assert_accessible(frida)

    # Routed to Anna at AF, who joins the team.
    frida.fill("input[name=username]", world.anna_af_caseworker.username)
    frida.locator("main form button[type=submit]").click()
    expect(frida.get_by_role("status")).to_be_visible()
    expect(frida.locator("section[data-contact]")).to_contain_text(
        world.anna_af_caseworker.display_name
    )

    frida.locator("main a.button").click()
    expect(frida).to_have_url(url("intake:close", person.public_id, contact.public_id))
    assert_accessible(frida)
    # Without a time the contact stays open.
    frida.fill("textarea[name=next_step]", "Anna på AF ringer dig om arbetsträning.")
    submit(frida)
    assert_accessible(frida)
    assert Contact.objects.get().state == ContactState.OPEN

    day = local(3).date().isoformat()
    frida.fill("input[name=date]", day)
    frida.fill("input[name=start_time]", "13:00")
    frida.fill("input[name=end_time]", "14:00")
    frida.check("input[name=channel][value=visit]")
    frida.fill("input[name=place]", "Ingången, Kanalgatan 4, Skellefteå")
    frida.fill("input[name=purpose]", "Planera arbetsträning")
    frida.check(f"input[name=participants][value='{world.anna_af_caseworker.pk}']")
    frida.locator("main form button[type=submit]").click()
    expect(frida).to_have_url(url("intake:summary", person.public_id, contact.public_id))
    assert Contact.objects.get().state == ContactState.CLOSED

    summary = frida.locator("article.print-summary")
    expect(summary).to_contain_text("Nora Lund")
    expect(summary).to_contain_text("Anna på AF ringer dig om arbetsträning.")
    expect(summary).to_contain_text(f"{day} 13:00")
    expect(summary).to_contain_text("Ingången, Kanalgatan 4, Skellefteå")
    expect(summary).to_contain_text(world.anna_af_caseworker.display_name)
    assert_accessible(frida)

    frida.goto(url("intake:reception"))
    expect(frida.locator("section[data-list=today]")).to_contain_text("Nora Lund")
    expect(frida.locator("section[data-list=open]")).not_to_contain_text("Nora Lund")
    assert_accessible(frida)


def test_it_sends_a_team_member_to_the_person_and_tells_an_outsider_to_hand_over(
    world: World, as_user: Callable[..., Page], url: Callable[..., str]
) -> None:
    mia = as_user(world.mia_ame_coordinator)
    mia.goto(url("intake:start"))
    mia.fill("input[name=personal_number]", world.kim.personal_number)
    mia.check("input[name=channel][value=letter]")
    mia.locator("main form button[type=submit]").click()
    expect(mia).to_have_url(url("intake:contact_new", world.kim.public_id, query="kanal=letter"))
    expect(mia.locator("input[name=channel][value=letter]")).to_be_checked()
    assert_accessible(mia)
    submit(mia)
    assert_accessible(mia)

    # Frida is not on Kim's team: the search finds nobody and registering says why it cannot.
    frida = as_user(world.frida_front_desk)
    frida.goto(url("intake:start"))
    frida.fill("input[name=personal_number]", world.kim.personal_number)
    frida.check("input[name=channel][value=visit]")
    frida.locator("main form button[type=submit]").click()
    expect(frida.locator("input[name=step][value=register]")).to_have_count(1)
    frida.fill("input[name=given_name]", "Kim")
    frida.fill("input[name=family_name]", "Andersson")
    frida.fill("textarea[name=need]", "Vill prata med någon")
    submit(frida)
    with override("sv"):
        refusal = gettext(
            "This person is already registered and has a team you are not on. "
            "A contact is recorded by the person's team: ask the person who their "
            "coordinator is and hand over to them, or ask the coordinator to add "
            "you to the team."
        )
    expect(frida.get_by_role("alert")).to_contain_text(refusal)
    assert_accessible(frida)
    assert not Contact.objects.exists()
