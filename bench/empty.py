"""The empty pages P2 divides the plan page by. Used only by config.urls_bench.

The issue asks for "an empty page with the same middleware", and `empty_page`
is that, read literally: the request goes through the whole middleware stack
(sessions, CSRF, authentication, OTP, messages, session timeout, Axes), and
the view carries the same access rule as the plan page (Need.STAFF), so the
signed-in reader's session, user and second-factor device are loaded and
checked exactly as on the plan page. The response is a fixed HttpResponse:
no template, no context processors, no gate, no access event. P2's target
(≥ 0.35) is measured against this page.

`layout_page` renders base.html with nothing in its content block (the site
menu, language form, CSRF token and the reader's name and agency, through the
same context processors). It is reported beside P2 for information only: the
ratio against it shows what the plan page costs beyond the layout every page
pays, which the literal reading charges to the plan page.

`floor_page` is the least any page showing a person's data can cost: one read
through the gate (identity only: the person, the rules' inputs, one access
event, the commit) and base.html with nothing else. It bounds P2 from above:
no plan page, however fast its own queries and markup, can beat
empty ÷ floor. Reported for information.
"""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.template import engines

from ingang.access.selectors import person_record_read
from ingang.core.categories import Category
from ingang.core.permissions import Need, StaffRequest, access_rule

EMPTY_BODY = b"<!DOCTYPE html><title>Tom</title><main></main>"

_LAYOUT = engines["django"].from_string('{% extends "base.html" %}')


@access_rule(Need.STAFF)
def empty_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Takes the person's id like the plan page, and ignores it."""
    return HttpResponse(EMPTY_BODY)


@access_rule(Need.STAFF)
def layout_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return HttpResponse(_LAYOUT.render({}, request))


@access_rule(Need.STAFF)
def floor_page(request: StaffRequest, public_id: UUID) -> HttpResponse:
    person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="bench.floor",
    )
    return HttpResponse(_LAYOUT.render({}, request))
