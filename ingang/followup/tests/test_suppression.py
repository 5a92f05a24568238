"""Small counts never show, and cannot be worked out from the totals."""

from ingang.followup.suppression import Suppressed, suppress


def _values(table: Suppressed) -> list[list[int | None]]:
    return [[c.value for c in row] for row in table.cells]


def _lines_hidden(table: Suppressed) -> list[int]:
    """How many entries each row and column (with its total) hides."""
    totals = table.row_totals or []
    rows = [
        sum(c.suppressed for c in row) + (totals[r].suppressed if totals else 0)
        for r, row in enumerate(table.cells)
    ]
    columns = [
        sum(row[c].suppressed for row in table.cells)
        + (table.column_totals[c].suppressed if table.column_totals else 0)
        for c in range(len(table.cells[0]))
    ]
    return rows + columns


def test_it_shows_counts_of_five_and_more_and_zeros() -> None:
    table = suppress([[5, 0], [7, 12]])
    assert _values(table) == [[5, 0], [7, 12]]
    assert [t.value for t in table.row_totals or []] == [5, 19]
    assert table.total is not None and table.total.value == 24


def test_it_hides_a_small_cell_and_a_second_one_so_the_row_total_does_not_give_it_away() -> None:
    table = suppress([[3, 10, 6], [8, 9, 7]])
    # 3 is hidden; without a second hidden cell 19 - 10 - 6 would give it back.
    assert _values(table)[0][0] is None
    assert sum(c.suppressed for c in table.cells[0]) == 2
    # The column of the 3 then holds one hidden cell: another one goes there too.
    assert sum(row[0].suppressed for row in table.cells) == 2
    assert all(n in (0, 2, 3) for n in _lines_hidden(table))


def test_it_hides_a_small_total_and_never_uses_a_known_zero_as_the_second_cell() -> None:
    # A zero beside a total of 0 is known to be zero: it would hide nothing.
    table = suppress([[8, 2], [0, 0]])
    assert _values(table) == [[None, None], [0, 0]]
    assert [t.value for t in table.column_totals or []] == [None, None]
    assert [t.value for t in table.row_totals or []] == [10, 0]


def test_it_protects_a_one_column_table_through_its_total() -> None:
    table = suppress([[6], [2], [13], [7]], row_totals=False)
    assert [row[0].value for row in table.cells] == [None, None, 13, 7]
    assert table.column_totals is not None and table.column_totals[0].value == 28
