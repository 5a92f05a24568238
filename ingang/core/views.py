from django.http import HttpResponse
from django.shortcuts import render

from ingang.access.selectors import my_cases_read, people_listed_read
from ingang.agencies.models import Role
from ingang.consent.selectors import consents_expiring_for
from ingang.core.permissions import Need, StaffRequest, access_rule


@access_rule(Need.STAFF)
def home(request: StaffRequest) -> HttpResponse:
    """The staff start page: own cases and expiring consents for those who work with people."""
    user = request.user
    context: dict[str, object] = {}
    if Role(user.role).reads_person_data:
        page, listed = my_cases_read(reader=user, page=request.GET.get("sida"))
        expiring = list(consents_expiring_for(staff=user))
        names = people_listed_read(
            reader=user, people=[c.person for c in expiring], action="consent.expiring"
        )
        context["cases"] = [(case, listed[case.person_id]) for case in page]
        context["page"] = page
        context["expiring"] = [(c, names[c.person_id]) for c in expiring]
    return render(request, "core/home.html", context)
