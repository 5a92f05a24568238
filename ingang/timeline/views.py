from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import render

from ingang.access.selectors import timeline_read
from ingang.core.permissions import Need, StaffRequest, access_rule


@access_rule(Need.STAFF)
def person_timeline(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record, events = timeline_read(reader=request.user, public_id=public_id)
    return render(request, "timeline/person.html", {"record": record, "events": events})
