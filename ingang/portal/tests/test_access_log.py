"""My pages, who has read my data: the list is the access log, exactly; flags reach the auditors."""

import re
from collections.abc import Callable

import pytest
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from ingang.access.decisions import Reason
from ingang.access.own import access_event_token
from ingang.access.selectors import person_record_read
from ingang.audit.models import AccessEvent, AccessEventFlag, Channel, Outcome
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.portal.log_views import PER_PAGE
from ingang.portal.plain import basis_plain
from ingang.portal.tests.conftest import Portal
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World

pytestmark = pytest.mark.django_db

PortalLogin = Callable[[Person], Client]
LOG = "/mina-sidor/vem-har-last/"
FLAG = "/mina-sidor/vem-har-last/flagga/"
SALT = "ingang.portal.access-event"  # access_event_token's
TOKEN = re.compile(r'data-token="([^"]+)"')


def overview(client: Client, person: Person) -> int:
    url = reverse("people:overview", kwargs={"public_id": person.public_id})
    return client.get(url).status_code


def staff_reads(portal: Portal, client: Client, login: LoginAs) -> None:
    """Reads of Kim (allowed, denied, refused outright, through the API) and of Lo."""
    world = portal.world
    login(world.anna_af_caseworker)
    for _ in range(PER_PAGE // 2):  # enough for two pages
        assert overview(client, world.kim) == 200  # one allowed and one denied event each
    assert overview(client, portal.lo) == 200  # Lo's: never on Kim's list
    login(world.henrik_region_nurse)
    assert overview(client, world.kim) == 404  # not on the team: a logged denial
    person_record_read(
        reader=world.farid_fk_officer,
        public_id=world.kim.public_id,
        categories=[Category.INSURANCE],
        channel=Channel.API,
    )


def listed_seqs(client: Client) -> list[int]:
    """Every entry the person's log shows, page by page, as access event numbers."""
    seqs: list[int] = []
    page = 1
    while True:
        response = client.get(LOG, {"sida": page})
        assert response.status_code == 200
        tokens = TOKEN.findall(response.content.decode())
        seqs += [signing.loads(t, salt=SALT) for t in tokens]
        if not response.context["page"].has_next():
            return seqs
        page += 1


def test_the_list_is_exactly_the_staff_and_system_reads_of_the_person(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    staff_reads(portal, client, login)
    portal_login(world.kim)
    client.get("/mina-sidor/plan/")  # the person's own reads are logged, but not listed

    shown = listed_seqs(client)

    expected = list(
        AccessEvent.objects.filter(person=world.kim, actor__isnull=False)
        .exclude(channel=Channel.PORTAL)
        .order_by("-occurred_at", "-seq")
        .values_list("seq", flat=True)
    )
    assert shown == expected  # every one, once, newest first, over more than one page
    assert len(shown) > PER_PAGE
    outcomes = set(AccessEvent.objects.filter(seq__in=shown).values_list("outcome", flat=True))
    assert outcomes == {Outcome.ALLOWED, Outcome.DENIED}
    actors = set(AccessEvent.objects.filter(seq__in=shown).values_list("actor", flat=True))
    assert world.henrik_region_nurse.pk in actors  # refused outright, still shown
    assert AccessEvent.objects.filter(seq__in=shown, channel=Channel.API).count() == 1
    assert AccessEvent.objects.filter(person=world.kim, channel=Channel.PORTAL).exists()
    lo_seqs = set(AccessEvent.objects.filter(person=portal.lo).values_list("seq", flat=True))
    assert lo_seqs and not lo_seqs & set(shown)


def test_each_entry_says_who_what_and_why_in_plain_words(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    login(world.anna_af_caseworker)
    overview(client, world.kim)
    portal_login(world.kim)

    response = client.get(LOG)

    html = response.content.decode()
    rows = response.context["rows"]
    assert len(rows) == 2
    allowed = next(r for r in rows if r.allowed)
    denied = next(r for r in rows if not r.allowed)
    assert (allowed.name, allowed.agency, allowed.unit) == (
        "Anna Lind",
        "Arbetsförmedlingen",
        "Skellefteå",
    )
    given = timezone.localdate(world.kim_consent.registered_at).isoformat()
    plan = next(group for group in allowed.groups if "plan" in group.categories)
    assert plan.why == [gettext("Your consent of {date}.").format(date=given)]
    event = AccessEvent.objects.get(seq=signing.loads(allowed.token, salt=SALT))
    consent_basis = f"consent:{world.kim_consent.public_id}"
    assert plan.categories == sorted(c for c, b in event.basis.items() if b == consent_basis)
    health = next(group for group in denied.groups if "health" in group.categories)
    assert health.why == [gettext("You have not given consent to their agency.")]
    assert escape(gettext("Health and care (the region)")) in html
    for text in ("Anna Lind", given, gettext("You have not given consent to their agency.")):
        assert escape(text) in html


def test_every_basis_and_reason_the_gate_writes_has_plain_words() -> None:
    allowed = [
        "own_agency",
        "consent:1b1e5a35-92a6-4a57-8d1c-3b9f3c62a8a1",
        "log_review",
        "search_by_identity_number",
        "referral:x;consent:y",
    ]
    denied = [
        v
        for k, v in vars(Reason).items()
        if k.isupper() and v not in (Reason.OWN_AGENCY, Reason.CONSENT)
    ] + ["duplicate", "no_consent;consent_expired"]
    unknown = gettext("Another reason (code: {code}).").split("(")[0]
    for value in allowed:
        assert not any(unknown in s for s in basis_plain(value, Outcome.ALLOWED, {})), value
    for value in denied:
        assert not any(unknown in s for s in basis_plain(value, Outcome.DENIED, {})), value
    assert unknown in basis_plain("something_new", Outcome.DENIED, {})[0]


def test_flagging_an_entry_makes_exactly_one_flag_for_the_auditors(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    login(world.anna_af_caseworker)
    overview(client, world.kim)
    portal_login(world.kim)
    row = client.get(LOG).context["rows"][0]

    response = client.post(
        FLAG, {"token": row.token, "comment": " Jag känner inte igen henne ", "sida": "1"}
    )
    again = client.post(FLAG, {"token": row.token, "comment": "igen"})

    assert response.status_code == again.status_code == 302
    assert response["Location"] == LOG + "?sida=1"
    flag = AccessEventFlag.objects.get()
    event = AccessEvent.objects.get(seq=signing.loads(row.token, salt=SALT))
    assert (flag.event, flag.person, flag.comment) == (
        event,
        world.kim,
        "Jag känner inte igen henne",
    )
    rows = client.get(LOG).context["rows"]
    # Tokens are signed with a timestamp: compare the events they stand for.
    flagged_seq = signing.loads(row.token, salt=SALT)
    assert [r.flagged for r in rows] == [
        signing.loads(r.token, salt=SALT) == flagged_seq for r in rows
    ]


def test_a_forged_token_or_another_persons_entry_is_not_found(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    login(world.anna_af_caseworker)
    overview(client, portal.lo)
    los_event = AccessEvent.objects.filter(person=portal.lo, actor__isnull=False).first()
    assert los_event is not None
    kims_own = AccessEvent.objects.filter(person=world.kim, channel=Channel.PORTAL)
    portal_login(world.kim).get("/mina-sidor/")
    own_read = kims_own.first()
    assert own_read is not None

    for token in (
        access_event_token(los_event),  # a genuine token, but Lo's read
        access_event_token(own_read),  # Kim's own portal read: not on the list
        signing.dumps(los_event.seq, salt="another-salt"),
        "not-a-token",
    ):
        assert client.post(FLAG, {"token": token}).status_code == 404
    assert client.post(FLAG, {}).status_code == 404
    assert not AccessEventFlag.objects.exists()


def test_a_too_long_comment_is_refused_with_a_message(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin
) -> None:
    world = portal.world
    login(world.anna_af_caseworker)
    overview(client, world.kim)
    portal_login(world.kim)
    token = client.get(LOG).context["rows"][0].token

    response = client.post(FLAG, {"token": token, "comment": "x" * 1001}, follow=True)

    assert response.status_code == 200
    assert not AccessEventFlag.objects.exists()
    assert list(response.context["messages"])


@pytest.mark.parametrize("setting", ["shown", "on_request"])
def test_staff_names_follow_the_setting(
    portal: Portal, client: Client, login: LoginAs, portal_login: PortalLogin, setting: str
) -> None:
    world = portal.world
    login(world.anna_af_caseworker)
    overview(client, world.kim)
    portal_login(world.kim)

    with override_settings(PORTAL_STAFF_NAMES=setting):
        html = client.get(LOG).content.decode()

    assert "Arbetsförmedlingen" in html
    assert ("Anna Lind" in html) is (setting == "shown")
    on_request = escape(gettext("Name given on request"))
    assert (on_request in html) is (setting == "on_request")
    if setting == "on_request":
        assert 'href="/mina-sidor/meddelanden/"' in html


def test_viewing_the_list_is_logged_and_the_person_never_reaches_it_unsigned(
    portal: Portal, client: Client
) -> None:
    assert client.get(LOG).status_code == 302
    assert client.post(FLAG, {"token": "x"}).status_code == 302
    client.post("/mina-sidor/logga-in/", {"personal_number": portal.world.kim.formatted_number})
    client.get(LOG)
    assert (
        AccessEvent.objects.filter(
            person=portal.world.kim, action="portal.access_log", channel=Channel.PORTAL
        ).count()
        == 1
    )


def test_a_person_with_no_reads_sees_an_empty_list(world: World, portal_login: PortalLogin) -> None:
    response = portal_login(world.kim).get(LOG)
    assert response.status_code == 200
    assert response.context["rows"] == []
