"""My pages: download all data held about me (GDPR art. 15 and 20), as JSON and as PDF."""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from ingang.access.own import own_record_read
from ingang.access.selectors import subject_of
from ingang.core.categories import Category
from ingang.core.permissions import Need, access_rule
from ingang.portal.auth import PortalRequest
from ingang.portal.export import export_document, export_json_chunks, export_read
from ingang.portal.pdf import pdf_response


@access_rule(Need.PORTAL)
def my_data(request: PortalRequest) -> HttpResponse:
    """What the export holds, and the two downloads."""
    record = own_record_read(
        person_id=request.portal.person_id, action="portal.my_data", categories=[Category.IDENTITY]
    )
    return render(request, "portal/my_data.html", {"record": record})


def _filename(extension: str) -> str:
    return f"mina-uppgifter-{timezone.localdate().isoformat()}.{extension}"


@access_rule(Need.PORTAL)
def export_json(request: PortalRequest) -> StreamingHttpResponse:
    # Read (and logged) in one transaction before the first byte; then streamed.
    record = export_read(person_id=request.portal.person_id, action="portal.export_json")
    document = export_document(record, subject_of(record))
    response = StreamingHttpResponse(
        export_json_chunks(document), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    response["Cache-Control"] = "no-store"
    return response


@access_rule(Need.PORTAL)
def export_pdf(request: PortalRequest) -> HttpResponse:
    record = export_read(person_id=request.portal.person_id, action="portal.export_pdf")
    document = export_document(record, subject_of(record))
    return pdf_response(request, "portal/my_data_pdf.html", {"doc": document}, _filename("pdf"))
