"""PDF documents from templates, with WeasyPrint: the plan and the data export."""

import weasyprint
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_render(request: HttpRequest, template: str, context: dict[str, object]) -> bytes:
    """Render a template to PDF. Its stylesheet is read from disk, never fetched over the net."""
    html = render_to_string(template, context, request=request)
    css = finders.find("portal/print.css")
    stylesheets = [weasyprint.CSS(filename=str(css))] if css else []
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch)
    return bytes(document.write_pdf(stylesheets=stylesheets))


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # A document must not make the server fetch anything (no SSRF through a template).
    raise ValueError(f"refusing to fetch {url}")


def pdf_response(
    request: HttpRequest, template: str, context: dict[str, object], filename: str
) -> HttpResponse:
    response = HttpResponse(pdf_render(request, template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
