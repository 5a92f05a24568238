from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.timeline.services import timeline_event_emit


@transaction.atomic
def case_open(*, person: Person, actor: User, coordinator: User | None = None) -> Case:
    if Case.objects.filter(person=person, state=CaseState.OPEN).exists():
        raise ValidationError(_("The person already has an open coordination case."))
    coordinator = coordinator or actor
    case = Case.objects.create(person=person, coordinator=coordinator)
    CaseMember.objects.create(case=case, staff=coordinator, added_by=actor)
    timeline_event_emit(
        person=person,
        actor=actor,
        category=Category.PLAN,
        kind="case.opened",
        summary=_("Coordination case opened"),
    )
    return case


@transaction.atomic
def case_member_add(*, case: Case, staff: User, actor: User) -> CaseMember:
    """Add a named staff member to the team. Only people who work with person data qualify."""
    if case.state != CaseState.OPEN:
        raise ValidationError(_("The case is closed."))
    if not staff.is_active or staff.unit is None or not Role(staff.role).reads_person_data:
        raise ValidationError(
            _(
                "Only active front-desk staff, caseworkers, coordinators and "
                "managers can join a case team."
            )
        )
    if CaseMember.objects.filter(case=case, staff=staff).exists():
        raise ValidationError(_("%(name)s is already on the team.") % {"name": staff.display_name})
    member = CaseMember.objects.create(case=case, staff=staff, added_by=actor)
    timeline_event_emit(
        person=case.person,
        actor=actor,
        category=Category.PLAN,
        kind="case.member_added",
        summary=_("%(name)s (%(agency)s) joined the team")
        % {"name": staff.display_name, "agency": staff.agency},
    )
    return member


@transaction.atomic
def case_member_remove(*, member: CaseMember, actor: User) -> None:
    case = member.case
    if member.staff_id == case.coordinator_id:
        raise ValidationError(_("The coordinator cannot leave the team; appoint another first."))
    staff = member.staff
    member.delete()
    timeline_event_emit(
        person=case.person,
        actor=actor,
        category=Category.PLAN,
        kind="case.member_removed",
        summary=_("%(name)s left the team") % {"name": staff.display_name},
    )


@transaction.atomic
def case_close(*, case: Case, actor: User) -> Case:
    case.state = CaseState.CLOSED
    case.closed_at = timezone.now()
    case.save(update_fields=["state", "closed_at"])
    timeline_event_emit(
        person=case.person,
        actor=actor,
        category=Category.PLAN,
        kind="case.closed",
        summary=_("Coordination case closed"),
    )
    return case
