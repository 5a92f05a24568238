"""Small counts are never shown: primary and secondary suppression of a table.

A table is a grid of counts, optionally with row totals, column totals and a
grand total. Each shown total is an equation ("the cells of this row add up
to this") that could give a hidden cell away, so:

1. Primary: every cell or total from 1 to 4 is suppressed. Zero is shown:
   "nobody" points at no one.
2. Secondary: every line (a row with its shown total, a column with its shown
   total, and the line of totals with the grand total) must hold either no
   suppressed entry or at least two. Where a line holds exactly one, the
   smallest non-zero visible cell of that line is suppressed as well; if the
   line has no such cell, its total is. Zeros are never the second cell: a
   zero in a row whose total is 0 is known to be zero, so it would hide
   nothing. This repeats until no line changes, since one new suppression
   can leave another line with a single hidden entry.

This is the "at least two per line" rule statistical agencies use; it stops
subtraction from a total. It does not solve every system of equations a
determined reader could set up over several published tables; publishing
the same cohort with other filters can narrow an interval (see docs/followup.md).
"""

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class Shown:
    """A count as published: `value` is None when suppressed."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return ".." if self.value is None else str(self.value)


@dataclass(frozen=True)
class Suppressed:
    cells: list[list[Shown]]
    row_totals: list[Shown] | None
    column_totals: list[Shown] | None
    total: Shown | None


def suppress(
    counts: Sequence[Sequence[int]], *, row_totals: bool = True, column_totals: bool = True
) -> Suppressed:
    """Suppress small counts in `counts` (rows × columns) and whatever totals are shown."""
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    # The grid extended with the totals that are shown: (rows + 1) × (columns + 1).
    grid: dict[tuple[int, int], int] = {}
    for r in range(rows):
        for c in range(columns):
            grid[r, c] = counts[r][c]
    if row_totals:
        for r in range(rows):
            grid[r, columns] = sum(counts[r])
    if column_totals:
        for c in range(columns):
            grid[rows, c] = sum(counts[r][c] for r in range(rows))
    if row_totals and column_totals:
        grid[rows, columns] = sum(sum(row) for row in counts)

    # Each line: its entries, the total last (a candidate only when no cell is left).
    # The two lines of totals come last, so that cells settle first: a totals line
    # asking first would hide a total a column was about to hide anyway.
    lines: list[list[tuple[int, int]]] = []
    if row_totals:
        lines += [[(r, c) for c in range(columns + 1)] for r in range(rows)]
    if column_totals:
        lines += [[(r, c) for r in range(rows + 1)] for c in range(columns)]
    if row_totals and column_totals:
        lines.append([(rows, c) for c in range(columns + 1)])
        lines.append([(r, columns) for r in range(rows + 1)])

    hidden = {key for key, value in grid.items() if 0 < value < THRESHOLD}
    while True:
        # Fix the first line holding a single hidden entry, then look again from the top.
        for line in lines:
            if sum(1 for key in line if key in hidden) != 1:
                continue
            *cells, total = line
            nonzero = [key for key in cells if key not in hidden and grid[key] > 0]
            if nonzero:
                hidden.add(min(nonzero, key=lambda key: (grid[key], key)))
                break
            if total not in hidden:
                hidden.add(total)
                break
            # A hidden total with nothing beside it to hide: there is nothing to give away.
        else:
            break

    def shown(key: tuple[int, int]) -> Shown:
        return Shown(None if key in hidden else grid[key])

    return Suppressed(
        cells=[[shown((r, c)) for c in range(columns)] for r in range(rows)],
        row_totals=[shown((r, columns)) for r in range(rows)] if row_totals else None,
        column_totals=[shown((rows, c)) for c in range(columns)] if column_totals else None,
        total=shown((rows, columns)) if row_totals and column_totals else None,
    )
