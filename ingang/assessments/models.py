"""The shared assessment instrument (gemensamt bedömningsinstrument), as data.

An Instrument has numbered versions; a version has dimensions, each rated
1–5 with an anchor text per score in Swedish and English. Once an assessment
uses a version, the version, its dimensions and anchors are frozen: saving or
deleting them raises InstrumentFrozen. Changes go into a new version, whose
dimensions are new rows, so old answers keep pointing at what was asked.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.people.models import Person

SCORES = range(1, 6)


class InstrumentFrozen(ValidationError):
    """The instrument version has been used; it can no longer change."""


def _in_english() -> bool:
    return (get_language() or "sv").startswith("en")


class Instrument(models.Model):
    code = models.SlugField(unique=True)
    name_sv = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.name_en if _in_english() else self.name_sv


class InstrumentVersion(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="instrument_version")
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.ensure_editable()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        self.ensure_editable()
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_used(self) -> bool:
        return self.pk is not None and Assessment.objects.filter(version_id=self.pk).exists()

    def ensure_editable(self) -> None:
        if self.is_used:
            raise InstrumentFrozen(
                _(
                    "Version %(number)s of the instrument is in use and cannot change; "
                    "make a new version instead."
                )
                % {"number": self.number}
            )


class Dimension(models.Model):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="dimensions"
    )
    # Stable across versions (e.g. "health"), so progress can be followed over versions.
    code = models.SlugField()
    order = models.PositiveSmallIntegerField()
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="dimension_code_per_version")
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: object, **kwargs: object) -> None:
        self.version.ensure_editable()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        self.version.ensure_editable()
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def name(self) -> str:
        return self.name_en if _in_english() else self.name_sv


class Anchor(models.Model):
    """What a score means on one dimension, in both languages."""

    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="anchors")
    score = models.PositiveSmallIntegerField()
    text_sv = models.TextField()
    text_en = models.TextField()

    class Meta:
        ordering = ["dimension", "score"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "score"], name="anchor_per_score"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="anchor_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.code} {self.score}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.dimension.version.ensure_editable()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        self.dimension.version.ensure_editable()
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return self.text_en if _in_english() else self.text_sv


class Assessment(models.Model):
    """One joint assessment of a person, by staff of one or more agencies.

    Assessment data (Category.ASSESSMENT), owned by the registering staff
    member's agency.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    assessed_on = models.DateField(_("date of the assessment"))
    note = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["person", "assessed_on"], name="assessment_person_date")]

    def __str__(self) -> str:
        return f"Assessment {self.public_id}"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="answers")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["dimension__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="answer_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="answer_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}: {self.score}"
