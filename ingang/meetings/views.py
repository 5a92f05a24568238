from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.selectors import (
    ListedItem,
    PersonNotFound,
    PersonRecord,
    Source,
    case_of,
    person_record_read,
)
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.meetings.forms import CancelForm, MeetingBookForm, MeetingTimeForm, OutcomeForm
from ingang.meetings.models import Meeting
from ingang.meetings.selectors import MEETINGS_SOURCE, calendar_read, meetings_of, team_staff
from ingang.meetings.services import (
    meeting_book,
    meeting_cancel,
    meeting_outcome_record,
    meeting_reschedule,
)


def _read_one(
    request: StaffRequest, public_id: UUID, meeting_id: UUID, action: str
) -> tuple[PersonRecord, Meeting]:
    """One meeting through the gate; 404 when the reader may not see it."""
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action=action,
        sources={
            "meeting": Source(
                Category.PLAN, lambda person: meetings_of(person).filter(public_id=meeting_id)
            )
        },
    )
    items = record.data["meeting"].items
    if not items:
        raise PersonNotFound
    meeting: Meeting = items[0]
    return record, meeting


def _monday(raw: str | None) -> date:
    today = timezone.localdate()
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        day = today
    return day - timedelta(days=day.weekday())


@access_rule(Need.PERSON_DATA)
def calendar(request: StaffRequest) -> HttpResponse:
    """My meetings for one week, day by day, as far as the gate lets me see them."""
    monday = _monday(request.GET.get("vecka"))
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(monday, time.min), zone)
    end = timezone.make_aware(datetime.combine(monday + timedelta(days=7), time.min), zone)
    listed = calendar_read(reader=request.user, start=start, end=end)
    days: list[tuple[date, list[ListedItem]]] = [(monday + timedelta(days=n), []) for n in range(7)]
    withheld: list[ListedItem] = []
    for entry in listed:
        if entry.item is None:
            withheld.append(entry)
            continue
        day = timezone.localtime(entry.item.starts_at).date()
        days[(day - monday).days][1].append(entry)
    context = {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "days": days,
        "withheld": withheld,
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "today": timezone.localdate(),
    }
    return render(request, "meetings/calendar.html", context)


@access_rule(Need.STAFF)
def person_meetings(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="meeting.list",
        sources={"meetings": MEETINGS_SOURCE},
    )
    section = record.data["meetings"]
    now = timezone.now()
    upcoming = sorted((m for m in section.items if m.ends_at >= now), key=lambda m: m.starts_at)
    past = [m for m in section.items if m.ends_at < now]
    return render(
        request,
        "meetings/person_meetings.html",
        {"record": record, "section": section, "upcoming": upcoming, "past": past},
    )


@access_rule(Need.STAFF)
def book(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="meeting.book",
    )
    case = case_of(record)
    form = MeetingBookForm(request.POST or None, team=team_staff(case))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_book(actor=request.user, case=case, **form.booking())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The meeting is booked."))
            return redirect("meetings:detail", public_id=public_id, meeting_id=meeting.public_id)
    return render(request, "meetings/book.html", {"record": record, "form": form})


@access_rule(Need.STAFF)
def detail(request: StaffRequest, public_id: UUID, meeting_id: UUID) -> HttpResponse:
    record, meeting = _read_one(request, public_id, meeting_id, "meeting.view")
    participants = list(meeting.participants.all())
    return render(
        request,
        "meetings/detail.html",
        {
            "record": record,
            "meeting": meeting,
            "participants": participants,
            "is_participant": request.user in participants,
            "has_started": meeting.starts_at <= timezone.now(),
            "form": OutcomeForm(),
        },
    )


@access_rule(Need.STAFF)
def outcome(request: StaffRequest, public_id: UUID, meeting_id: UUID) -> HttpResponse:
    record, meeting = _read_one(request, public_id, meeting_id, "meeting.outcome")
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_outcome_record(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The outcome is noted."))
            return redirect("meetings:detail", public_id=public_id, meeting_id=meeting_id)
    return render(
        request,
        "meetings/outcome.html",
        {"record": record, "meeting": meeting, "form": form},
    )


@access_rule(Need.STAFF)
def cancel(request: StaffRequest, public_id: UUID, meeting_id: UUID) -> HttpResponse:
    record, meeting = _read_one(request, public_id, meeting_id, "meeting.cancel")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The meeting is cancelled."))
            return redirect("meetings:person", public_id=public_id)
    return render(
        request,
        "meetings/cancel.html",
        {"record": record, "meeting": meeting, "form": form},
    )


@access_rule(Need.STAFF)
def reschedule(request: StaffRequest, public_id: UUID, meeting_id: UUID) -> HttpResponse:
    record, meeting = _read_one(request, public_id, meeting_id, "meeting.reschedule")
    local = timezone.localtime(meeting.starts_at)
    initial = {
        "date": local.date(),
        "start_time": local.time(),
        "end_time": timezone.localtime(meeting.ends_at).time(),
        "channel": meeting.channel,
        "place": meeting.place,
    }
    form = MeetingTimeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_reschedule(meeting=meeting, actor=request.user, **form.times())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The meeting is moved."))
            return redirect("meetings:detail", public_id=public_id, meeting_id=meeting_id)
    return render(
        request,
        "meetings/reschedule.html",
        {"record": record, "meeting": meeting, "form": form},
    )
