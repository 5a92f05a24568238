"""Small counts are never shown: a count of 1–4 people is suppressed ("<5").

A count that is not itself small is also hidden ("×") when it and a shown
total would give away a small one by subtraction (secondary suppression).
Zero is shown: it tells nothing about anyone.
"""

from dataclasses import dataclass
from decimal import Decimal

SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class Cell:
    value: int
    hidden: bool = False  # secondary: hidden only to protect a small count elsewhere

    @property
    def small(self) -> bool:
        return 0 < self.value < SUPPRESS_BELOW

    @property
    def shown(self) -> bool:
        return not (self.small or self.hidden)

    def __str__(self) -> str:
        if self.small:
            return f"<{SUPPRESS_BELOW}"
        if self.hidden:
            return "×"
        return str(self.value)

    def export(self) -> int | str:
        """The value for a spreadsheet: a number when shown, else the marker."""
        return self.value if self.shown else str(self)


def cells_of_split(parts: list[int]) -> list[Cell]:
    """Cells for counts that add up to a shown total. If any part is small, every
    other non-zero part is hidden too, so no small part is total minus the rest."""
    any_small = any(0 < p < SUPPRESS_BELOW for p in parts)
    return [Cell(p, hidden=any_small and p >= SUPPRESS_BELOW) for p in parts]


def share_percent(part: int, whole: int) -> Decimal | None:
    """part/whole in per cent to one decimal; None when it would reveal a small count
    (the part or the rest is 1–4) or there is nothing to divide by."""
    rest = whole - part
    if whole == 0 or 0 < part < SUPPRESS_BELOW or 0 < rest < SUPPRESS_BELOW:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
