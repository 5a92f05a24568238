from django.http import HttpResponse
from django.shortcuts import render

from ingang.access.selectors import my_cases_read
from ingang.agencies.models import Role
from ingang.consent.selectors import consents_expiring_for
from ingang.core.permissions import Need, StaffRequest, access_rule


@access_rule(Need.STAFF)
def home(request: StaffRequest) -> HttpResponse:
    """The staff start page: own cases and expiring consents for those who work with people."""
    user = request.user
    context: dict[str, object] = {}
    if Role(user.role).reads_person_data:
        cases = my_cases_read(reader=user)
        names = {item.public_id: item.name for item in cases}
        context["cases"] = cases
        context["expiring"] = [
            {"consent": c, "name": names.get(c.person.public_id)}
            for c in consents_expiring_for(staff=user)
        ]
    return render(request, "core/home.html", context)
