"""My pages: signing in and out, the start page, the plan (and its PDF), assessments, timeline.

Every page takes the person from the portal session (`request.portal`), never
from the URL, and reads through ingang.access.own, which logs each read.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingang.access.own import own_record_read, own_timeline_read
from ingang.assessments.selectors import GRID, HEIGHT, WIDTH, assessment_source, progress_of
from ingang.core.categories import Category
from ingang.core.permissions import Need, access_rule
from ingang.meetings.models import MeetingState
from ingang.meetings.selectors import MEETINGS_SOURCE
from ingang.people.models import Person
from ingang.plans.selectors import PLAN_SOURCES, plan_page
from ingang.portal import oidc
from ingang.portal.auth import (
    PortalRequest,
    SignInMethod,
    portal_identity,
    portal_sign_in,
    portal_sign_out,
)
from ingang.portal.forms import DemoSignInForm
from ingang.portal.pdf import pdf_response


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/mina-sidor/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/mina-sidor/"


@access_rule(Need.PUBLIC)
def sign_in(request: HttpRequest) -> HttpResponse:
    """Choose how to sign in: e-ID through the broker, or (demo only) a test person's number."""
    if portal_identity(request) is not None:
        return redirect(_next_url(request))
    form = DemoSignInForm(request.POST or None) if settings.DEMO_MODE else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            portal_sign_in(request, form.person, SignInMethod.DEMO)
            return redirect(_next_url(request))
    return render(
        request,
        "portal/sign_in.html",
        {
            "form": form,
            "e_id": settings.PORTAL_OIDC_ENABLED,
            "next": _next_url(request),
        },
    )


@access_rule(Need.PUBLIC)
def oidc_start(request: HttpRequest) -> HttpResponse:
    if not settings.PORTAL_OIDC_ENABLED:
        raise Http404
    return redirect(oidc.authorization_url(request))


@access_rule(Need.PUBLIC)
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not settings.PORTAL_OIDC_ENABLED:
        raise Http404
    try:
        number = oidc.personal_number_from_callback(request)
    except oidc.SignInFailed:
        messages.error(request, _("The sign-in with e-ID did not succeed. Please try again."))
        return redirect("portal:sign_in")
    person = Person.objects.filter(personal_number=number).first()
    if person is None:
        return render(request, "portal/not_registered.html", status=404)
    portal_sign_in(request, person, SignInMethod.E_ID)
    return redirect("portal:start")


@access_rule(Need.PORTAL)
@require_POST
def sign_out(request: PortalRequest) -> HttpResponse:
    portal_sign_out(request)
    messages.info(request, _("You have signed out of My pages."))
    return redirect("portal:sign_in")


def _next_meeting(meetings: list[object]) -> object | None:
    now = timezone.now()
    upcoming = [
        m
        for m in meetings
        if getattr(m, "state", None) == MeetingState.BOOKED and getattr(m, "ends_at", now) >= now
    ]
    return min(upcoming, key=lambda m: m.starts_at, default=None)  # type: ignore[attr-defined]


@access_rule(Need.PORTAL)
def start(request: PortalRequest) -> HttpResponse:
    record = own_record_read(
        person_id=request.portal.person_id,
        action="portal.start",
        categories=[Category.IDENTITY],
        sources={
            "plan": PLAN_SOURCES["plan"],
            "activities": PLAN_SOURCES["activities"],
            "meetings": MEETINGS_SOURCE,
        },
    )
    plans = record.data["plan"].items
    activities = record.data["activities"].items
    return render(
        request,
        "portal/start.html",
        {
            "record": record,
            "plan": plans[0] if plans else None,
            "activity_count": len(activities),
            "next_meeting": _next_meeting(record.data["meetings"].items),
            "coordinator": record.case.coordinator if record.case is not None else None,
        },
    )


def _plan_context(request: PortalRequest, action: str) -> dict[str, object]:
    record = own_record_read(
        person_id=request.portal.person_id,
        action=action,
        categories=[Category.IDENTITY],
        sources={**PLAN_SOURCES, "meetings": MEETINGS_SOURCE},
    )
    page = plan_page(record)
    return {
        "record": record,
        "page": page,
        "next_meeting": _next_meeting(record.data["meetings"].items),
        "coordinator": record.case.coordinator if record.case is not None else None,
        "today": timezone.localdate(),
    }


@access_rule(Need.PORTAL)
def plan(request: PortalRequest) -> HttpResponse:
    return render(request, "portal/plan.html", _plan_context(request, "portal.plan"))


@access_rule(Need.PORTAL)
def plan_pdf(request: PortalRequest) -> HttpResponse:
    """The plan as a PDF the person can take anywhere."""
    context = _plan_context(request, "portal.plan_pdf")
    stamp = timezone.localdate().isoformat()
    return pdf_response(request, "portal/plan_pdf.html", context, f"min-plan-{stamp}.pdf")


@access_rule(Need.PORTAL)
def assessments(request: PortalRequest) -> HttpResponse:
    record = own_record_read(
        person_id=request.portal.person_id,
        action="portal.assessments",
        categories=[],
        sources={"assessments": assessment_source()},
    )
    items = record.data["assessments"].items
    return render(
        request,
        "portal/assessments.html",
        {
            "assessments": list(reversed(items)),
            "progress": progress_of(items),
            "dates": [a.assessed_on for a in items],
            "chart": {"width": WIDTH, "height": HEIGHT, "grid": GRID},
        },
    )


@access_rule(Need.PORTAL)
def timeline(request: PortalRequest) -> HttpResponse:
    events = own_timeline_read(person_id=request.portal.person_id)
    return render(
        request,
        "portal/timeline.html",
        {"events": events, "recent": timezone.now() - timedelta(days=7)},
    )
