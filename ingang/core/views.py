from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from ingang.access.selectors import (
    ListedItem,
    Listing,
    items_listed_read,
    my_cases_read,
    people_listed_read,
)
from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.consent.selectors import consents_expiring_for
from ingang.core.categories import Category
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.meetings.selectors import meetings_upcoming_for
from ingang.notifications.models import Notification
from ingang.plans.clashes import RULES_BY_CODE
from ingang.plans.selectors import clashes_open_for_staff
from ingang.referrals.models import ReferralState
from ingang.referrals.selectors import referrals_waiting_for

# Each section of the dashboard shows at most this many rows and links to the full list.
SECTION_ROWS = 10


@dataclass(frozen=True)
class ClashRow:
    listed: ListedItem
    title: str


@dataclass(frozen=True)
class Dashboard:
    """What a caseworker looks at first, every row as far as the gate allows now."""

    unread: list[tuple[Notification, ListedItem]]
    clashes: list[ClashRow]
    meetings: list[ListedItem]
    referrals_sent: list[ListedItem]
    referrals_incoming: int


def _dashboard(user: User) -> Dashboard:
    """One gated read for all sections: one event pair per person shown on the page."""
    agency_id = user.agency.pk if user.agency is not None else None
    notifications = list(
        Notification.objects.filter(recipient=user, read_at__isnull=True).select_related(
            "event__person", "event__owning_agency", "event__actor"
        )[:SECTION_ROWS]
    )
    clashes = list(clashes_open_for_staff(user)[:SECTION_ROWS])
    meetings = list(meetings_upcoming_for(user)[:SECTION_ROWS])
    referrals = list(referrals_waiting_for(user).select_related("person")[: SECTION_ROWS * 2])
    # Incoming referrals are for people the reader is not yet related to: the
    # dashboard shows how many wait and links to the inbox, which shows them.
    incoming = [
        r for r in referrals if r.receiving_agency_id == agency_id and r.state == ReferralState.SENT
    ]
    sent = [r for r in referrals if r not in incoming][:SECTION_ROWS]
    listings: dict[str, Listing] = {
        "unread": Listing(None, [n.event for n in notifications]),
        "clashes": Listing(Category.PLAN, clashes),
        "meetings": Listing(Category.PLAN, meetings),
        "referrals": Listing(Category.PLAN, sent),
    }
    shown = items_listed_read(reader=user, listings=listings, action="dashboard.view")
    return Dashboard(
        unread=list(zip(notifications, shown["unread"], strict=True)),
        clashes=[
            ClashRow(listed, str(RULES_BY_CODE[c.rule].title) if c.rule in RULES_BY_CODE else "")
            for c, listed in zip(clashes, shown["clashes"], strict=True)
        ],
        meetings=shown["meetings"],
        referrals_sent=shown["referrals"],
        referrals_incoming=len(incoming),
    )


@access_rule(Need.STAFF)
def home(request: StaffRequest) -> HttpResponse:
    """The staff start page: for those who work with people, the caseworker's dashboard."""
    user = request.user
    context: dict[str, Any] = {}
    if Role(user.role).reads_person_data:
        page, listed = my_cases_read(reader=user, page=request.GET.get("sida"))
        expiring = list(consents_expiring_for(staff=user))
        names = people_listed_read(
            reader=user, people=[c.person for c in expiring], action="consent.expiring"
        )
        context["cases"] = [(case, listed[case.person_id]) for case in page]
        context["page"] = page
        context["expiring"] = [(c, names[c.person_id]) for c in expiring]
        context["dashboard"] = _dashboard(user)
    return render(request, "core/home.html", context)
