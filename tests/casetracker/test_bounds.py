import pytest

from casetracker.bounds import Bounds


@pytest.mark.parametrize(
    ("minimum", "maximum", "shown"),
    [
        (16, None, "at least 16"),
        (16, 17, "16–17"),
        (16, 16, "16"),
        (None, 5, "up to 5"),
        (None, None, "unknown"),
        (0, 0, "0"),
    ],
)
def test_bounds_read_as_reported(minimum, maximum, shown):
    bounds = Bounds(minimum, maximum)
    assert str(bounds) == shown
    assert bounds.known == (minimum is not None or maximum is not None)


@pytest.mark.parametrize(("minimum", "maximum"), [(17, 16), (-1, None), (None, -3)])
def test_bounds_refuse_impossible_counts(minimum, maximum):
    with pytest.raises(ValueError, match=r"negative|above"):
        Bounds(minimum, maximum)
