from decimal import Decimal

from ingang.finsam.suppression import Cell, cells_of_split, share_percent


def test_it_shows_counts_under_five_as_under_five_but_zero_as_zero() -> None:
    assert [str(Cell(n)) for n in (0, 1, 4, 5, 120)] == ["0", "<5", "<5", "5", "120"]


def test_it_hides_the_other_parts_of_a_total_when_one_part_is_small() -> None:
    # 23 = 3 + 20: showing 20 beside the total would give away the 3.
    assert [str(c) for c in cells_of_split([3, 20])] == ["<5", "×"]
    assert [str(c) for c in cells_of_split([0, 20])] == ["0", "20"]
    assert [str(c) for c in cells_of_split([7, 20, 0])] == ["7", "20", "0"]


def test_it_gives_no_share_that_would_reveal_a_small_count() -> None:
    assert share_percent(6, 11) == Decimal("54.5")
    assert share_percent(7, 10) is None  # the other 3 would follow
    assert share_percent(3, 10) is None
    assert share_percent(10, 10) == Decimal("100.0")
    assert share_percent(0, 0) is None
