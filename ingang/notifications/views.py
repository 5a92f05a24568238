from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.notifications.forms import MarkReadForm, PreferencesForm
from ingang.notifications.selectors import inbox_read, preferences_of
from ingang.notifications.services import notifications_mark_read, preferences_save


@access_rule(Need.PERSON_DATA)
def inbox(request: StaffRequest) -> HttpResponse:
    unread_only = request.GET.get("visa") == "olasta"
    page, rows = inbox_read(
        reader=request.user, page=request.GET.get("sida"), unread_only=unread_only
    )
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "rows": rows, "unread_only": unread_only},
    )


@require_POST
@access_rule(Need.PERSON_DATA)
def mark_read(request: StaffRequest) -> HttpResponse:
    form = MarkReadForm(request.POST)
    if form.is_valid():
        one = form.cleaned_data["notification"]
        changed = notifications_mark_read(
            recipient=request.user, ids=[one] if one is not None else None
        )
        if one is None:
            messages.success(request, _("All notifications are marked as read."))
        elif changed:
            messages.success(request, _("The notification is marked as read."))
    return redirect("notifications:inbox")


@access_rule(Need.PERSON_DATA)
def preferences(request: StaffRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial_choices=preferences_of(user=request.user))
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
