"""The authorization matrix: every role × every view that touches person data × object state.

An unexpected allow or deny anywhere fails the test. A second test makes
sure no person-data URL escapes the table.
"""

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ingang.access.tests.states import STATES, Subject, build_subject
from ingang.agencies.models import Role
from ingang.audit.models import AccessEvent
from ingang.testing.factories import StaffFactory
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World


@dataclass(frozen=True)
class View:
    name: str
    ok: int  # status for a reader the gate lets in
    needs: str = ""  # extra URL argument: "consent", "member" or one of SUB_OBJECTS


PERSON_VIEWS = [
    View("people:overview", 200),
    View("people:team", 200),
    View("people:team_remove", 302, "member"),
    View("people:entry_add", 200),
    View("consent:list", 200),
    View("consent:new", 200),
    View("consent:withdraw", 200, "consent"),
    View("consent:block_new", 200),
    View("consent:block_lift", 404, "block"),
    View("audit:person_log", 200),
    View("timeline:person", 200),
    View("referrals:list", 200),
    View("referrals:new", 200),
    View("referrals:detail", 404, "referral"),
    View("assessments:list", 200),
    View("assessments:new", 200),
    View("meetings:person", 200),
    View("meetings:book", 200),
    View("meetings:detail", 404, "meeting"),
    View("meetings:outcome", 404, "meeting"),
    View("meetings:cancel", 404, "meeting"),
    View("meetings:reschedule", 404, "meeting"),
    View("intake:contact_new", 200),
    View("intake:contact", 404, "contact"),
    View("intake:close", 404, "contact"),
    View("intake:summary", 404, "contact"),
    View("plans:plan", 200),
    View("plans:history", 200),
    View("plans:goal", 200),
    View("plans:sub_goal_new", 200),
    View("plans:activity_new", 200),
    View("plans:activity_edit", 404, "activity"),
    View("plans:activity_status", 404, "activity"),
    View("plans:clash_acknowledge", 404, "clash"),
    View("followup:person", 200),
    View("followup:person_new", 200),
]

# Views of one item of a person's data: with an id that matches nothing, the
# person is read (and logged as allowed) before the item is found missing.
SUB_OBJECTS = {"block", "referral", "meeting", "contact", "activity", "clash"}


def url_for(view: View, subject: Subject) -> str:
    kwargs: dict[str, object] = {"public_id": subject.public_id}
    if view.needs == "consent":
        kwargs["consent_id"] = subject.consent_id
    elif view.needs in ("activity", "clash"):
        kwargs[f"{view.needs}_id"] = 999_999
    elif view.needs in SUB_OBJECTS:
        kwargs[f"{view.needs}_id"] = uuid.uuid4()
    elif view.needs == "member":
        kwargs["member_id"] = 999_999
    return reverse(view.name, kwargs=kwargs)


def expected_status(view: View, role: Role, state: str) -> int:
    related = STATES[state].related
    if view.name == "audit:person_log" and role is Role.AUDITOR:
        return 200 if state != "nonexistent" else 404  # log review is not bound to teams
    if not role.reads_person_data or not related:
        return 404  # "not allowed" looks exactly like "not found"
    return view.ok


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_it_allows_and_denies_exactly_per_the_matrix(
    world: World, client: Client, login: LoginAs, role: Role
) -> None:
    reader = StaffFactory.create(unit=world.af_unit, role=role, username=f"af-{role.value}")
    subjects = {state: build_subject(world, state, [reader]) for state in STATES}
    login(reader)
    surprises = []
    for state, subject in subjects.items():
        for view in PERSON_VIEWS:
            before = AccessEvent.objects.count()
            response = client.get(url_for(view, subject))
            want = expected_status(view, role, state)
            if response.status_code != want:
                surprises.append(f"{view.name} {state}: {response.status_code}, expected {want}")
            events = AccessEvent.objects.filter(seq__gt=before)
            if not events.exists():
                surprises.append(f"{view.name} {state}: no access event")
            if response.status_code == 404 and view.needs not in SUB_OBJECTS:
                denied = list(events)
                if len(denied) != 1 or denied[0].outcome != "denied":
                    surprises.append(f"{view.name} {state}: 404 must leave one denial event")
    assert surprises == []


@pytest.mark.parametrize("state", list(STATES))
def test_it_shows_the_af_caseworker_exactly_what_the_state_allows(
    world: World, client: Client, login: LoginAs, state: str
) -> None:
    reader = world.anna_af_caseworker
    subject = build_subject(world, state, [reader])
    login(reader)
    response = client.get(reverse("people:overview", kwargs={"public_id": subject.public_id}))
    expect = STATES[state]
    if not expect.related:
        assert response.status_code == 404
        return
    record = response.context["record"]
    titles = {e.title for section in record.sections for e in section.entries}
    social = next(s for s in record.sections if s.category == "social")
    assert titles == expect.titles
    assert (record.identity is not None) == expect.identity
    assert (None if social.cross_agency.allowed else social.cross_agency.reason) == (
        expect.social_reason
    )
    # The reason for what is withheld is on the page, not only in the context.
    if expect.social_reason:
        assert str(social.cross_agency.explanation) in response.content.decode()


def _person_urls(
    patterns: list[URLPattern | URLResolver], prefix: str = "", route: str = ""
) -> set[str]:
    """Names of every URL that takes a person's id (other objects' UUIDs aside)."""
    names: set[str] = set()
    for pattern in patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _person_urls(pattern.url_patterns, namespace, here)
        elif "personer/<uuid:public_id>" in here:
            names.add(f"{prefix}{pattern.name}")
    return names


def test_it_covers_every_person_url_in_the_matrix() -> None:
    assert _person_urls(get_resolver().url_patterns) == {v.name for v in PERSON_VIEWS}
