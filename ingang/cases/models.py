import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.people.models import Person


class CaseState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Case(models.Model):
    """A coordination case (samverkansärende): one open case per person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coordinated_cases"
    )
    state = models.CharField(max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(state="open"),
                name="case_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Case {self.public_id}"


class CaseMember(models.Model):
    """A named staff member on a case team."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="case_member_unique")]

    def __str__(self) -> str:
        return f"Member {self.staff_id} of case {self.case_id}"
