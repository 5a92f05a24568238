"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer), validated by the `personnummer` library.

Stored normalised as twelve digits, YYYYMMDDNNNN, so the century is never
ambiguous; shown as YYYYMMDD-NNNN.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from personnummer import personnummer as pnr_lib


class InvalidIdentityNumber(ValueError):
    pass


@dataclass(frozen=True)
class IdentityNumber:
    digits: str  # YYYYMMDDNNNN
    is_coordination_number: bool
    birth_date: date

    @property
    def formatted(self) -> str:
        return f"{self.digits[:8]}-{self.digits[8:]}"


def parse_identity_number(raw: str) -> IdentityNumber:
    """Parse a personnummer or samordningsnummer in any common form.

    Accepts YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN and YYMMDD+NNNN (the plus
    marks someone aged 100 or more). Raises InvalidIdentityNumber with a
    message fit to show the user.
    """
    cleaned = (raw or "").strip().replace(" ", "")
    if not cleaned:
        raise InvalidIdentityNumber(_("Enter a personal identity number."))
    try:
        parsed = pnr_lib.Personnummer(cleaned)
    except pnr_lib.PersonnummerParseException:
        raise InvalidIdentityNumber(
            _("The identity number must be written as YYYYMMDD-NNNN.")
        ) from None
    except pnr_lib.PersonnummerInvalidException:
        raise InvalidIdentityNumber(
            _("The identity number is not valid (check digit or date is wrong).")
        ) from None
    born = parsed.get_date()
    if born > timezone.localdate():
        raise InvalidIdentityNumber(_("The identity number has a birth date in the future."))
    return IdentityNumber(
        digits=parsed.format(long_format=True),
        is_coordination_number=parsed.is_coordination_number(),
        birth_date=born,
    )
