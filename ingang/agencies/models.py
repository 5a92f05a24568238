from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    EMPLOYMENT_SERVICE = "af", _("Arbetsförmedlingen")
    SOCIAL_INSURANCE = "fk", _("Försäkringskassan")
    SOCIAL_SERVICES = "social_services", _("Municipal social services")
    LABOUR_MARKET_UNIT = "labour_market_unit", _("Municipal labour-market unit")
    HEALTH_CARE = "health_care", _("Region health care")
    PROVIDER = "provider", _("Provider")
    COORDINATION_ASSOCIATION = "coordination_association", _("Coordination association")


class Role(models.TextChoices):
    """A staff member's role. What each role may do is a property, not an if-chain in views."""

    FRONT_DESK = "front_desk", _("Front desk")
    CASEWORKER = "caseworker", _("Caseworker")
    COORDINATOR = "coordinator", _("Coordinator")
    MANAGER = "manager", _("Manager")
    ANALYST = "analyst", _("Analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")

    @property
    def reads_person_data(self) -> bool:
        """Roles that may read a person's data at all (still subject to the gate)."""
        return self in _PERSON_DATA_ROLES

    @property
    def reviews_access_log(self) -> bool:
        return self is Role.AUDITOR

    @property
    def analyses(self) -> bool:
        """Follow-up and coordination-association reports: aggregates only."""
        return self in (Role.ANALYST, Role.MANAGER)

    @property
    def administers(self) -> bool:
        return self is Role.ADMINISTRATOR

    @property
    def registers_people(self) -> bool:
        return self in _PERSON_DATA_ROLES


_PERSON_DATA_ROLES = frozenset({Role.FRONT_DESK, Role.CASEWORKER, Role.COORDINATOR, Role.MANAGER})


class Agency(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return f"{self.agency.short_name} – {self.name}"
