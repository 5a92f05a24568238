"""My pages: who has read my data (vem har läst), and "I don't recognise this".

Every read of the person's data by staff or an agency's system is listed,
allowed and denied, newest first, with the legal basis in plain words. The
person's own reads on My pages are not listed (ingang.access.own). Entries
are referred to by an opaque signed token, never by their sequence number.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingang.access.own import access_event_token, own_access_event, own_access_log_read
from ingang.agencies.models import Role
from ingang.audit.models import AccessEvent, AccessEventFlag, Channel, Outcome
from ingang.core.permissions import Need, access_rule
from ingang.portal.auth import PortalRequest
from ingang.portal.consent_forms import FlagForm
from ingang.portal.flags import access_event_flag
from ingang.portal.plain import ReadGroup, consent_ids_in, consents_given_on, read_groups

PER_PAGE = 25
NAMES_SHOWN = "shown"


@dataclass(frozen=True)
class LogRow:
    token: str
    occurred_at: datetime
    allowed: bool
    agency: str
    unit: str
    role: str
    # None when names are given on request only (settings.PORTAL_STAFF_NAMES).
    name: str | None
    through_system: bool
    groups: list[ReadGroup]
    flagged: bool


def _role(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value


def _rows(person_id: int, events: list[AccessEvent]) -> list[LogRow]:
    given_on = consents_given_on(person_id, consent_ids_in(events))
    flagged = set(
        AccessEventFlag.objects.filter(person_id=person_id, event__in=events).values_list(
            "event_id", flat=True
        )
    )
    names = settings.PORTAL_STAFF_NAMES == NAMES_SHOWN
    return [
        LogRow(
            token=access_event_token(e),
            occurred_at=e.occurred_at,
            allowed=e.outcome == Outcome.ALLOWED,
            agency=e.actor_agency,
            unit=e.actor_unit,
            role=_role(e.actor_role),
            name=e.actor_name if names else None,
            through_system=e.channel != Channel.WEB,
            groups=read_groups(e, given_on),
            flagged=e.pk in flagged,
        )
        for e in events
    ]


@access_rule(Need.PORTAL)
def access_log(request: PortalRequest) -> HttpResponse:
    person_id = request.portal.person_id
    page = own_access_log_read(
        person_id=person_id, page=request.GET.get("sida") or 1, per_page=PER_PAGE
    )
    return render(
        request,
        "portal/access_log.html",
        {
            "page": page,
            "rows": _rows(person_id, list(page.object_list)),
            "names_shown": settings.PORTAL_STAFF_NAMES == NAMES_SHOWN,
        },
    )


@access_rule(Need.PORTAL)
@require_POST
def access_log_flag(request: PortalRequest) -> HttpResponse:
    """Flag one entry. A forged token, or an entry about someone else, is a 404."""
    form = FlagForm(request.POST)
    if not form.is_valid():
        if "token" in form.errors:
            raise Http404
        messages.error(request, " ".join(str(e) for e in form.errors["comment"]))
        return _back(request)
    event = own_access_event(person_id=request.portal.person_id, token=form.cleaned_data["token"])
    _flag, created = access_event_flag(
        person_id=request.portal.person_id, event=event, comment=form.cleaned_data["comment"]
    )
    if created:
        messages.success(
            request,
            _("Thank you. The entry is marked. The people who check the log will look at it."),
        )
    else:
        messages.info(request, _("You have already marked this entry."))
    return _back(request)


def _back(request: PortalRequest) -> HttpResponse:
    target = reverse("portal:access_log")
    page = request.POST.get("sida", "")
    if page.isdigit():
        target += "?" + urlencode({"sida": page})
    return redirect(target)
