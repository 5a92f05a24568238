"""The participant import for analysts and managers: upload, see the check, confirm.

The checked file waits in the session (under the digest of its content) until
it is confirmed, so what is imported is exactly what was previewed.
"""

import hashlib

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingang.audit.models import Channel
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.imports.forms import UploadForm
from ingang.imports.services import COLUMNS, REQUIRED, participants_import

PENDING = "imports.pending"


def _columns() -> dict[str, list[str]]:
    return {"required": sorted(REQUIRED), "optional": sorted(COLUMNS - REQUIRED)}


@access_rule(Need.ANALYST)
def upload(request: StaffRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        result = participants_import(
            actor=request.user, content=content, file_name=upload.name, dry_run=True
        )
        digest = hashlib.sha256(content).hexdigest()
        if result.ok:
            request.session[PENDING] = {
                "digest": digest,
                "name": upload.name,
                "content": content.hex(),
            }
        return render(
            request, "imports/preview.html", {"result": result, "digest": digest, **_columns()}
        )
    return render(request, "imports/upload.html", {"form": form, **_columns()})


@access_rule(Need.ANALYST)
@require_POST
def confirm(request: StaffRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or pending.get("digest") != request.POST.get("digest"):
        messages.error(request, _("The checked file is no longer waiting. Upload it again."))
        return redirect("imports:upload")
    result = participants_import(
        actor=request.user,
        content=bytes.fromhex(pending["content"]),
        file_name=pending["name"],
        channel=Channel.WEB,
    )
    del request.session[PENDING]
    if not result.ok:  # the data changed between the check and the confirmation
        return render(request, "imports/preview.html", {"result": result, **_columns()})
    messages.success(
        request,
        _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return redirect("imports:upload")
