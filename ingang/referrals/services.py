"""Writes for referrals: send, and every change of state through one table-driven service."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.agencies.models import Agency, Role
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.cases.services import case_member_add
from ingang.core.categories import Category
from ingang.referrals.consent import referral_consent_check
from ingang.referrals.models import Referral, ReferralState, ReferralTransition, Urgency
from ingang.referrals.transitions import NOTE_REQUIRED, SIDE_MESSAGES, Side, side_for
from ingang.timeline.services import timeline_event_emit


def _require_consent(*, case: Case, agency: Agency, field: str | None = None) -> None:
    check = referral_consent_check(person=case.person, agency=agency, today=timezone.localdate())
    if not check.allowed:
        messages = [str(p.explanation) for p in check.problems]
        raise ValidationError({field: messages} if field else messages)


@transaction.atomic
def referral_send(
    *,
    case: Case,
    actor: User,
    receiving_agency: Agency,
    reason: str,
    requested_activity: str,
    urgency: Urgency | str = Urgency.ROUTINE,
) -> Referral:
    """Refer the person to another agency. Refused unless a current consent covers it."""
    ensure_may_act(actor=actor, person=case.person)
    sender = actor.agency
    if sender is None:
        raise ValidationError(_("Only staff of an agency send referrals."))
    if case.state != CaseState.OPEN:
        raise ValidationError(_("The case is closed."))
    if receiving_agency.pk == sender.pk:
        raise ValidationError(
            {"receiving_agency": _("A referral goes to another agency than your own.")}
        )
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Describe why the person is referred.")
    if not requested_activity.strip():
        errors["requested_activity"] = _("Say what you ask the other agency to do.")
    if urgency not in Urgency.values:
        errors["urgency"] = _("Choose an urgency.")
    if errors:
        raise ValidationError(errors)
    _require_consent(case=case, agency=receiving_agency, field="receiving_agency")
    now = timezone.now()
    referral = Referral.objects.create(
        person=case.person,
        case=case,
        owning_agency=sender,
        receiving_agency=receiving_agency,
        sent_by=actor,
        reason=reason.strip(),
        requested_activity=requested_activity.strip(),
        urgency=urgency,
        sent_at=now,
        last_changed_at=now,
    )
    ReferralTransition.objects.create(
        referral=referral,
        from_state="",
        to_state=ReferralState.SENT,
        actor=actor,
        actor_agency=sender,
        occurred_at=now,
    )
    timeline_event_emit(
        person=case.person,
        actor=actor,
        category=Category.PLAN,
        kind="referral.sent",
        summary=_("Referral sent to %(agency)s") % {"agency": receiving_agency.name},
    )
    return referral


def sides_of(*, actor: User, referral: Referral) -> set[Side]:
    """Which side(s) of the referral the actor acts for (none for outsiders)."""
    agency = actor.agency
    if agency is None or not actor.is_active or not Role(actor.role).reads_person_data:
        return set()
    sides: set[Side] = set()
    if agency.pk == referral.receiving_agency_id:
        sides.add(Side.RECEIVER)
    if agency.pk == referral.owning_agency_id:
        try:
            ensure_may_act(actor=actor, person=referral.person)
        except PermissionDenied:
            pass
        else:
            sides.add(Side.SENDER)
    return sides


def _summary(to_state: ReferralState, referral: Referral) -> str:
    # Spelled out so makemessages finds each string.
    texts = {
        ReferralState.ACCEPTED: _("Referral accepted by %(agency)s"),
        ReferralState.REJECTED: _("Referral rejected by %(agency)s"),
        ReferralState.COMPLETED: _("Referral completed by %(agency)s"),
        ReferralState.WITHDRAWN: _("Referral to %(agency)s withdrawn"),
    }
    return texts[to_state] % {"agency": referral.receiving_agency.name}


def _assign(*, referral: Referral, staff: Sequence[User], actor: User) -> None:
    if not staff:
        raise ValidationError({"staff": _("Choose who at your agency takes on the referral.")})
    for member in staff:
        if (
            member.agency is None
            or member.agency.pk != referral.receiving_agency_id
            or not member.is_active
            or not Role(member.role).reads_person_data
        ):
            raise ValidationError(
                {
                    "staff": _("%(name)s is not a caseworker at %(agency)s.")
                    % {"name": member.display_name, "agency": referral.receiving_agency.name}
                }
            )
    on_team = set(
        CaseMember.objects.filter(case=referral.case, staff__in=staff).values_list(
            "staff_id", flat=True
        )
    )
    for member in staff:
        if member.pk not in on_team:
            case_member_add(case=referral.case, staff=member, actor=actor)
    referral.assigned_staff.add(*staff)


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to_state: ReferralState | str,
    actor: User,
    note: str = "",
    staff: Sequence[User] = (),
) -> Referral:
    """Move a referral to another state, if the table allows it and the actor is on that side.

    Accepting assigns named staff of the receiving agency, who join the case
    team. The referral row is locked so two people cannot both act on it.
    """
    referral = (
        Referral.objects.select_for_update()
        .select_related("case", "person", "receiving_agency", "owning_agency")
        .get(pk=referral.pk)
    )
    try:
        target = ReferralState(to_state)
    except ValueError:
        raise ValidationError(_("Unknown state.")) from None
    current = ReferralState(referral.state)
    side = side_for(current, target)
    if side is None:
        raise ValidationError(
            _("A referral that is %(current)s cannot become %(target)s.")
            % {"current": current.label.lower(), "target": target.label.lower()}
        )
    if side not in sides_of(actor=actor, referral=referral):
        raise ValidationError(str(SIDE_MESSAGES[side]))
    note = note.strip()
    if target in NOTE_REQUIRED and not note:
        message = (
            _("Say why the referral is rejected.")
            if target is ReferralState.REJECTED
            else _("Describe what was done.")
        )
        raise ValidationError({"note": message})
    if target is ReferralState.ACCEPTED:
        # Consent is checked again: it may have been withdrawn since the referral was sent.
        _require_consent(case=referral.case, agency=referral.receiving_agency)
        _assign(referral=referral, staff=staff, actor=actor)
    agency = actor.agency
    if agency is None:  # sides_of gives no side to staff without an agency
        raise ValidationError(_("Only staff of an agency act on referrals."))
    now = timezone.now()
    ReferralTransition.objects.create(
        referral=referral,
        from_state=current,
        to_state=target,
        actor=actor,
        actor_agency=agency,
        occurred_at=now,
        note=note,
    )
    referral.state = target
    referral.last_changed_at = now
    referral.save(update_fields=["state", "last_changed_at"])
    timeline_event_emit(
        person=referral.person,
        actor=actor,
        category=Category.PLAN,
        kind=f"referral.{target.value}",
        summary=_summary(target, referral),
    )
    return referral


def referral_accept(
    *, referral: Referral, actor: User, staff: Sequence[User], note: str = ""
) -> Referral:
    return referral_transition(
        referral=referral, to_state=ReferralState.ACCEPTED, actor=actor, note=note, staff=staff
    )


def referral_reject(*, referral: Referral, actor: User, note: str) -> Referral:
    return referral_transition(
        referral=referral, to_state=ReferralState.REJECTED, actor=actor, note=note
    )


def referral_complete(*, referral: Referral, actor: User, note: str) -> Referral:
    return referral_transition(
        referral=referral, to_state=ReferralState.COMPLETED, actor=actor, note=note
    )


def referral_withdraw(*, referral: Referral, actor: User, note: str = "") -> Referral:
    return referral_transition(
        referral=referral, to_state=ReferralState.WITHDRAWN, actor=actor, note=note
    )
