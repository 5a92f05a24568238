"""Demo referrals for one case: one waiting, one accepted, one stale."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ingang.accounts.models import User
from ingang.agencies.models import Agency, AgencyKind
from ingang.cases.models import Case
from ingang.referrals.consent import referral_consent_check
from ingang.referrals.models import Referral, Urgency
from ingang.referrals.selectors import receiving_staff
from ingang.referrals.services import referral_accept, referral_send

# (requested activity, reason) by the receiving agency's kind.
REQUESTS: dict[str, list[tuple[str, str]]] = {
    AgencyKind.HEALTH_CARE: [
        (
            "Läkarbedömning av arbetsförmåga",
            "Återkommande ryggsmärta begränsar deltagandet i praktiken.",
        ),
        ("Samtalsstöd vid nedstämdhet", "Personen berättar om sömnsvårigheter och oro."),
    ],
    AgencyKind.EMPLOYMENT_SERVICE: [
        ("Arbetsmarknadsutbildning inom vård", "Personen vill arbeta som undersköterska."),
        ("Praktik med handledare", "Redo att pröva arbete 50 % efter arbetsträning."),
    ],
    AgencyKind.SOCIAL_INSURANCE: [
        ("Avstämningsmöte om sjukpenning", "Planen ändras och omfattningen behöver ses över."),
    ],
    AgencyKind.SOCIAL_SERVICES: [
        ("Utredning av försörjningsstöd", "Ersättningen upphör och försörjningen är osäker."),
    ],
    AgencyKind.LABOUR_MARKET_UNIT: [
        ("Arbetsträning i kommunal verksamhet", "Behöver komma igång i lugn takt, 25 %."),
    ],
    AgencyKind.PROVIDER: [
        ("Arbetsträning 50 % i socialt företag", "Personen vill pröva ett praktiskt arbete."),
    ],
}
FALLBACK = [("Kartläggning och stödsamtal", "Behov av samordnade insatser.")]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _send(case: Case, sender: User, agency: Agency, rng: random.Random) -> Referral:
    activity, reason = rng.choice(REQUESTS.get(agency.kind, FALLBACK))
    return referral_send(
        case=case,
        actor=sender,
        receiving_agency=agency,
        reason=reason,
        requested_activity=activity,
        urgency=rng.choice(list(Urgency)),
    )


def _backdate(referral: Referral, day: date) -> None:
    """Demo only: make a referral look untouched since `day`, so it shows as stale."""
    at = _at(day)
    Referral.objects.filter(pk=referral.pk).update(sent_at=at, last_changed_at=at)
    referral.transitions.update(occurred_at=at)


def seed_case(*, case: Case, team: list[User], today: date, rng: random.Random) -> None:
    """A pending, an accepted and a stale referral from the coordinator (team[0]).

    Only agencies the person's consent covers receive referrals; with none,
    nothing is seeded.
    """
    sender = team[0]
    own = sender.agency
    today_ = timezone.localdate()
    agencies = Agency.objects.exclude(kind=AgencyKind.COORDINATION_ASSOCIATION)
    if own is not None:
        agencies = agencies.exclude(pk=own.pk)
    covered = [
        agency
        for agency in agencies
        if referral_consent_check(person=case.person, agency=agency, today=today_).allowed
    ]
    if not covered:
        return
    rng.shuffle(covered)
    pending = _send(case, sender, covered[0], rng)
    _backdate(pending, today - timedelta(days=rng.randint(1, 6)))

    target = covered[1 % len(covered)]
    staff = list(receiving_staff(target)[:1])
    if staff:
        accepted = _send(case, sender, target, rng)
        referral_accept(referral=accepted, actor=staff[0], staff=staff)

    stale = _send(case, sender, covered[2 % len(covered)], rng)
    _backdate(stale, today - timedelta(days=rng.randint(20, 40)))
