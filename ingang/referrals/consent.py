"""Does the person's consent let a referral go to an agency?

A referral hands the receiving agency the person's identity and (once they
join the team) the joint plan, so a CURRENT consent must cover the receiving
agency for both categories, and neither may be blocked. The messages use the
gate's own reasons and explanations (ingang.access.decisions), so the page
reads exactly like the gate ("No consent: plan data to Region Västerbotten").
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise

from ingang.access.decisions import Reason, explain, missing_consent_reason
from ingang.agencies.models import Agency
from ingang.consent.models import Block, Consent
from ingang.core.categories import Category
from ingang.people.models import Person

REFERRAL_CATEGORIES: tuple[Category, ...] = (Category.IDENTITY, Category.PLAN)


@dataclass(frozen=True)
class ConsentProblem:
    category: Category
    reason: str
    explanation: Promise | str


@dataclass(frozen=True)
class ReferralConsent:
    # The current consent covering each category, when there is one.
    covering: dict[Category, Consent]
    problems: list[ConsentProblem]

    @property
    def allowed(self) -> bool:
        return not self.problems

    @property
    def basis(self) -> str:
        """For access events: the consents that make the referral possible."""
        return ";".join(sorted({f"consent:{c.public_id}" for c in self.covering.values()}))


def referral_consent_checks(
    *, person_ids: Sequence[int], agency: Agency, today: date
) -> dict[int, ReferralConsent]:
    """referral_consent_check for many people and one agency, in two queries.

    Read afresh on every call: a withdrawal counts at once.
    """
    consents: dict[int, list[Consent]] = defaultdict(list)
    for consent in Consent.objects.filter(person_id__in=person_ids, agencies=agency).order_by(
        "-valid_from", "-id"
    ):
        consents[consent.person_id].append(consent)
    blocked: dict[int, set[str]] = defaultdict(set)
    for person_id, category in Block.objects.filter(
        person_id__in=person_ids, lifted_at__isnull=True, category__in=REFERRAL_CATEGORIES
    ).values_list("person_id", "category"):
        blocked[person_id].add(category)
    return {
        pk: _check(consents[pk], blocked[pk], agency, today) for pk in dict.fromkeys(person_ids)
    }


def referral_consent_check(*, person: Person, agency: Agency, today: date) -> ReferralConsent:
    """Whether a current consent covers a referral of the person to the agency, and if not, why."""
    return referral_consent_checks(person_ids=[person.pk], agency=agency, today=today)[person.pk]


def _check(
    consents: list[Consent], blocked: set[str], agency: Agency, today: date
) -> ReferralConsent:
    covering: dict[Category, Consent] = {}
    problems: list[ConsentProblem] = []
    for category in REFERRAL_CATEGORIES:
        if category.value in blocked:
            reason = Reason.BLOCKED
        else:
            found = [c for c in consents if category.value in c.categories]
            current = [c for c in found if c.is_current(today)]
            if current:
                covering[category] = current[0]
                continue
            reason = missing_consent_reason(found, today)
        problems.append(
            ConsentProblem(
                category,
                reason,
                explain(reason, category, agency.name),
            )
        )
    return ReferralConsent(covering, problems)
